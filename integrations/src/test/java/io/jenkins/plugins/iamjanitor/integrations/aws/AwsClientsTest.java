package io.jenkins.plugins.iamjanitor.integrations.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.iamjanitor.sandbox.Scenario;
import io.jenkins.plugins.iamjanitor.sandbox.iam.IamModel.AssumeRoleCall;
import org.junit.jupiter.api.Test;

class AwsClientsTest {

    @Test
    void assumedRoleCarriesTheRunnerInTheSessionNameAndTheExternalId() {
        AwsCredentialsSource role = new AwsCredentialsSource.AssumeRole("arn:aws:iam::123456789012:role/janitor",
                "ext-4711", SessionNames.forRunner("Jane Doe (ops)"),
                new AwsCredentialsSource.Static("AKIABASE000000000001", "base-secret", null));
        try (IamSandbox sandbox = new IamSandbox(Scenario.builtIn(), role)) {
            assertThat(sandbox.iam.listUsers().users()).isNotEmpty();

            assertThat(sandbox.emulator.state().assumeRoleCalls()).singleElement().satisfies((AssumeRoleCall c) -> {
                assertThat(c.roleArn()).isEqualTo("arn:aws:iam::123456789012:role/janitor");
                assertThat(c.roleSessionName()).isEqualTo("iam-janitor-Jane-Doe--ops-");
                assertThat(c.externalId()).isEqualTo("ext-4711");
            });
            try (var sts = sandbox.clients.sts()) {
                assertThat(sts.getCallerIdentity().arn())
                        .isEqualTo("arn:aws:sts::123456789012:assumed-role/janitor/iam-janitor-Jane-Doe--ops-");
            }
        }
    }

    @Test
    void settingsCanActForAnApprover() {
        AwsSettings settings = AwsSettings.defaults().withCredentials(new AwsCredentialsSource.AssumeRole(
                "arn:aws:iam::123456789012:role/x", null, "iam-janitor-ci", null));
        assertThat(((AwsCredentialsSource.AssumeRole) settings.withSessionFor("bob@example.com").credentials())
                .sessionName()).isEqualTo("iam-janitor-bob@example.com");
        assertThat(AwsSettings.defaults().withSessionFor("bob")).isEqualTo(AwsSettings.defaults());
    }

    @Test
    void sessionNamesAreSanitisedToStsRules() {
        assertThat(SessionNames.sanitise("a")).isEqualTo("a-");
        assertThat(SessionNames.sanitise("jane.doe@example.com")).isEqualTo("jane.doe@example.com");
        assertThat(SessionNames.sanitise("x".repeat(100))).hasSize(64);
        assertThat(SessionNames.forRunner(" ")).isEqualTo("iam-janitor-unknown");
        assertThat(SessionNames.forRunner("Ünïcode/slash")).matches("[\\w+=,.@-]{2,64}");
    }

    @Test
    void secretsNeverAppearInToString() {
        AwsCredentialsSource.Static keys = new AwsCredentialsSource.Static("AKIAEXAMPLE", "s3cr3t-value", "t0ken");
        AwsSettings settings = AwsSettings.defaults().withCredentials(new AwsCredentialsSource.AssumeRole(
                "arn:aws:iam::123456789012:role/x", "ext-secret", "iam-janitor-ci", keys));
        try (AwsClients clients = new AwsClients(settings)) {
            assertThat(settings.toString() + clients).contains("AKIAEXAMPLE").doesNotContain("s3cr3t-value")
                    .doesNotContain("t0ken").doesNotContain("ext-secret");
        }
    }
}
