package io.jenkins.plugins.iamjanitor.core.port;

import io.jenkins.plugins.iamjanitor.core.deletion.StepResult;
import io.jenkins.plugins.iamjanitor.core.quarantine.QuarantineStep;

/**
 * The reversible IAM calls of a quarantine and its release. Core decides what to call and in which order; the
 * adapter performs single calls. Dry-run never reaches this port.
 */
public interface IamQuarantineAdmin {

    /**
     * Performs one call. NoSuchEntity on what a removal targets (a login profile, the deny policy) yields
     * {@link StepResult#ALREADY_GONE}; anything else, after retries, throws {@link ServiceException}.
     */
    StepResult apply(QuarantineStep step);

    /**
     * Gives the user a console password again, which must be changed at the first sign-in (PasswordResetRequired).
     * The password is never logged or kept.
     */
    void createLoginProfile(String userName, char[] initialPassword);
}
