package io.jenkins.plugins.iamjanitor.core.quarantine;

import io.jenkins.plugins.iamjanitor.core.activity.ActivityLookup;
import io.jenkins.plugins.iamjanitor.core.activity.ActivityQuery;
import io.jenkins.plugins.iamjanitor.core.approval.ApprovalRecord;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionResult;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionStatus;
import io.jenkins.plugins.iamjanitor.core.deletion.QuarantineState;
import io.jenkins.plugins.iamjanitor.core.deletion.UserSnapshot;
import io.jenkins.plugins.iamjanitor.core.model.AccessKey;
import io.jenkins.plugins.iamjanitor.core.model.IamUser;
import io.jenkins.plugins.iamjanitor.core.model.Tag;
import io.jenkins.plugins.iamjanitor.core.port.BackupStore;
import io.jenkins.plugins.iamjanitor.core.port.ProgressListener;
import io.jenkins.plugins.iamjanitor.core.review.ReviewRecord;
import io.jenkins.plugins.iamjanitor.core.review.UserStage;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The later run of a quarantine. For every user a review of this account quarantined: if anything happened since the
 * quarantine date (use in IAM's last-used data or in CloudTrail, failed calls with the deactivated keys included, a
 * new or reactivated credential, changed tags or permissions) the user becomes "wanted back?" and the approvers get
 * the evidence; otherwise, once the quarantine is {@code deleteAfterDays} old, the user is deleted by the ordinary
 * deleter (re-check, backup, cap) under the approval recorded at quarantine time.
 */
public final class QuarantineSweep {
    /** @param status QUARANTINED (still waiting), WANTED_BACK, DELETED, or another deleter status */
    public record Outcome(String reviewId, String userName, DeletionStatus status, String line) {
    }

    private final QuarantinePorts ports;
    private final QuarantineSettings settings;
    private final String accountId;
    private final boolean dryRun;
    private final FollowUps followUps;
    private final Clock clock;

    public QuarantineSweep(QuarantinePorts ports, QuarantineSettings settings, String accountId, boolean dryRun,
            String doneStatus, Clock clock) {
        this.ports = Objects.requireNonNull(ports, "ports");
        Objects.requireNonNull(ports.activity(), "a sweep needs the activity log");
        Objects.requireNonNull(ports.deleter(), "a sweep needs the deleter");
        this.settings = settings;
        this.accountId = accountId;
        this.dryRun = dryRun;
        this.followUps = new FollowUps(ports, doneStatus);
        this.clock = clock;
    }

    public List<Outcome> sweep(ProgressListener progress) {
        List<Outcome> outcomes = new ArrayList<>();
        for (ReviewRecord stored : ports.store().list()) {
            if (!Objects.equals(stored.accountId(), accountId) || stored.dryRun()) {
                continue;
            }
            ReviewRecord record = stored;
            List<String> changed = new ArrayList<>();
            for (DeletionResult r : stored.deletions()) {
                if (r.status() != DeletionStatus.QUARANTINED || r.quarantine() == null) {
                    continue;
                }
                DeletionResult next = check(record, r, progress);
                outcomes.add(new Outcome(record.reviewId(), r.userName(), next.status(),
                        r.userName() + ": " + (next == r ? UserStage.of(record, r.userName()).describe()
                                : next.status() + (next.reason() == null ? "" : " - " + next.reason()))));
                if (next != r && !dryRun) {
                    record = record.withDeletion(next, clock.instant());
                    changed.add(r.userName());
                }
            }
            if (!changed.isEmpty()) {
                followUps.publish(record, "Quarantine follow-up", changed, progress);
            }
        }
        return outcomes;
    }

    /** The user's new result, or {@code r} itself when nothing changes this run. */
    private DeletionResult check(ReviewRecord record, DeletionResult r, ProgressListener progress) {
        String user = r.userName();
        QuarantineState q = r.quarantine();
        Instant now = clock.instant();
        Optional<UserSnapshot> current = ports.reader().snapshot(user);
        Optional<IamUser> live = ports.directory().fetchLive(user);
        if (current.isEmpty() || live.isEmpty()) {
            return new DeletionResult(user, DeletionStatus.NOT_FOUND, "deleted outside IAM Janitor during the"
                    + " quarantine", r.backupFile(), List.of(), q.endedAt(now));
        }
        BackupStore.Backup original = ports.backups().read(q.originalBackup());
        if (!Objects.equals(original.snapshot().userId(), current.get().userId())) {
            return wantedBack(r, q, List.of("the user was recreated (new unique id " + current.get().userId() + ")"),
                    progress);
        }
        ActivityLookup trail = ports.activity().lookup(new ActivityQuery(user,
                current.get().accessKeys().stream().map(AccessKey::accessKeyId).toList(), q.since(),
                settings.trailRegions()));
        List<String> signs = QuarantineSigns.of(original.snapshot(), current.get(), live.get(), trail, q.since(),
                expectedTags(original.snapshot(), q, record.reviewId()));
        if (!signs.isEmpty()) {
            return wantedBack(r, q, signs, progress);
        }
        if (!trail.failedRegions().isEmpty()) {
            progress.progress(user + ": CloudTrail could not be searched in " + trail.failedRegions().keySet()
                    + "; not deleted this run");
            return r;
        }
        if (now.isBefore(q.deleteAfter())) {
            progress.progress(user + ": " + UserStage.of(record, user).describe() + "; nothing happened so far");
            return r;
        }
        progress.progress(user + ": quarantined since " + q.since() + ", nothing happened; "
                + (dryRun ? "would delete it" : "deleting it"));
        ApprovalRecord approval = original.approval();
        List<DeletionResult> results = ports.deleter().delete(List.of(approval), progress);
        DeletionResult done = results.isEmpty() ? null : results.get(0);
        if (done == null || dryRun) {
            return r;
        }
        return switch (done.status()) {
            case DELETED, NOT_FOUND -> done.withQuarantine(q.endedAt(now));
            case KEPT -> wantedBack(r, q, List.of(done.reason()), progress);
            default -> {
                // Failed or over the cap: still quarantined; the next run tries again.
                progress.progress(user + ": " + done.status() + " - " + done.reason() + "; still quarantined");
                yield r;
            }
        };
    }

    private DeletionResult wantedBack(DeletionResult r, QuarantineState q, List<String> signs,
            ProgressListener progress) {
        progress.progress(r.userName() + ": wanted back? " + String.join("; ", signs));
        return new DeletionResult(r.userName(), DeletionStatus.WANTED_BACK, "something happened during the"
                + " quarantine; approvers decide: release it, or delete it with a new approval", r.backupFile(),
                List.of(), q.withSigns(signs));
    }

    /** The original tags (minus stale marks of ours) plus the two the quarantine added. */
    static Set<Tag> expectedTags(UserSnapshot original, QuarantineState q, String reviewId) {
        Set<Tag> expected = new HashSet<>();
        original.tags().stream()
                .filter(t -> !t.key().equals(QuarantineMarks.QUARANTINED_AT_TAG) && !t.key().equals(
                        QuarantineMarks.REVIEW_TAG))
                .forEach(expected::add);
        expected.add(new Tag(QuarantineMarks.QUARANTINED_AT_TAG, QuarantinePlanner.tagValue(q.since())));
        expected.add(new Tag(QuarantineMarks.REVIEW_TAG, reviewId));
        return expected;
    }
}
