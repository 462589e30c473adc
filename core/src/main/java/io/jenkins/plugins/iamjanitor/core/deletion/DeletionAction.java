package io.jenkins.plugins.iamjanitor.core.deletion;

/** The IAM calls of a user teardown, in the order they must run. {@code DELETE_USER} is always last. */
public enum DeletionAction {
    DELETE_LOGIN_PROFILE("DeleteLoginProfile"),
    DELETE_ACCESS_KEY("DeleteAccessKey"),
    DELETE_SIGNING_CERTIFICATE("DeleteSigningCertificate"),
    DELETE_SSH_PUBLIC_KEY("DeleteSSHPublicKey"),
    DELETE_SERVICE_SPECIFIC_CREDENTIAL("DeleteServiceSpecificCredential"),
    DEACTIVATE_MFA_DEVICE("DeactivateMFADevice"),
    DELETE_VIRTUAL_MFA_DEVICE("DeleteVirtualMFADevice"),
    DETACH_USER_POLICY("DetachUserPolicy"),
    DELETE_USER_POLICY("DeleteUserPolicy"),
    REMOVE_USER_FROM_GROUP("RemoveUserFromGroup"),
    DELETE_USER_PERMISSIONS_BOUNDARY("DeleteUserPermissionsBoundary"),
    DELETE_USER("DeleteUser");

    private final String apiName;

    DeletionAction(String apiName) {
        this.apiName = apiName;
    }

    /** The AWS API operation name, as it appears in plans, logs and CloudTrail. */
    public String apiName() {
        return apiName;
    }
}
