package io.jenkins.plugins.iamjanitor.core.quarantine;

import io.jenkins.plugins.iamjanitor.core.approval.ApprovalRecord;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionResult;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionSettings;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionStatus;
import io.jenkins.plugins.iamjanitor.core.deletion.LiveChecks;
import io.jenkins.plugins.iamjanitor.core.deletion.QuarantineState;
import io.jenkins.plugins.iamjanitor.core.deletion.StepResult;
import io.jenkins.plugins.iamjanitor.core.deletion.UserSnapshot;
import io.jenkins.plugins.iamjanitor.core.model.IamUser;
import io.jenkins.plugins.iamjanitor.core.policy.InactivityPolicy;
import io.jenkins.plugins.iamjanitor.core.port.BackupStore;
import io.jenkins.plugins.iamjanitor.core.port.IamDirectory;
import io.jenkins.plugins.iamjanitor.core.port.IamQuarantineAdmin;
import io.jenkins.plugins.iamjanitor.core.port.IamUserAdmin;
import io.jenkins.plugins.iamjanitor.core.port.ProgressListener;
import io.jenkins.plugins.iamjanitor.core.port.ServiceException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Quarantines approved users instead of deleting them, with the deleter's guards (approval, exemptions, live
 * re-check, backup before the first change, per-run cap): deny-all inline policy, every access key deactivated, the
 * console password removed, then the tags. Nothing is deleted but the login profile, which AWS cannot suspend.
 * Idempotent: a re-run after a crash reuses the first backup and makes only the calls still missing.
 */
public final class UserQuarantiner {
    private static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

    private final IamDirectory directory;
    private final IamUserAdmin reader;
    private final IamQuarantineAdmin admin;
    private final BackupStore backups;
    private final InactivityPolicy policy;
    private final DeletionSettings deletion;
    private final QuarantineSettings settings;
    private final Supplier<String> reviewId;
    private final Clock clock;

    /** @param reviewId the review the approvals belong to, read when a user is tagged */
    public UserQuarantiner(IamDirectory directory, IamUserAdmin reader, IamQuarantineAdmin admin,
            BackupStore backups, InactivityPolicy policy, DeletionSettings deletion, QuarantineSettings settings,
            Supplier<String> reviewId, Clock clock) {
        this.directory = directory;
        this.reader = reader;
        this.admin = admin;
        this.backups = backups;
        this.policy = policy;
        this.deletion = deletion;
        this.settings = settings;
        this.reviewId = reviewId;
        this.clock = clock;
    }

    /** One result per approval, in order; the same shape as {@code UserDeleter.delete}, so a review can use either. */
    public List<DeletionResult> quarantine(List<ApprovalRecord> approvals, ProgressListener progress) {
        List<DeletionResult> results = new ArrayList<>();
        int attempted = 0;
        progress.progress((deletion.dryRun() ? "Dry run (nothing will change)" : "Quarantining") + ": "
                + approvals.size() + " approved user(s), cap " + deletion.maxDeletions() + " per run");
        for (int i = 0; i < approvals.size(); i++) {
            ApprovalRecord approval = approvals.get(i);
            String prefix = "[" + (i + 1) + "/" + approvals.size() + "] " + approval.userName() + ": ";
            DeletionResult result;
            if (attempted >= deletion.maxDeletions()) {
                result = new DeletionResult(approval.userName(), DeletionStatus.SKIPPED, "per-run cap of "
                        + deletion.maxDeletions() + " reached; not attempted, run again to continue", null, null);
            } else {
                result = safely(approval, line -> progress.progress(prefix + line));
                attempted += result.status() == DeletionStatus.KEPT || result.status() == DeletionStatus.NOT_FOUND
                        ? 0 : 1;
            }
            progress.progress(prefix + result.status() + (result.reason() == null ? "" : " - " + result.reason()));
            results.add(result);
        }
        return results;
    }

    private DeletionResult safely(ApprovalRecord approval, ProgressListener progress) {
        try {
            return quarantineOne(approval, progress);
        } catch (RuntimeException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new DeletionResult(approval.userName(), DeletionStatus.FAILED, message, null, null);
        }
    }

