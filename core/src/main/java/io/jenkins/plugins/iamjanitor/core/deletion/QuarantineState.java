package io.jenkins.plugins.iamjanitor.core.deletion;

import java.time.Instant;
import java.util.List;

/**
 * Where one user stands in a quarantine: kept in the review record with the user's result, so the record, the
 * ticket, Slack and the reports can show the stage and the date of the next action.
 *
 * @param since          when the quarantine was applied (also the {@code iam-janitor:quarantined-at} tag)
 * @param deleteAfter    the earliest date a later run deletes the user, if nothing happened meanwhile
 * @param originalBackup the backup written before the quarantine: the state a release restores
 * @param calls          the IAM calls of the quarantine (made, or planned in a dry run)
 * @param signs          what happened during the quarantine (for WANTED_BACK); empty otherwise
 * @param endedAt        when the user was deleted or released; null while quarantined
 */
public record QuarantineState(
        Instant since,
        Instant deleteAfter,
        String originalBackup,
        List<String> calls,
        List<String> signs,
        Instant endedAt) {
    public QuarantineState {
        calls = calls == null ? List.of() : List.copyOf(calls);
        signs = signs == null ? List.of() : List.copyOf(signs);
    }

    public QuarantineState withSigns(List<String> newSigns) {
        return new QuarantineState(since, deleteAfter, originalBackup, calls, newSigns, endedAt);
    }

    public QuarantineState endedAt(Instant when) {
        return new QuarantineState(since, deleteAfter, originalBackup, calls, signs, when);
    }
}
