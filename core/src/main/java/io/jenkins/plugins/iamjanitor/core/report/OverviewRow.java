package io.jenkins.plugins.iamjanitor.core.report;

/**
 * One row of a report's overview table: everything a reviewer scans a user for, in display strings. The same rows
 * feed the HTML page, the Markdown file, the JSON report and (later) the Jenkins build page, so every view agrees.
 *
 * @param anchor       the id of the user's detail section or row in the HTML page; null when it has none
 * @param verdict      the policy outcome in words ("inactive", "exempt", "grace period", ...)
 * @param daysInactive whole days since the last activity; -1 when unknown
 * @param driving      the credential that decided the verdict
 * @param decision     "approve", "keep", "no decision", "pending", or "" for users not under review
 * @param decidedBy    the approver's name (and id when it differs); "" when none
 * @param channel      where the decision was made; "" when none
 * @param outcome      the deletion status ("DELETED", "PLANNED", "KEPT", ...), "not deleted", or "" when not
 *                     under review
 * @param outcomeReason why kept, skipped or failed; "" otherwise
 * @param backup       the backup file; "" when none
 * @param flagged      whether the scan flagged the user (only flagged users are reviewed)
 */
public record OverviewRow(
        String userName,
        String accountId,
        String anchor,
        String verdict,
        long daysInactive,
        String driving,
        String decision,
        String decidedBy,
        String channel,
        String outcome,
        String outcomeReason,
        String backup,
        boolean flagged) {
}
