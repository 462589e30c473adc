package io.jenkins.plugins.iamjanitor.core.quarantine;

/** The IAM calls of a quarantine (first four, in the order they run) and of its release (last three). */
public enum QuarantineAction {
    /** First: an explicit deny overrides every allow, so the user can do nothing even before its keys are off. */
    PUT_DENY_POLICY("PutUserPolicy"),
    DEACTIVATE_ACCESS_KEY("UpdateAccessKey"),
    DELETE_LOGIN_PROFILE("DeleteLoginProfile"),
    /** Last: the tags say the quarantine is complete, and the date it started. */
    TAG_USER("TagUser"),
    ACTIVATE_ACCESS_KEY("UpdateAccessKey"),
    DELETE_DENY_POLICY("DeleteUserPolicy"),
    UNTAG_USER("UntagUser");

    private final String apiName;

    QuarantineAction(String apiName) {
        this.apiName = apiName;
    }

    /** The AWS API operation, as in plans, logs, CloudTrail and the IAM policy. */
    public String apiName() {
        return apiName;
    }
}