    private DeletionResult quarantineOne(ApprovalRecord approval, ProgressListener progress) {
        String name = approval.userName();
        if (name.isBlank() || approval.approvedAt().isAfter(clock.instant().plus(MAX_CLOCK_SKEW))) {
            return result(name, DeletionStatus.KEPT, "approval names no user or is dated in the future", null, null);
        }
        Optional<UserSnapshot> found = reader.snapshot(name);
        if (found.isEmpty()) {
            return result(name, DeletionStatus.NOT_FOUND, "user does not exist", null, null);
        }
        UserSnapshot snapshot = found.get();
        Optional<String> exempt = policy.exemption(new IamUser(name, snapshot.userId(), snapshot.arn(),
                snapshot.path(), snapshot.createDate(), snapshot.tags(), snapshot.groups(), null, null, null, null,
                null, null));
        if (exempt.isPresent()) {
            return result(name, DeletionStatus.KEPT, exempt.get(), null, null);
        }
        Instant since = QuarantinePlanner.tag(snapshot, QuarantineMarks.QUARANTINED_AT_TAG)
                .flatMap(UserQuarantiner::parse).orElse(clock.instant());
        String review = reviewId.get();
        List<QuarantineStep> plan = QuarantinePlanner.quarantine(snapshot, review, since);
        List<String> calls = plan.stream().map(QuarantineStep::describe).toList();
        if (deletion.dryRun()) {
            calls.forEach(c -> progress.progress("would call " + c));
            return result(name, DeletionStatus.PLANNED, "quarantine planned (dry run)", null,
                    new QuarantineState(null, null, null, calls, null, null));
        }
        Optional<String> earlier = backups.find(name, snapshot.userId(), approval);
        String backup;
        if (earlier.isPresent()) {
            // An earlier run passed the re-check and began: finishing the quarantine is the safe direction.
            backup = earlier.get();
            progress.progress("resuming the quarantine begun earlier; backup " + backup);
        } else {
            Optional<IamUser> live = directory.fetchLive(name);
            if (live.isEmpty()) {
                return result(name, DeletionStatus.NOT_FOUND, "user disappeared before the re-check", null, null);
            }
            Optional<String> activity = LiveChecks.activitySince(live.get(), approval.evidenceLastActivity());
            if (activity.isPresent()) {
                return result(name, DeletionStatus.KEPT, "used since the approval's evidence: " + activity.get(),
                        null, null);
            }
            backup = backups.write(snapshot, approval);
            // A re-quarantine after a release may get the older backup that still covers the user: link it, so a
            // crash from here on finds it again instead of writing the half-quarantined state as the original.
            backups.remember(backup, approval);
            progress.progress("backup written to " + backup);
        }
        QuarantineState state = new QuarantineState(since, since.plus(settings.deleteAfter()), backup, calls, null,
                null);
        for (QuarantineStep step : plan) {
            try {
                StepResult r = admin.apply(step);
                progress.progress(step.describe() + (r == StepResult.ALREADY_GONE ? " - already done" : " - done"));
            } catch (ServiceException e) {
                return result(name, DeletionStatus.FAILED, step.describe() + " failed: " + e.getMessage()
                        + "; run again to finish (completed calls are skipped)", backup, state);
            }
        }
        return result(name, DeletionStatus.QUARANTINED, summary(backups.read(backup).snapshot()), backup, state);
    }

    private static String summary(UserSnapshot s) {
        long keys = s.accessKeys().stream()
                .filter(k -> k.status() == io.jenkins.plugins.iamjanitor.core.model.CredentialStatus.ACTIVE).count();
        return "quarantined: deny-all policy attached, " + keys + " active access key(s) deactivated"
                + (s.loginProfile() ? ", console password removed" : "") + "; nothing deleted";
    }

    private static DeletionResult result(String name, DeletionStatus status, String reason, String backup,
            QuarantineState state) {
        return new DeletionResult(name, status, reason, backup, List.of(), state);
    }

    static Optional<Instant> parse(String tagValue) {
        try {
            return Optional.of(Instant.parse(tagValue));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
