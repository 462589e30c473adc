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

    /**
     * The backup already written for this user (same unique id) under this very approval, if any. A quarantine
     * re-run after a crash must reuse it: a fresh snapshot would record keys the first run had already deactivated,
     * and a release from it would leave them off.
     */
    default java.util.Optional<String> find(String userName, String userId, ApprovalRecord approval) {
        return java.util.Optional.empty();
    }

    /**
     * Records that the backup at {@code location}, which {@link #write} returned for {@code approval} although it was
     * written under another one (it already covered the user), answers this approval too, so {@link #find} finds it.
     */
    default void remember(String location, ApprovalRecord approval) {
    }

    /** Where the backups of users of this name are, oldest first; empty when this store holds none. */
    default java.util.List<String> backupsOf(String userName) {
        return java.util.List.of();
    }

    record Backup(UserSnapshot snapshot, ApprovalRecord approval) {
    }
}
