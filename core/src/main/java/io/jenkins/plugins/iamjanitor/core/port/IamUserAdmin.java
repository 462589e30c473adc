package io.jenkins.plugins.iamjanitor.core.port;

import io.jenkins.plugins.iamjanitor.core.deletion.DeletionStep;
import io.jenkins.plugins.iamjanitor.core.deletion.StepResult;
import io.jenkins.plugins.iamjanitor.core.deletion.UserSnapshot;
import java.util.List;
import java.util.Optional;

/**
 * The destructive side of IAM. Core decides what to call and in which order; the adapter only performs single calls.
 * Dry-run never reaches this port.
 */
public interface IamUserAdmin {

    /** Reads every dependent of the user, live, all list calls paginated. Empty when the user does not exist. */
    Optional<UserSnapshot> snapshot(String userName);

    /**
     * Performs one call. NoSuchEntity on the target yields {@link StepResult#ALREADY_GONE}; DeleteConflict throws
     * {@link io.jenkins.plugins.iamjanitor.core.deletion.DeleteConflictException}; anything else, after retries,
     * throws {@link ServiceException}.
     */
    StepResult apply(DeletionStep step);

    /**
     * Recreates what can be recreated from a backup: the user (path, tags, boundary), groups, attached and inline
     * policies, SSH public keys and signing certificates. Returns one line per thing that cannot come back (the new
     * unique id, access key secrets, the password, MFA seeds) or that failed.
     */
    List<String> restore(UserSnapshot snapshot);
}
