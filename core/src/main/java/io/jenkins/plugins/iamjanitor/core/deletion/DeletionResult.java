package io.jenkins.plugins.iamjanitor.core.deletion;

import java.util.List;

/**
 * @param reason     one line for people (why kept / failed / skipped); null when deleted as planned
 * @param backupFile where the backup snapshot was written (or, for NOT_FOUND, the backup an earlier run wrote), as a
 *                   path string; null when none
 * @param plan       the ordered calls: made ones for DELETED and FAILED, intended ones for PLANNED
 * @param notRun     calls the plan held that were not made (a FAILED user stopped before them); never printed as
 *                   made
 * @param quarantine the quarantine stage of a user remediated by quarantine; null for a plain deletion
 */
public record DeletionResult(
        String userName, DeletionStatus status, String reason, String backupFile, List<DeletionStep> plan,
        List<DeletionStep> notRun, QuarantineState quarantine) {
    public DeletionResult {
        plan = plan == null ? List.of() : List.copyOf(plan);
        notRun = notRun == null ? List.of() : List.copyOf(notRun);
    }

    public DeletionResult(String userName, DeletionStatus status, String reason, String backupFile,
            List<DeletionStep> plan) {
        this(userName, status, reason, backupFile, plan, List.of(), null);
    }

    public DeletionResult(String userName, DeletionStatus status, String reason, String backupFile,
            List<DeletionStep> plan, List<DeletionStep> notRun) {
        this(userName, status, reason, backupFile, plan, notRun, null);
    }

    public DeletionResult(String userName, DeletionStatus status, String reason, String backupFile,
            List<DeletionStep> plan, QuarantineState quarantine) {
        this(userName, status, reason, backupFile, plan, List.of(), quarantine);
    }

    /** The same result carrying this quarantine stage (e.g. a deletion that ended a quarantine). */
    public DeletionResult withQuarantine(QuarantineState state) {
        return new DeletionResult(userName, status, reason, backupFile, plan, notRun, state);
    }
}
