package io.jenkins.plugins.iamjanitor.plugin;

import io.jenkins.plugins.iamjanitor.core.deletion.DeletionResult;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionStatus;
import io.jenkins.plugins.iamjanitor.core.port.ReviewStore;
import io.jenkins.plugins.iamjanitor.core.review.ReviewRecord;
import io.jenkins.plugins.iamjanitor.integrations.review.JsonReviewStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * Where one job's quarantines live on the controller: {@code JENKINS_HOME/iam-janitor/quarantine/<job>/}. A
 * quarantine lasts weeks, longer than many jobs keep their builds, so the build directory (where {@link
 * io.jenkins.plugins.iamjanitor.plugin.review.BuildReview} keeps the review) is no place for what the later sweep and a
 * release need: the review record ({@code reviews/}), the backups taken before the quarantine ({@code backups/}) and
 * where the review ran ({@code placements/}: build number and AWS target). Every change the sweep or a release makes
 * is written here first and copied into the build's own record while that build still exists ({@link Mirror}).
 * Read-modify-write of the records happens under the job's lock ({@link #locked}). No Jenkins types: unit-testable.
 */
final class QuarantineVault {
    /** Where a quarantining review ran: the build (for the page and reports) and the AWS target it acted on. */
    record Placement(int build, AwsTarget target) {
    }

    /** Copies a saved record into the build that ran the review, when that build still exists. */
    @FunctionalInterface
    interface Mirror {
        Mirror NONE = (record, build) -> { };

        void saved(ReviewRecord record, int build);
    }

    private final Path dir;
    private final ReentrantLock lock;
    private final Mirror mirror;
    private final JsonReviewStore records;

    QuarantineVault(Path dir, ReentrantLock lock, Mirror mirror) {
        this.dir = dir;
        this.lock = lock;
        this.mirror = mirror;
        this.records = new JsonReviewStore(dir.resolve("reviews"));
    }

    Path directory() {
        return dir;
    }

    /** The backups of quarantined users: a release months later still finds the state before the quarantine. */
    Path backupDir() {
        return dir.resolve("backups");
    }

    /** Runs {@code work} holding the job's lock: one sweep, release or quarantine copy at a time per job. */
    <T> T locked(Callable<T> work) throws Exception {
        lock.lockInterruptibly();
        try {
            return work.call();
        } finally {
            lock.unlock();
        }
    }

    /** Like {@link #locked}, giving up after {@code seconds} (a web request must not wait for a whole sweep). */
    <T> Optional<T> tryLocked(long seconds, Callable<T> work) throws Exception {
        if (!lock.tryLock(seconds, TimeUnit.SECONDS)) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(work.call());
        } finally {
            lock.unlock();
        }
    }

    /**
     * Copies the build's record of a real quarantine here (call under the lock, after each user's result), with
     * where it ran. The build's copy holds everything written here too (the {@link Mirror}), so copying it is safe.
     */
    void keep(ReviewRecord record, Placement placement) {
        if (record.dryRun()) {
            return;
        }
        if (placement(record.reviewId()).isEmpty()) {
            writePlacement(record.reviewId(), placement);
        }
        records.save(record);
    }

    /** The store the core's sweep and release use: reads from here, writes here and into the build. */
    ReviewStore store(Predicate<ReviewRecord> only) {
        return new ReviewStore() {
            @Override
            public void save(ReviewRecord record) {
                records.save(record);
                placement(record.reviewId()).ifPresent(p -> mirror.saved(record, p.build()));
            }

            @Override
            public Optional<ReviewRecord> load(String reviewId) {
                return records.load(reviewId).filter(only);
            }

            @Override
            public List<ReviewRecord> list() {
                return records.list().stream().filter(only).toList();
            }
        };
    }

    Optional<ReviewRecord> load(String reviewId) {
        return records.load(reviewId);
    }

    /** Real reviews with a user still quarantined: what a sweep looks at. */
    List<ReviewRecord> pending() {
        return records.list().stream()
                .filter(r -> !r.dryRun() && r.deletions().stream()
                        .anyMatch(d -> d.status() == DeletionStatus.QUARANTINED && d.quarantine() != null))
                .toList();
    }

    /** The newest review holding this user quarantined, wanted back, or failed half-way: what a release undoes. */
    Optional<ReviewRecord> holding(String user) {
        List<ReviewRecord> all = records.list();
        for (int i = all.size() - 1; i >= 0; i--) {
            Optional<DeletionResult> d = all.get(i).deletionFor(user);
            if (d.isPresent() && releasable(d.get())) {
                return Optional.of(all.get(i));
            }
        }
        return Optional.empty();
    }

    static boolean releasable(DeletionResult d) {
        return d.quarantine() != null && d.quarantine().originalBackup() != null
                && (d.status() == DeletionStatus.QUARANTINED || d.status() == DeletionStatus.WANTED_BACK
                        || d.status() == DeletionStatus.FAILED);
    }

    Optional<Placement> placement(String reviewId) {
        Path file = placementFile(reviewId);
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return Optional.of(new Placement(Integer.parseInt(p.getProperty("build", "0")), new AwsTarget(
                p.getProperty("credentialsId"), p.getProperty("region"), p.getProperty("roleArn"), null)));
    }

    private void writePlacement(String reviewId, Placement placement) {
        Properties p = new Properties();
        p.setProperty("build", Integer.toString(placement.build()));
        // The external id is not kept: it is read from the configuration again when the role is the configured one.
        AwsTarget t = placement.target();
        if (t.credentialsId() != null) {
            p.setProperty("credentialsId", t.credentialsId());
        }
        if (t.region() != null) {
            p.setProperty("region", t.region());
        }
        if (t.roleArn() != null) {
            p.setProperty("roleArn", t.roleArn());
        }
        Path file = placementFile(reviewId);
        try {
            Files.createDirectories(dir.resolve("placements"));
            Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                p.store(out, "IAM Janitor: where review " + reviewId + " ran");
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private Path placementFile(String reviewId) {
        // fileOf validates the id (letters, digits, '.', '_', '-'), so it is a safe file name here too.
        records.fileOf(reviewId);
        return dir.resolve("placements").resolve(reviewId + ".properties");
    }
}
