package io.jenkins.plugins.iamjanitor.core.deletion;

import io.jenkins.plugins.iamjanitor.core.approval.ApprovalRecord;
import io.jenkins.plugins.iamjanitor.core.model.IamUser;
import io.jenkins.plugins.iamjanitor.core.model.MfaDevice;
import io.jenkins.plugins.iamjanitor.core.policy.InactivityPolicy;
import io.jenkins.plugins.iamjanitor.core.policy.Outcome;
import io.jenkins.plugins.iamjanitor.core.policy.Verdict;
import io.jenkins.plugins.iamjanitor.core.port.BackupStore;
import io.jenkins.plugins.iamjanitor.core.port.IamDirectory;
import io.jenkins.plugins.iamjanitor.core.port.IamUserAdmin;
import io.jenkins.plugins.iamjanitor.core.port.ProgressListener;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Deletes approved users safely: approval present, not exempt, fresh live re-check, backup written, then every
 * dependent in order and finally the user. Idempotent: a re-run after a crash finishes the job.
 */
public final class UserDeleter {
    /** Approvals stamped further ahead than this are refused: a clock that wrong makes the record untrustworthy. */
    private static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

    private final IamDirectory directory;
    private final IamUserAdmin admin;
    private final BackupStore backups;
    private final InactivityPolicy policy;
    private final DeletionSettings settings;
    private final Clock clock;

    public UserDeleter(IamDirectory directory, IamUserAdmin admin, BackupStore backups, InactivityPolicy policy,
            DeletionSettings settings, Clock clock) {
        this.directory = directory;
        this.admin = admin;
        this.backups = backups;
        this.policy = policy;
        this.settings = settings;
        this.clock = clock;
    }

    /** One result per approval, in order. Users not named in an approval are never touched. */
    public List<DeletionResult> delete(List<ApprovalRecord> approvals, ProgressListener progress) {
        return delete(approvals, progress, DeletionIntent.Listener.NONE);
    }

    /**
     * As {@link #delete(List, ProgressListener)}, telling {@code intents} about each user after its backup is written
     * and before its first destructive call; a listener that throws leaves that user untouched (FAILED).
     */
    public List<DeletionResult> delete(List<ApprovalRecord> approvals, ProgressListener progress,
            DeletionIntent.Listener intents) {
        List<DeletionResult> results = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int attempted = 0;
        String mode = settings.dryRun() ? "Dry run (nothing will change)" : "Deleting";
        progress.progress(mode + ": " + approvals.size() + " approved user(s), cap " + settings.maxDeletions()
                + " per run");
        for (int i = 0; i < approvals.size(); i++) {
            ApprovalRecord approval = approvals.get(i);
            String name = approval.userName();
            String prefix = "[" + (i + 1) + "/" + approvals.size() + "] " + name + ": ";
            DeletionResult result;
            if (!seen.add(name.toLowerCase(Locale.ROOT))) {
                result = new DeletionResult(name, DeletionStatus.SKIPPED, "duplicate approval in this run", null,
                        null);
            } else if (attempted >= settings.maxDeletions()) {
                result = new DeletionResult(name, DeletionStatus.SKIPPED, "per-run cap of " + settings.maxDeletions()
                        + " deletion(s) reached; not attempted, run again to continue", null, null);
            } else {
                result = safely(approval, line -> progress.progress(prefix + line), intents);
                if (result.status() == DeletionStatus.PLANNED || result.status() == DeletionStatus.DELETED
                        || result.status() == DeletionStatus.FAILED) {
                    attempted++;
                }
            }
            progress.progress(prefix + result.status() + (result.reason() == null ? "" : " - " + result.reason()));
            results.add(result);
        }
        long skipped = results.stream().filter(r -> r.status() == DeletionStatus.SKIPPED
                && r.reason().startsWith("per-run cap")).count();
        if (skipped > 0) {
            progress.progress("Stopped at the per-run cap of " + settings.maxDeletions() + ": " + skipped
                    + " approved user(s) left for the next run");
        }
        return results;
    }

    /** One user's failure (a service error after retries, an unwritable backup) never stops the others. */
    private DeletionResult safely(ApprovalRecord approval, ProgressListener progress,
            DeletionIntent.Listener intents) {
        try {
            return deleteOne(approval, progress, intents);
        } catch (RuntimeException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new DeletionResult(approval.userName(), DeletionStatus.FAILED, message, null, null);
        }
    }

