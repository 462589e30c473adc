package io.jenkins.plugins.iamjanitor.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.iamjanitor.integrations.aws.AwsClients;
import io.jenkins.plugins.iamjanitor.integrations.aws.AwsCredentialsSource;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class JanitorAdaptersTest {
    final AwsCredentialsSource keys = new AwsCredentialsSource.Static("AKIAEXAMPLE", "secret-example-key", null);

    @Test
    void theRoleIsAssumedWithTheBaseCredentialsAndTheExternalId() {
        AwsTarget target = new AwsTarget("aws-audit", "eu-west-1", "arn:aws:iam::210987654321:role/iam-janitor",
                "ext-42");
        AwsCredentialsSource source = JanitorAdapters.credentials(target, keys, "iam-janitor-job/7");
        assertThat(source).isInstanceOfSatisfying(AwsCredentialsSource.AssumeRole.class, role -> {
            assertThat(role.roleArn()).isEqualTo("arn:aws:iam::210987654321:role/iam-janitor");
            assertThat(role.externalId()).isEqualTo("ext-42");
            assertThat(role.base()).isEqualTo(keys);
        });
        assertThat(source.toString()).doesNotContain("secret-example-key", "ext-42");
    }

    @Test
    void withoutARoleTheBaseCredentialsOrTheDefaultChainAreUsed() {
        AwsTarget target = new AwsTarget(null, "us-east-1", null, null);
        assertThat(JanitorAdapters.credentials(target, keys, "s")).isEqualTo(keys);
        assertThat(JanitorAdapters.credentials(target, null, "s"))
                .isInstanceOf(AwsCredentialsSource.DefaultChain.class);
    }

    @Test
    void oneSetOfClientsPerTargetPointedAtTheConfiguredEndpoints() {
        URI iam = URI.create("http://127.0.0.1:1/");
        URI trail = URI.create("http://127.0.0.1:2/");
        try (JanitorAdapters adapters = new JanitorAdapters(iam, trail)) {
            AwsTarget target = new AwsTarget(null, "eu-west-1", null, null);
            AwsClients first = adapters.aws(target, keys);
            assertThat(adapters.aws(target, keys)).isSameAs(first);
            assertThat(first.settings().region()).isEqualTo("eu-west-1");
            assertThat(first.settings().endpointOverride()).isEqualTo(iam);
            assertThat(first.settings().cloudTrailEndpointOverride()).isEqualTo(trail);
            assertThat(adapters.aws(new AwsTarget(null, "us-east-1", null, null), keys)).isNotSameAs(first);
        }
    }

    @Test
    void targetsAndDefaultsNeverPrintTheExternalId() {
        AwsTarget target = new AwsTarget("aws-keys", "eu-west-1", "arn:aws:iam::123456789012:role/janitor",
                "ext-id-5f2c9a");
        JanitorDefaults defaults = new JanitorDefaults(target, 21, "iam-janitor:exempt", 10, "#iam", List.of(), "SEC",
                "Task");
        assertThat(target.toString()).contains("arn:aws:iam::123456789012:role/janitor").contains("****")
                .doesNotContain("ext-id-5f2c9a");
        assertThat(defaults.toString()).doesNotContain("ext-id-5f2c9a");
    }
}
