package io.jenkins.plugins.iamjanitor.core.deletion;

import io.jenkins.plugins.iamjanitor.core.model.IamUser;
import java.time.Instant;
import java.util.Optional;

/**
 * The live re-check, for remediations other than deletion (quarantine): the same rule {@link UserDeleter} applies,
 * so a quarantine can never accept a user the deleter would keep.
 */
public final class LiveChecks {
    private LiveChecks() {
    }

    /** Why the user must be kept, or empty when nothing happened after {@code evidence}. */
    public static Optional<String> activitySince(IamUser live, Instant evidence) {
        return LiveRecheck.activitySince(live, evidence);
    }
}
