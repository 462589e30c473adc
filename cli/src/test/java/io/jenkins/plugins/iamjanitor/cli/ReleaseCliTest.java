package io.jenkins.plugins.iamjanitor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.iamjanitor.cli.review.ReviewEndToEndTest;
import io.jenkins.plugins.iamjanitor.cli.review.ReviewRunner;
import io.jenkins.plugins.iamjanitor.cli.review.SandboxReviewServices;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionStatus;
import io.jenkins.plugins.iamjanitor.core.model.CredentialStatus;
import io.jenkins.plugins.iamjanitor.core.policy.PolicySettings;
import io.jenkins.plugins.iamjanitor.core.quarantine.QuarantineSettings;
import io.jenkins.plugins.iamjanitor.core.quarantine.RemediationAction;
import io.jenkins.plugins.iamjanitor.core.review.ReviewObserver;
import io.jenkins.plugins.iamjanitor.core.review.ReviewRecord;
import io.jenkins.plugins.iamjanitor.integrations.backup.JsonBackupStore;
import io.jenkins.plugins.iamjanitor.integrations.review.JsonReviewStore;
import io.jenkins.plugins.iamjanitor.sandbox.Scenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code release} on an account a quarantine review left behind (the review's emulators, via --endpoint-url), telling
 * the review's Jira ticket and Slack thread when they are configured.
 */
class ReleaseCliTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void credentials() {
        System.setProperty("aws.accessKeyId", "AKIASANDBOXEXAMPLE");
        System.setProperty("aws.secretAccessKey", "sandbox-not-a-secret");
    }

    @AfterAll
    static void clearCredentials() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    @Test
    void releasePrintsThePlanThenRestoresTheKeysAndWritesTheNewPasswordToAPrivateFileOnly() throws Exception {
        Clock clock = Clock.systemUTC();
        try (SandboxReviewServices services = SandboxReviewServices.start(Scenario.parse("fast",
                ReviewEndToEndTest.fastScenarioJson()), clock, line -> { })) {
            ReviewRunner.Options options = new ReviewRunner.Options(true, 10, Duration.ofSeconds(30),
                    services.reviewChannel(), List.of(services.scriptedApprover()), List.of(), "Done", null, false,
                    dir.resolve("state"), dir.resolve("reports"), Map.of(), null,
                    new QuarantineSettings(RemediationAction.QUARANTINE, 30, List.of()));
            ReviewRecord r = new ReviewRunner(services, new PolicySettings(Duration.ofDays(21), true,
                    services.scenarioExemptions()), new JsonBackupStore(dir.resolve("backups"), clock), options, clock)
                    .run(line -> { }, ReviewObserver.NONE, null);
            assertThat(r.deletionFor("zed.full-house").orElseThrow().status()).isEqualTo(DeletionStatus.QUARANTINED);
            String endpoint = services.sandbox().iamEndpoint().toString();
            Path password = dir.resolve("zed-password");
            String[] common = {"--released-by", "ops", "--endpoint-url", endpoint, "--region", "us-east-1",
                "--state-dir", dir.resolve("state").toString(), "--backup-dir", dir.resolve("backups").toString(),
                "--report-dir", dir.resolve("reports").toString()};

            CliRun usage = CliRun.run(concat(new String[] {"release", "zed.full-house", "--create-login-profile"},
                    common));
            assertThat(usage.exitCode()).isEqualTo(IamJanitorCli.USAGE);
            assertThat(usage.err()).contains("--create-login-profile needs --password-file");

            CliRun dry = CliRun.run(concat(new String[] {"release", "zed.full-house"}, common));
            assertThat(dry.exitCode()).isZero();
            assertThat(dry.out()).contains("DRY RUN", "would call UpdateAccessKey(UserName=zed.full-house",
                    "DeleteUserPolicy(UserName=zed.full-house, PolicyName=iam-janitor-quarantine-deny-all)",
                    "cannot come back");
            assertThat(services.admin().snapshot("zed.full-house").orElseThrow().accessKeys())
                    .allSatisfy(k -> assertThat(k.status()).isEqualTo(CredentialStatus.INACTIVE));

            // With Jira and a Slack bot token, the release is told where the review was, as a review run tells it.
            var jira = services.sandbox().jira();
            var bot = jira.scenario().users().get(0);
            Map<String, String> env = Map.of("JIRA_EMAIL", bot.email(), "JIRA_API_TOKEN", bot.apiToken(),
                    "SLACK_BOT_TOKEN", services.sandbox().slack().settings().botToken(),
                    "SLACK_API_URL", services.sandbox().slack().apiBase().toString());
            CliRun done = CliRun.withEnv(env, concat(new String[] {"release", "zed.full-house", "--execute",
                "--create-login-profile", "--password-file", password.toString(), "--jira-url",
                jira.baseUrl().toString(), "--jira-project", jira.scenario().projects().get(0).key()}, common));
            assertThat(done.exitCode()).as(done.err()).isZero();
            assertThat(done.out()).contains("RELEASED zed.full-house (review " + r.reviewId() + ")",
                    "written to " + password);
            assertThat(services.admin().snapshot("zed.full-house").orElseThrow().accessKeys())
                    .allSatisfy(k -> assertThat(k.status()).isEqualTo(CredentialStatus.ACTIVE));
            String secret = Files.readString(password);
            assertThat(secret).hasSize(24);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(password))).isEqualTo("rw-------");
            assertThat(done.out() + done.err()).doesNotContain(secret);
            assertThat(services.sandbox().iam().state().user("zed.full-house").loginProfile.passwordResetRequired)
                    .isTrue();
            assertThat(new JsonReviewStore(dir.resolve("state")).load(r.reviewId()).orElseThrow()
                    .deletionFor("zed.full-house").orElseThrow().status()).isEqualTo(DeletionStatus.RELEASED);
            assertThat(jira.issue(r.ticket().key()).orElseThrow().comments().toString())
                    .contains("Quarantine released", "zed.full-house", "released by cli:ops")
                    .doesNotContain(secret);
            assertThat(services.sandbox().slack().messages()).anySatisfy(m -> assertThat(m.toString())
                    .contains("Quarantine released", "zed.full-house"));
            assertThat(services.sandbox().slack().messages().toString()).doesNotContain(secret);
            CliRun noProject = CliRun.withEnv(env, concat(new String[] {"release", "zed.full-house", "--jira-url",
                jira.baseUrl().toString()}, common));
            assertThat(noProject.err()).contains("--jira-url needs --jira-project");

            CliRun again = CliRun.run(concat(new String[] {"release", "zed.full-house", "--execute"}, common));
            assertThat(again.exitCode()).isEqualTo(IamJanitorCli.FAILURE);
            assertThat(again.err()).contains("error: user zed.full-house is not quarantined by any review");
        }
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
