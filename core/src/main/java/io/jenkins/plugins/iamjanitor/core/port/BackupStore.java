package io.jenkins.plugins.iamjanitor.core.port;

import io.jenkins.plugins.iamjanitor.core.approval.ApprovalRecord;
import io.jenkins.plugins.iamjanitor.core.deletion.UserSnapshot;

/** Where a user's backup is written before the first destructive call. */
public interface BackupStore {

    /**
     * Writes the snapshot and the approval atomically (temp file, fsync, rename) and returns where it is. Must not
     * return before the data is durable.
     */
    String write(UserSnapshot snapshot, ApprovalRecord approval);

    /** Reads a backup written by {@link #write}. */
    Backup read(String location);

    /** Where the backups of users of this name are, oldest first; empty when this store holds none. */
    default java.util.List<String> backupsOf(String userName) {
        return java.util.List.of();
    }

    record Backup(UserSnapshot snapshot, ApprovalRecord approval) {
    }
}
