package io.jenkins.plugins.iamjanitor.core.quarantine;

import io.jenkins.plugins.iamjanitor.core.deletion.DeletionResult;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionStatus;
import io.jenkins.plugins.iamjanitor.core.deletion.QuarantineState;
import io.jenkins.plugins.iamjanitor.core.deletion.StepResult;
import io.jenkins.plugins.iamjanitor.core.deletion.UserSnapshot;
import io.jenkins.plugins.iamjanitor.core.port.ProgressListener;
import io.jenkins.plugins.iamjanitor.core.review.ReviewRecord;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Undoes a quarantine exactly from the backup taken before it (CLI {@code release USER}; a Pipeline step or the review
 * page's button can call the same method): the keys that were active are reactivated, the deny policy and the tags
 * removed. The console password cannot come back (AWS never reveals it); on request a new login profile is created
 * that must be changed at the first sign-in. The review record, ticket, Slack and reports say "released".
 */
public final class QuarantineRelease {
    /**
     * @param calls the IAM calls made (or, in a dry run, planned)
     * @param notes what a person must know, e.g. that the password did not come back
     */
    public record Outcome(String userName, String reviewId, boolean dryRun, List<String> calls, List<String> notes) {
    }

    private final QuarantinePorts ports;
    private final FollowUps followUps;
    private final Clock clock;

    /** @param doneStatus the ticket status once nothing in the review is pending; null to leave the ticket open */
    public QuarantineRelease(QuarantinePorts ports, String doneStatus, Clock clock) {
        this.ports = Objects.requireNonNull(ports, "ports");
        this.followUps = new FollowUps(ports, doneStatus);
        this.clock = clock;
    }

    /**
     * @param releasedBy      who asked, recorded on the review (e.g. "cli:alice", a Jenkins user id)
     * @param initialPassword when not null, a new console password that must be reset at the first sign-in; never
     *                        logged or stored
     * @throws IllegalArgumentException when the user is not quarantined by a review in the store
     */
    public Outcome release(String userName, String releasedBy, boolean dryRun, char[] initialPassword,
            ProgressListener progress) {
        UserSnapshot now = ports.reader().snapshot(userName)
                .orElseThrow(() -> new IllegalArgumentException("user " + userName + " does not exist"));
        ReviewRecord record = reviewOf(now);
        DeletionResult result = record.deletionFor(userName).orElseThrow();
        QuarantineState q = result.quarantine();
        UserSnapshot original = ports.backups().read(q.originalBackup()).snapshot();
        if (!Objects.equals(original.userId(), now.userId())) {
            throw new IllegalArgumentException("user " + userName + " was recreated since the quarantine (unique id "
                    + now.userId() + ", backup " + original.userId() + "); not releasing a different user");
        }
        List<QuarantineStep> plan = QuarantinePlanner.release(original, now);
        List<String> calls = new ArrayList<>(plan.stream().map(QuarantineStep::describe).toList());
        List<String> notes = new ArrayList<>();
        if (original.loginProfile()) {
            notes.add(initialPassword == null ? "the console password cannot come back (AWS never reveals it);"
                    + " ask for a new login profile with a forced reset (--create-login-profile)"
                    : "the old console password cannot come back; a new one was set that must be changed at the"
                    + " first sign-in");
        }
        if (initialPassword != null && !now.loginProfile()) {
            calls.add("CreateLoginProfile(UserName=" + userName + ", PasswordResetRequired=true)");
        }
        if (dryRun) {
            calls.forEach(c -> progress.progress("would call " + c));
            return new Outcome(userName, record.reviewId(), true, calls, notes);
        }
        progress.progress("releasing " + userName + " from review " + record.reviewId() + " using backup "
                + q.originalBackup());
        for (QuarantineStep step : plan) {
            StepResult r = ports.admin().apply(step);
            progress.progress(step.describe() + (r == StepResult.ALREADY_GONE ? " - already done" : " - done"));
        }
        if (initialPassword != null && !now.loginProfile()) {
            ports.admin().createLoginProfile(userName, initialPassword);
            progress.progress("CreateLoginProfile(UserName=" + userName + ", PasswordResetRequired=true) - done");
        }
        notes.forEach(n -> progress.progress("note: " + n));
        DeletionResult released = new DeletionResult(userName, DeletionStatus.RELEASED, "released by " + releasedBy
                + (notes.isEmpty() ? "" : "; " + String.join("; ", notes)), result.backupFile(), List.of(),
                q.endedAt(clock.instant()));
        followUps.publish(record.withDeletion(released, clock.instant()), "Quarantine released", List.of(userName),
                progress);
        return new Outcome(userName, record.reviewId(), false, calls, notes);
    }

    /** The review named by the user's tag, else the newest one that quarantined it. */
    private ReviewRecord reviewOf(UserSnapshot user) {
        Optional<ReviewRecord> tagged = QuarantinePlanner.tag(user, QuarantineMarks.REVIEW_TAG)
                .flatMap(id -> ports.store().load(id))
                .filter(r -> quarantined(r, user.userName()));
        if (tagged.isPresent()) {
            return tagged.get();
        }
        List<ReviewRecord> all = ports.store().list();
        for (int i = all.size() - 1; i >= 0; i--) {
            if (quarantined(all.get(i), user.userName())) {
                return all.get(i);
            }
        }
        throw new IllegalArgumentException("user " + user.userName() + " is not quarantined by any review in this"
                + " state directory; nothing to release");
    }

    private static boolean quarantined(ReviewRecord r, String user) {
        return r.deletionFor(user).filter(d -> d.quarantine() != null && d.quarantine().originalBackup() != null
                && (d.status() == DeletionStatus.QUARANTINED || d.status() == DeletionStatus.WANTED_BACK
                        || d.status() == DeletionStatus.FAILED)).isPresent();
    }
}
