package io.jenkins.plugins.iamjanitor.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.iamjanitor.cli.review.ReviewEndToEndTest;
import io.jenkins.plugins.iamjanitor.cli.review.ReviewRunner;
import io.jenkins.plugins.iamjanitor.cli.review.SandboxReviewServices;
import io.jenkins.plugins.iamjanitor.core.policy.PolicySettings;
import io.jenkins.plugins.iamjanitor.integrations.backup.JsonBackupStore;
import io.jenkins.plugins.iamjanitor.integrations.jira.JiraCredentials;
import io.jenkins.plugins.iamjanitor.integrations.jira.JiraFlavour;
import io.jenkins.plugins.iamjanitor.integrations.preflight.Preflight;
import io.jenkins.plugins.iamjanitor.integrations.preflight.PreflightException;
import io.jenkins.plugins.iamjanitor.sandbox.Sandbox;
import io.jenkins.plugins.iamjanitor.sandbox.Scenario;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failed pre-flight check stops {@code review} and {@code delete --execute} before Slack is asked or anything
 * changes: the emulators show no Slack message, no Jira issue and no IAM write.
 */
class PreflightTest {
    private static final List<String> IAM_WRITES = List.of("Delete", "Create", "Update", "Put", "Attach", "Detach",
            "Remove", "Tag", "Untag", "Deactivate", "Enable");

    @TempDir
    Path dir;

    private final Clock clock = Clock.systemUTC();
    private final List<String> progress = new ArrayList<>();
    private SandboxReviewServices services;
    private Sandbox external;

