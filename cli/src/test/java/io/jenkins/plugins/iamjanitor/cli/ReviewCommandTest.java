package io.jenkins.plugins.iamjanitor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.iamjanitor.cli.review.ReviewEndToEndTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code review} and {@code demo} commands as a user runs them, on the sandbox. */
class ReviewCommandTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return IamJanitorCli.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private Path fastScenario() throws Exception {
        Path file = dir.resolve("scenario.json");
        Files.writeString(file, ReviewEndToEndTest.fastScenarioJson());
        return file;
    }

    @Test
    void demoNarratesEveryStepAndPointsAtTheReport() throws Exception {
        int code = run("demo", "--scenario", fastScenario().toString(), "--output-dir", dir.resolve("demo").toString());

        assertThat(code).as(err()).isZero();
        assertThat(out()).contains("== 1/7 Scan ==", "== 2/7 Ask ==", "== 2/7 Decided ==", "== 3/7 Ticket ==",
                "== 4/7 Evidence ==", "== 5/7 Delete ==", "== 6/7 Outcome ==", "== 7/7 Reports ==",
                "zed.full-house: DELETED", "status Done", "8 deleted user(s) confirmed gone by a live read",
                "Open the HTML report: file:");
        // The epilogue: one user quarantined, refused with its deactivated key, wanted back, released.
        assertThat(out()).contains("== Quarantine instead of delete ==", "tmp-migration: QUARANTINED",
                "the job got: InvalidClientTokenId", "== Wanted back? ==", "tmp-migration: WANTED_BACK",
                "UpdateAccessKey(UserName=tmp-migration, AKIATMPMIGRATION0001, Status=Active)",
                "the job's next call: accepted");
        try (Stream<Path> reports = Files.list(dir.resolve("demo/reports"))) {
            // The review's three, and the three of the epilogue's quarantine review.
            assertThat(reports).extracting(p -> p.getFileName().toString().replaceAll(".*\\.", ""))
                    .containsExactlyInAnyOrder("json", "md", "html", "json", "md", "html");
        }
        assertThat(dir.resolve("demo/backups")).isNotEmptyDirectory();
        assertThat(out() + err()).doesNotContain("xoxb-", "xapp-", "sandbox-jira-api-token");
    }

    @Test
    void reviewOnTheSandboxIsADryRunUnlessExecuteIsGiven() throws Exception {
        int code = run("review", "--sandbox", "--scenario", fastScenario().toString(),
                "--report-dir", dir.resolve("r").toString(), "--state-dir", dir.resolve("s").toString(),
                "--backup-dir", dir.resolve("b").toString());

        assertThat(code).as(err()).isZero();
        assertThat(out()).contains("(dry run): completed", "zed.full-house: PLANNED", "left open: dry run");
        assertThat(dir.resolve("b")).doesNotExist();
        // One record, and the state directory's lock file (kept: deleting it on exit would race a starting run).
        try (Stream<Path> states = Files.list(dir.resolve("s"))) {
            assertThat(states.map(p -> p.getFileName().toString())).hasSize(2).contains(".lock")
                    .anyMatch(n -> n.endsWith(".review.json"));
        }
    }

    @Test
    void liveReviewNeedsItsSlackAndJiraSettings() {
        assertThat(run("review", "--approver", "U1")).isEqualTo(2);
        assertThat(err()).contains("error: --slack-channel (or slack.channel in the policy file) is required");
        assertThat(run("review", "--slack-channel", "C1", "--approver", "U1")).isEqualTo(2);
        assertThat(err()).contains("--jira-url and --jira-project (or jira.url and jira.project in the policy file)"
                + " are required");
        assertThat(run("review", "--scenario", "x.json")).isEqualTo(2);
        assertThat(err()).contains("--scenario needs --sandbox");
        assertThat(run("review", "--sandbox", "--max-deletions", "0")).isEqualTo(2);
        assertThat(run("review", "--sandbox", "--action", "disable")).isEqualTo(2);
        assertThat(err()).contains("error: --action must be 'delete' or 'quarantine', got 'disable'");
        assertThat(run("review", "--sandbox", "--action", "quarantine", "--delete-after-days", "0")).isEqualTo(2);
        assertThat(err()).contains("--delete-after-days must be at least 1");
    }
}
