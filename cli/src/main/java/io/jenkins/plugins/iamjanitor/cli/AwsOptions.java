package io.jenkins.plugins.iamjanitor.cli;

import picocli.CommandLine.Option;

/** How to reach AWS; shared by every command that talks to IAM. */
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
}
