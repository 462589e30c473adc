package io.jenkins.plugins.iamjanitor.cli;

import io.jenkins.plugins.iamjanitor.core.config.AwsTarget;
import picocli.CommandLine.Option;

/**
 * How to reach AWS; shared by every command that talks to IAM. Each flag overrides the policy file's {@code aws}
 * value; {@link #useTarget} then holds the effective values.
 */
public final class AwsOptions {
    @Option(names = "--profile", paramLabel = "NAME", description = "Named profile of ~/.aws/config and credentials.")
    String profile;

    @Option(names = "--region", paramLabel = "REGION", description = "Signing region (IAM is global; default: us-east-1).")
    String region;

    @Option(names = "--role-arn", paramLabel = "ARN",
            description = "Assume this role (STS AssumeRole) on top of the profile or default credentials.")
    String roleArn;

    @Option(names = "--external-id", paramLabel = "ID", description = "External id for --role-arn.")
    String externalId;

    @Option(names = "--endpoint-url", paramLabel = "URL",
            description = "IAM/STS endpoint override, e.g. a running `iam-janitor sandbox`.")
    String endpointUrl;

    /** The account the credentials must belong to (policy file's aws.accountId); null: any. */
    String expectedAccountId;

    CliPolicy.Flags addTo(CliPolicy.Flags flags) {
        return flags.put("aws.profile", profile).put("aws.region", region).put("aws.roleArn", roleArn)
                .put("aws.externalId", externalId);
    }

    /** Takes the effective target (file values with these flags over them). */
    void useTarget(AwsTarget target) {
        profile = target.profile();
        region = target.region();
        roleArn = target.roleArn();
        externalId = target.externalId();
        expectedAccountId = target.accountId();
    }
}
