package io.jenkins.plugins.iamjanitor.core.deletion;

import java.util.List;

/**
 * @param reason     one line for people (why kept / failed / skipped); null when deleted as planned
 * @param backupFile where the backup snapshot was written (or, for NOT_FOUND, the backup an earlier run wrote), as a
 *                   path string; null when none
 * @param plan       the ordered calls: made ones for DELETED and FAILED, intended ones for PLANNED
 * @param notRun     calls the plan held that were not made (a FAILED user stopped before them); never printed as
 *                   made
 */
public record DeletionResult(
        String userName, DeletionStatus status, String reason, String backupFile, List<DeletionStep> plan,
        List<DeletionStep> notRun) {
    public DeletionResult {
        plan = plan == null ? List.of() : List.copyOf(plan);
        notRun = notRun == null ? List.of() : List.copyOf(notRun);
    }

    public DeletionResult(String userName, DeletionStatus status, String reason, String backupFile,
            List<DeletionStep> plan) {
        this(userName, status, reason, backupFile, plan, List.of());
    }
}
