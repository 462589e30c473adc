package io.jenkins.plugins.iamjanitor.core.deletion;

import java.util.Objects;

/**
 * One planned IAM call.
 *
 * @param target what the call acts on besides the user: access key id, certificate id, SSH key id, credential id,
 *               MFA serial, policy ARN, inline policy name or group name; null for user-level calls
 */
public record DeletionStep(DeletionAction action, String userName, String target) {
    public DeletionStep {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(userName, "userName");
    }

    /** E.g. {@code DeleteAccessKey(UserName=alice, AKIA...)}. */
    public String describe() {
        return action.apiName() + "(UserName=" + userName + (target == null ? "" : ", " + target) + ")";
    }
}
