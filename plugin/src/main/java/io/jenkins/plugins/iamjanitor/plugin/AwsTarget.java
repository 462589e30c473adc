package io.jenkins.plugins.iamjanitor.plugin;

/**
 * Which AWS account and how to reach it, as chosen by a step (falling back to the global configuration).
 *
 * @param credentialsId Jenkins credentials id (AWS or username/password = access key id/secret); null: default chain
 * @param roleArn       role to assume; null: use the credentials as they are
 * @param externalId    external id for the assume-role call; null when not needed
 */
public record AwsTarget(String credentialsId, String region, String roleArn, String externalId) {
    /** A step's own choices win; anything it leaves out comes from the global configuration. */
    public AwsTarget orElse(AwsTarget defaults) {
        boolean ownRole = roleArn != null;
        return new AwsTarget(
                credentialsId != null ? credentialsId : defaults.credentialsId(),
                region != null ? region : defaults.region(),
                ownRole ? roleArn : defaults.roleArn(),
                ownRole ? externalId : defaults.externalId());
    }

    /** Like {@code AwsCredentialsSource.AssumeRole}, never shows the external id (it guards the role's trust). */
    @Override
    public String toString() {
        return "AwsTarget[credentialsId=" + credentialsId + ", region=" + region + ", roleArn=" + roleArn
                + ", externalId=" + (externalId == null ? "none" : "****") + "]";
    }
}