    @AfterEach
    void stop() {
        if (services != null) {
            services.close();
        }
        if (external != null) {
            external.close();
        }
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    private ReviewRunner runner(String channel, Path reports, boolean execute) throws Exception {
        services = SandboxReviewServices.start(Scenario.parse("fast", ReviewEndToEndTest.fastScenarioJson()), clock,
                progress::add);
        ReviewRunner.Options options = new ReviewRunner.Options(execute, 10, Duration.ofSeconds(30),
                channel == null ? services.reviewChannel() : channel, List.of(services.scriptedApprover()), List.of(),
                "Done", null, true, dir.resolve("state"), reports, Map.of());
        return new ReviewRunner(services, PolicySettings.defaults(), new JsonBackupStore(dir.resolve("b"), clock),
                options, clock);
    }

    private void assertUntouched(Sandbox sandbox) {
        assertThat(sandbox.slack().messages()).isEmpty();
        assertThat(sandbox.slack().callCount("chat.postMessage")).isZero();
        assertThat(sandbox.jira().issues()).isEmpty();
        assertThat(sandbox.iam().callCounts()).allSatisfy((action, count) ->
                assertThat(IAM_WRITES.stream().noneMatch(action::startsWith)).as(action + " called").isTrue());
        assertThat(sandbox.iam().state().user("zed.full-house")).isNotNull();
    }

    @Test
    void anUnknownSlackChannelStopsTheReviewBeforeAnythingIsAsked() throws Exception {
        ReviewRunner runner = runner("C0NOSUCH", dir.resolve("reports"), true);

        assertThatThrownBy(() -> runner.preflight(new Preflight(progress::add), dir.resolve("backups")))
                .isInstanceOf(PreflightException.class)
                .hasMessage("Slack channel C0NOSUCH was not found: set slack.channel (--slack-channel) to the"
                        + " channel's id (C...), and invite the bot to private channels");

        assertUntouched(services.sandbox());
        assertThat(progress).anySatisfy(l -> assertThat(l).startsWith("Pre-flight: AWS account "
                + services.accountId() + " as arn:"));
    }

    @Test
    void aWorldReadableReportDirectoryStopsTheReviewFirst() throws Exception {
        Path reports = Files.createDirectory(dir.resolve("reports"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.setPosixFilePermissions(reports, PosixFilePermissions.fromString("rwxr-xr-x"));
        ReviewRunner runner = runner(null, reports, false);

        assertThatThrownBy(() -> runner.preflight(new Preflight(progress::add), dir.resolve("backups")))
                .isInstanceOf(PreflightException.class)
                .hasMessageContaining("is readable by every user on this machine (rwxr-xr-x): run chmod o-rwx "
                        + reports.toAbsolutePath());

        assertUntouched(services.sandbox());
        assertThat(services.sandbox().slack().callCount("auth.test")).isZero();
    }

    @Test
    void passingChecksSayWhatTheyFound() throws Exception {
        ReviewRunner runner = runner(null, dir.resolve("reports"), true);

        runner.preflight(new Preflight(progress::add), dir.resolve("backups"));

        assertThat(progress)
                .anySatisfy(l -> assertThat(l).contains("reports directory").contains("(created, owner-only)"))
                .anySatisfy(l -> assertThat(l).startsWith("Pre-flight: Slack Sandbox as U0BOT, channel"))
                .anySatisfy(l -> assertThat(l).startsWith("Pre-flight: Jira").contains("exists"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("backups"))))
                .isEqualTo("rwx------");
        assertUntouched(services.sandbox());
    }

    @Test
    void jiraCredentialsAndProjectAreChecked() throws Exception {
        runner(null, dir.resolve("reports"), false);
        var jira = services.sandbox().jira();
        var bot = jira.scenario().users().get(0);
        JiraCredentials good = jira.cloud() ? JiraCredentials.cloud(bot.email(), bot.apiToken())
                : JiraCredentials.personalAccessToken(bot.pat());
        JiraCredentials bad = jira.cloud() ? JiraCredentials.cloud(bot.email(), "wrong")
                : JiraCredentials.personalAccessToken("wrong");
        JiraFlavour flavour = jira.cloud() ? JiraFlavour.CLOUD : JiraFlavour.DATA_CENTER;
        Preflight preflight = new Preflight(progress::add);

        assertThatThrownBy(() -> preflight.jira(jira.baseUrl(), good, flavour, "NOPE"))
                .hasMessageStartingWith("Jira project NOPE does not exist at " + jira.baseUrl());
        assertThatThrownBy(() -> preflight.jira(jira.baseUrl(), bad, flavour, "SEC"))
                .hasMessageStartingWith("Jira at " + jira.baseUrl() + " refused the credentials")
                .hasMessageNotContaining("wrong");
        assertUntouched(services.sandbox());
    }

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int cli(String... args) {
        return IamJanitorCli.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
    }

    @Test
    void deleteExecuteRefusesAWorldReadableBackupDirectoryAndChangesNothing() throws Exception {
        external = Sandbox.start(Scenario.builtIn(), 0);
        System.setProperty("aws.accessKeyId", "AKIASANDBOXEXAMPLE");
        System.setProperty("aws.secretAccessKey", "sandbox-not-a-secret");
        Path backups = Files.createDirectory(dir.resolve("backups"));
        Files.setPosixFilePermissions(backups, PosixFilePermissions.fromString("rwxr-xr-x"));

        int code = cli("delete", "zed.full-house", "--approved-by", "me", "--execute", "--endpoint-url",
                external.iamEndpoint().toString(), "--backup-dir", backups.toString());

        assertThat(code).isEqualTo(1);
        String e = err.toString(StandardCharsets.UTF_8);
        assertThat(e).contains("error: pre-flight check failed, nothing was asked or changed: backups directory "
                + backups.toAbsolutePath() + " is readable by every user");
        assertUntouched(external);
        assertThat(backups).isEmptyDirectory();
        assertThat(external.iam().callCounts()).doesNotContainKeys("GetUser", "ListUsers");
    }

    @Test
    void anUnreachableAwsEndpointFailsAtOnceNamingIt() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        System.setProperty("aws.accessKeyId", "AKIASANDBOXEXAMPLE");
        System.setProperty("aws.secretAccessKey", "sandbox-not-a-secret");

        int code = cli("delete", "zed.full-house", "--approved-by", "me", "--execute", "--endpoint-url",
                "http://127.0.0.1:" + port, "--backup-dir", dir.resolve("b").toString());

        assertThat(code).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("cannot connect to the AWS endpoint http://127.0.0.1:" + port + " (connection refused)")
                .doesNotContain("Unable to load credentials", "at software.amazon", "sandbox-not-a-secret");
    }

    @Test
    void reviewThroughTheCliStopsAtPreflightBeforeTheScan() throws Exception {
        Path scenario = Files.writeString(dir.resolve("scenario.json"), ReviewEndToEndTest.fastScenarioJson());
        Path policy = Files.writeString(dir.resolve("iam-janitor.yml"), "slack:\n  channel: C0NOSUCH\n");

        int code = cli("review", "--sandbox", "--scenario", scenario.toString(), "--config", policy.toString(),
                "--report-dir", dir.resolve("r").toString(), "--state-dir", dir.resolve("s").toString());

        assertThat(code).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("error: pre-flight check failed, nothing was"
                + " asked or changed: Slack channel C0NOSUCH was not found");
        assertThat(dir.resolve("s")).isEmptyDirectory();
        assertThat(dir.resolve("r")).isEmptyDirectory();
    }
}
