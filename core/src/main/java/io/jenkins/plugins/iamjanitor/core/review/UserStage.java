package io.jenkins.plugins.iamjanitor.core.review;

import io.jenkins.plugins.iamjanitor.core.approval.Decision;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionResult;
import io.jenkins.plugins.iamjanitor.core.deletion.QuarantineState;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

/**
 * One user's path through a review, for people: flagged → approved → quarantined since … → deleted / released, and
 * what happens next and when. The review record, the ticket, Slack and the reports all print it the same way.
 *
 * @param path       e.g. "flagged → approved → quarantined since 2026-11-29"
 * @param nextAction e.g. "delete if unused"; null when nothing more will happen
 * @param nextAt     the earliest date of the next action; null when it waits on people or nothing is next
 */
public record UserStage(String path, String nextAction, Instant nextAt) {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

    public static UserStage of(ReviewRecord record, String user) {
        var decision = record.decisionFor(user);
        if (decision.isEmpty()) {
            return new UserStage("flagged", record.approval() == null ? "approval" : null, null);
        }
        if (decision.get().decision() != Decision.APPROVE) {
            return new UserStage("flagged → kept", null, null);
        }
        Optional<DeletionResult> result = record.deletionFor(user);
        if (result.isEmpty()) {
            return new UserStage("flagged → approved", record.finished() ? null : "remediation", null);
        }
        DeletionResult r = result.get();
        QuarantineState q = r.quarantine();
        String quarantined = q == null || q.since() == null ? "" : " → quarantined since " + day(q.since());
        String path = "flagged → approved" + quarantined;
        return switch (r.status()) {
            case QUARANTINED -> new UserStage(path, "delete if nothing happens meanwhile", q.deleteAfter());
            case WANTED_BACK -> new UserStage(path + " → wanted back?", "approvers decide: release or delete", null);
            case RELEASED -> new UserStage(path + " → released " + day(q.endedAt()), null, null);
            case DELETED -> new UserStage(path + " → deleted" + (q == null || q.endedAt() == null ? ""
                    : " " + day(q.endedAt())), null, null);
            case PLANNED -> new UserStage(path + " → " + (q == null ? "deletion" : "quarantine")
                    + " planned (dry run)", null, null);
            case FAILED -> new UserStage(path + " → failed", "run again", null);
            default -> new UserStage(path + " → " + r.status().name().toLowerCase(Locale.ROOT).replace('_', ' '),
                    null, null);
        };
    }

    /** "…; next: delete if nothing happens meanwhile on or after 2026-12-29", for one-line displays. */
    public String describe() {
        return path + (nextAction == null ? "" : "; next: " + nextAction
                + (nextAt == null ? "" : " on or after " + day(nextAt)));
    }

    /** The next action's date as yyyy-MM-dd, or "" when there is none. */
    public String nextDate() {
        return nextAt == null ? "" : day(nextAt);
    }

    static String day(Instant when) {
        return when == null ? "?" : DAY.format(when);
    }
}
