package io.jenkins.plugins.iamjanitor.core.config;

/**
 * One AWS account to work on, as the policy file names it. Every field is optional: with none set the SDK's default
 * credential chain and region are used.
 *
 * @param name       a label for reports (only in {@code accounts} entries); may be null
 * @param accountId  the 12-digit account id the credentials must belong to (only in {@code accounts}); may be null
 * @param profile    named profile of ~/.aws/config and credentials
 * @param region     signing region (IAM is global)
 * @param roleArn    role to assume on top of the profile or default credentials
 * @param externalId external id for the role
 */
public record AwsTarget(String name, String accountId, String profile, String region, String roleArn,
        String externalId) {
    public static final AwsTarget NONE = new AwsTarget(null, null, null, null, null, null);

    public boolean isEmpty() {
        return equals(NONE);
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        append(out, "name", name);
        append(out, "accountId", accountId);
        append(out, "profile", profile);
        append(out, "region", region);
        append(out, "roleArn", roleArn);
        // The external id is not a secret in AWS's model, but it is a shared token: show only that one is set.
        append(out, "externalId", externalId == null ? null : "(set)");
        return out.length() == 0 ? "default credentials and region" : out.toString();
    }

    private static void append(StringBuilder out, String key, String value) {
        if (value != null) {
            out.append(out.length() == 0 ? "" : ", ").append(key).append(' ').append(value);
        }
    }
}
