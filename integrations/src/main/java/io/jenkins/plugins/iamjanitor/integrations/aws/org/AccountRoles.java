package io.jenkins.plugins.iamjanitor.integrations.aws.org;

import io.jenkins.plugins.iamjanitor.integrations.aws.AwsCredentialsSource;
import io.jenkins.plugins.iamjanitor.integrations.aws.AwsSettings;
import java.util.Objects;

/**
 * How the tool enters each member account: STS AssumeRole into {@code arn:<partition>:iam::<account>:role/<roleName>}
 * on top of the management (or delegated-administrator) credentials, with the external id and the session name that
 * says who runs the tool, as for a single account.
 *
 * @param roleName    {@code OrganizationAccountAccessRole} by default (docs/aws.md describes a narrower role)
 * @param externalId  may be null
 * @param sessionName shows in each account's CloudTrail as who acted
 * @param partition   {@code aws}, {@code aws-us-gov} or {@code aws-cn}
 */
public record AccountRoles(String roleName, String externalId, String sessionName, String partition) {
    public static final String DEFAULT_ROLE = "OrganizationAccountAccessRole";

    public AccountRoles {
        roleName = roleName == null || roleName.isBlank() ? DEFAULT_ROLE : roleName.strip();
        // A role name may carry a path (e.g. "iam-janitor/reader"); anything else would build another account's ARN.
        if (!roleName.matches("[\\w+=,.@/-]{1,512}") || roleName.startsWith("/") || roleName.contains("::")) {
            throw new IllegalArgumentException("--role-name must be an IAM role name (optionally with a path), got '"
                    + roleName + "'");
        }
        partition = partition == null ? "aws" : partition;
        Objects.requireNonNull(sessionName, "sessionName");
    }

    public String roleArn(String accountId) {
        return "arn:" + partition + ":iam::" + accountId + ":role/" + roleName;
    }

    /**
     * The settings for one account: the same endpoints and retries as {@code management}, credentials assumed into
     * that account on top of the management credentials (so one account's keys never serve another).
     */
    public AwsSettings forAccount(AwsSettings management, String accountId) {
        return management.withCredentials(new AwsCredentialsSource.AssumeRole(roleArn(accountId), externalId,
                sessionName, management.credentials()));
    }

    @Override
    public String toString() {
        return "AccountRoles[roleName=" + roleName + ", externalId=" + (externalId == null ? "none" : "****")
                + ", sessionName=" + sessionName + ", partition=" + partition + "]";
    }
}