    /**
     * The user of an intent recorded by an interrupted run: DELETED with the intent's backup when the user is gone and
     * that backup is of the same unique id (we deleted it); empty when the user still exists or the backup disagrees,
     * so the caller runs the deletion normally.
     */
    public Optional<DeletionResult> finishedBefore(DeletionIntent intent) {
        if (admin.snapshot(intent.userName()).isPresent()) {
            return Optional.empty();
        }
        UserSnapshot backedUp;
        try {
            backedUp = backups.read(intent.backupFile()).snapshot();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        if (intent.userId() == null || !intent.userId().equals(backedUp.userId())) {
            return Optional.empty();
        }
        return Optional.of(new DeletionResult(intent.userName(), DeletionStatus.DELETED,
                "deleted by an earlier run that stopped before recording it (backup of " + intent.userId() + ")",
                intent.backupFile(), DeletionPlanner.plan(backedUp)));
    }

    private DeletionResult deleteOne(ApprovalRecord approval, ProgressListener progress,
            DeletionIntent.Listener intents) {
        String name = approval.userName();
        if (name.isBlank()) {
            return new DeletionResult(name, DeletionStatus.FAILED, "approval names no user", null, null);
        }
        if (approval.approvedAt().isAfter(clock.instant().plus(MAX_CLOCK_SKEW))) {
            return kept(name, "approval is dated in the future (" + approval.approvedAt() + "); refusing it", null);
        }
        progress.progress("approved by " + approval.approverId() + " via " + approval.channel()
                + (approval.ticketKey() == null ? "" : " (" + approval.ticketKey() + ")") + " at "
                + approval.approvedAt());
        Optional<UserSnapshot> found = admin.snapshot(name);
        if (found.isEmpty()) {
            return notFound(name);
        }
        UserSnapshot snapshot = found.get();
        Optional<String> exempt = policy.exemption(asUser(snapshot));
        if (exempt.isPresent()) {
            return kept(name, exempt.get(), null);
        }
        List<DeletionStep> plan = DeletionPlanner.plan(snapshot);
        if (settings.dryRun()) {
            plan.forEach(step -> progress.progress("would call " + step.describe()));
            return new DeletionResult(name, DeletionStatus.PLANNED, null, null, plan);
        }
        Optional<IamUser> live = directory.fetchLive(name);
        if (live.isEmpty()) {
            return new DeletionResult(name, DeletionStatus.NOT_FOUND, "user disappeared before the re-check", null,
                    null);
        }
        IamUser current = LiveRecheck.complete(live.get(), snapshot);
        Optional<String> activity = LiveRecheck.activitySince(current, approval.evidenceLastActivity());
        if (activity.isPresent()) {
            return kept(name, "used since the approval's evidence: " + activity.get(), null);
        }
        // The whole policy again, with the scan's settings: unknown activity (SSH keys, certificates, service-specific
        // credentials) blocks here exactly as it blocks flagging, whoever named the user.
        Verdict verdict = policy.evaluate(current);
        if (verdict.outcome() != Outcome.INACTIVE) {
            return kept(name, "no longer rated inactive at the re-check: " + verdict.reason(), null);
        }
        String backup;
        try {
            backup = backups.write(snapshot, approval);
        } catch (RuntimeException e) {
            return new DeletionResult(name, DeletionStatus.FAILED, "backup could not be written, nothing deleted: "
                    + e.getMessage(), null, List.of(), plan);
        }
        progress.progress("backup written to " + backup);
        try {
            intents.beforeFirstCall(new DeletionIntent(name, snapshot.userId(), backup, clock.instant()));
        } catch (RuntimeException e) {
            return new DeletionResult(name, DeletionStatus.FAILED, "the deletion intent could not be recorded, "
                    + "nothing deleted: " + e.getMessage(), backup, List.of(), plan);
        }
        plan = withOrphanedVirtualMfa(plan, snapshot, backup);
        return new StepRunner(admin, snapshot, progress).run(plan, backup);
    }

    /**
     * A run that stopped between DeactivateMFADevice and DeleteVirtualMFADevice leaves a device the user's listing no
     * longer shows; the original backup still names it, so the re-run deletes it too.
     */
    private List<DeletionStep> withOrphanedVirtualMfa(List<DeletionStep> plan, UserSnapshot now, String location) {
        UserSnapshot original = backups.read(location).snapshot();
        if (!Objects.equals(original.userId(), now.userId())) {
            return plan;
        }
        Set<String> current = new HashSet<>();
        now.mfaDevices().forEach(m -> current.add(m.serialNumber()));
        List<DeletionStep> out = new ArrayList<>(plan);
        for (MfaDevice mfa : original.mfaDevices()) {
            if (mfa.virtual() && !current.contains(mfa.serialNumber())) {
                out.add(new DeletionStep(DeletionAction.DELETE_VIRTUAL_MFA_DEVICE, now.userName(),
                        mfa.serialNumber()));
            }
        }
        return DeletionPlanner.sorted(out);
    }

    /**
     * A user that does not exist is either one an earlier run deleted (we hold its backup) or a name nobody here knows,
     * e.g. a typo: the two must not look alike, so the second carries no backup and says so.
     */
    private DeletionResult notFound(String name) {
        List<String> earlier = backups.backupsOf(name);
        if (earlier.isEmpty()) {
            return new DeletionResult(name, DeletionStatus.NOT_FOUND, "no such user, and no backup of ours names it"
                    + " (check the name)", null, null);
        }
        String latest = earlier.get(earlier.size() - 1);
        return new DeletionResult(name, DeletionStatus.NOT_FOUND, "already deleted by an earlier run (backup "
                + latest + ")", latest, null);
    }

    private static DeletionResult kept(String name, String reason, String backup) {
        return new DeletionResult(name, DeletionStatus.KEPT, reason, backup, null);
    }

    /** Only the fields exemptions look at: name, path, tags and groups. */
    private static IamUser asUser(UserSnapshot s) {
        return new IamUser(s.userName(), s.userId(), s.arn(), s.path(), s.createDate(), s.tags(), s.groups(), null,
                null, null, null, null, null);
    }
}
