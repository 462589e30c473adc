package io.jenkins.plugins.iamjanitor.core.quarantine;

import java.util.Objects;

/**
 * One planned quarantine or release call.
 *
 * @param target the access key id, the deny policy's name or the tag key; null for DeleteLoginProfile
 * @param value  the tag value for TagUser, the policy document for PutUserPolicy; null otherwise
 */
public record QuarantineStep(QuarantineAction action, String userName, String target, String value) {
    public QuarantineStep {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(userName, "userName");
    }

    /** E.g. {@code UpdateAccessKey(UserName=alice, AKIA..., Status=Inactive)}; never prints a policy document. */
    public String describe() {
        String detail = switch (action) {
            case DEACTIVATE_ACCESS_KEY -> ", " + target + ", Status=Inactive";
            case ACTIVATE_ACCESS_KEY -> ", " + target + ", Status=Active";
            case PUT_DENY_POLICY, DELETE_DENY_POLICY -> ", PolicyName=" + target;
            case TAG_USER -> ", " + target + "=" + value;
            case UNTAG_USER -> ", TagKeys=" + target;
            case DELETE_LOGIN_PROFILE -> "";
        };
        return action.apiName() + "(UserName=" + userName + detail + ")";
    }
}
