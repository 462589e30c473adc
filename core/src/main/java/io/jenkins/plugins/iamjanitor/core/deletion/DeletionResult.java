package io.jenkins.plugins.iamjanitor.core.deletion;

import java.util.List;

/**
 * @param reason     one line for people (why kept / failed / skipped); null when deleted as planned
 * @param backupFile where the backup snapshot was written, as a path string; null when none was written
 * @param plan       the ordered calls (executed ones for DELETED, intended ones for PLANNED)
 */
public record DeletionResult(
        String userName, DeletionStatus status, String reason, String backupFile, List<DeletionStep> plan) {
    public DeletionResult {
        plan = plan == null ? List.of() : List.copyOf(plan);
    }
}
