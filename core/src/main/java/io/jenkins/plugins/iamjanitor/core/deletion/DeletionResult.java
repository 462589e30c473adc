package io.jenkins.plugins.iamjanitor.core.deletion;

import java.util.List;

/**
 * @param reason     one line for people (why kept / failed / skipped); null when deleted as planned
 * @param backupFile where the backup snapshot was written, as a path string; null when none was written
 * @param plan       the ordered calls (executed ones for DELETED, intended ones for PLANNED)
 * @param quarantine the quarantine stage of a user remediated by quarantine; null for a plain deletion
 */
public record DeletionResult(
        String userName, DeletionStatus status, String reason, String backupFile, List<DeletionStep> plan,
        QuarantineState quarantine) {
    public DeletionResult {
        plan = plan == null ? List.of() : List.copyOf(plan);
    }

    public DeletionResult(String userName, DeletionStatus status, String reason, String backupFile,
            List<DeletionStep> plan) {
        this(userName, status, reason, backupFile, plan, null);
    }

    /** The same result carrying this quarantine stage (e.g. a deletion that ended a quarantine). */
    public DeletionResult withQuarantine(QuarantineState state) {
        return new DeletionResult(userName, status, reason, backupFile, plan, state);
    }
}
