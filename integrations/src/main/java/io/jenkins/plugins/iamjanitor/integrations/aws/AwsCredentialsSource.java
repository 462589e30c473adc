package io.jenkins.plugins.iamjanitor.integrations.aws;

import java.util.Objects;

/** Where the AWS credentials come from. {@code toString} never shows a secret. */
public sealed interface AwsCredentialsSource {

    /** The SDK default chain: environment, system properties, profile file, container and instance roles. */
    record DefaultChain() implements AwsCredentialsSource {
    }

    /** A named profile of ~/.aws/config and ~/.aws/credentials. */
    record Profile(String name) implements AwsCredentialsSource {
        public Profile {
            Objects.requireNonNull(name, "profile name");
        }
    }

    /** Fixed keys, e.g. from the Jenkins aws-credentials plugin; sessionToken may be null. */
    record Static(String accessKeyId, String secretAccessKey, String sessionToken) implements AwsCredentialsSource {
        public Static {
            Objects.requireNonNull(accessKeyId, "accessKeyId");
            Objects.requireNonNull(secretAccessKey, "secretAccessKey");
        }

        @Override
        public String toString() {
            return "Static[accessKeyId=" + accessKeyId + ", secretAccessKey=****"
                    + (sessionToken == null ? "" : ", sessionToken=****") + "]";
        }
    }

    /**
     * STS AssumeRole on top of {@code base}. The session name identifies who runs the janitor (it shows in
     * CloudTrail as the assumed-role session), e.g. {@code iam-janitor-alice}; it is sanitised to STS's rules.
     */
    record AssumeRole(String roleArn, String externalId, String sessionName, AwsCredentialsSource base)
            implements AwsCredentialsSource {
        public AssumeRole {
            Objects.requireNonNull(roleArn, "roleArn");
            base = base == null ? new DefaultChain() : base;
            sessionName = SessionNames.sanitise(sessionName == null ? "iam-janitor" : sessionName);
        }

        @Override
        public String toString() {
            return "AssumeRole[roleArn=" + roleArn + ", externalId=" + (externalId == null ? "none" : "****")
                    + ", sessionName=" + sessionName + ", base=" + base + "]";
        }
    }
}
