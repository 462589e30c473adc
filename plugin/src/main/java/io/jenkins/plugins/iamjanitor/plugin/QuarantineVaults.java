package io.jenkins.plugins.iamjanitor.plugin;

import hudson.Extension;
import hudson.ExtensionList;
import hudson.model.Job;
import hudson.model.Run;
import io.jenkins.plugins.iamjanitor.core.port.ReportStore;
import io.jenkins.plugins.iamjanitor.core.review.ReviewRecord;
import io.jenkins.plugins.iamjanitor.plugin.review.BuildReports;
import io.jenkins.plugins.iamjanitor.plugin.review.BuildReview;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;

/**
 * The Jenkins side of {@link QuarantineVault}: one vault per job under {@code JENKINS_HOME/iam-janitor/quarantine/}
 * (the job's full name, URL-encoded, as the folder: unique and file-safe), one lock per job for the life of the
 * controller, and the mirror into the build that ran the review while Jenkins still keeps it.
 */
@Extension
public final class QuarantineVaults {
    private static final Logger LOGGER = Logger.getLogger(QuarantineVaults.class.getName());
    static final String DIR = "iam-janitor/quarantine";

    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    static QuarantineVaults get() {
        return ExtensionList.lookupSingleton(QuarantineVaults.class);
    }

    QuarantineVault of(Job<?, ?> job) {
        String key = URLEncoder.encode(job.getFullName(), StandardCharsets.UTF_8);
        Path dir = Jenkins.get().getRootDir().toPath().resolve(DIR).resolve(key);
        return new QuarantineVault(dir, locks.computeIfAbsent(key, k -> new ReentrantLock()),
                (record, build) -> review(job, build, record.reviewId())
                        .ifPresent(r -> r.update(x -> record)));
    }

    /** The build's review of that id while Jenkins still keeps the build. */
    static Optional<BuildReview> review(Job<?, ?> job, int build, String reviewId) {
        Run<?, ?> run = job.getBuildByNumber(build);
        if (run == null) {
            return Optional.empty();
        }
        return BuildReview.all(run).stream().filter(r -> r.getReviewId().equals(reviewId)).findFirst();
    }

    /** Rewrites the archived reports of the review's build, when it still exists; a failure is only logged. */
    static ReportStore reports(Job<?, ?> job, QuarantineVault vault) {
        return record -> {
            Optional<BuildReview> review = vault.placement(record.reviewId())
                    .flatMap(p -> review(job, p.build(), record.reviewId()));
            if (review.isEmpty()) {
                return List.of();
            }
            try {
                return BuildReports.archive(review.get());
            } catch (RuntimeException e) {
                LOGGER.log(Level.WARNING, "IAM Janitor: reports of " + record.reviewId() + " not rewritten", e);
                return List.of();
            }
        };
    }

    /** Where the review ran, for messages: the build's URL-relative name or "a discarded build". */
    static String where(Job<?, ?> job, QuarantineVault.Placement p) {
        Run<?, ?> run = job.getBuildByNumber(p.build());
        return run == null ? "build #" + p.build() + " (discarded)" : run.getFullDisplayName();
    }

    /** The record as the vault holds it, else as the build holds it. */
    static ReviewRecord current(QuarantineVault vault, BuildReview review) {
        return vault.load(review.getReviewId()).orElseGet(review::record);
    }
}
