package io.jenkins.plugins.iamjanitor.core.deletion;

import java.time.Instant;
import java.util.Objects;

/**
 * What the deleter is about to destroy, recorded durably after the backup is written and before the first destructive
 * call. A run killed between a successful DeleteUser and saving its result leaves this behind: the resumed run then
 * knows the user is gone because of us (the backup names the same unique id), records it as deleted with that backup
 * and counts it against the cap.
 *
 * @param userId     IAM's unique id (AIDA...): a user re-created under the same name has another one
 * @param backupFile where the backup was written
 */
public record DeletionIntent(String userName, String userId, String backupFile, Instant recordedAt) {
    public DeletionIntent {
        Objects.requireNonNull(userName, "userName");
        Objects.requireNonNull(backupFile, "backupFile");
    }

    /** Told before the first destructive call on a user; it must make the intent durable or throw. */
    @FunctionalInterface
    public interface Listener {
        Listener NONE = intent -> { };

        void beforeFirstCall(DeletionIntent intent);
    }
}
