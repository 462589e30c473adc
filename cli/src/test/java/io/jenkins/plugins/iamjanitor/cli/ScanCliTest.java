package io.jenkins.plugins.iamjanitor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `iam-janitor scan` end to end: the CLI, the real SDK and the IAM emulator in-process. */
class ScanCliTest {
    @TempDir
    Path tmp;

    Path scenario() throws Exception {
        return Files.writeString(tmp.resolve("scenario.json"), """
                {"iam": {"credentialReport": {"pollsUntilComplete": 1}, "users": [
                  {"name": "old-console", "createdDaysAgo": 400,
                   "password": {"createdDaysAgo": 400, "lastUsedDaysAgo": 90}},
                  {"name": "fresh-key", "createdDaysAgo": 400,
                   "accessKeys": [{"createdDaysAgo": 300, "lastUsedDaysAgo": 1, "service": "s3"}]},
                  {"name": "svc-robot", "createdDaysAgo": 400,
                   "accessKeys": [{"createdDaysAgo": 300, "lastUsedDaysAgo": 50}]},
                  {"name": "git-user", "createdDaysAgo": 400,
                   "password": {"createdDaysAgo": 400, "lastUsedDaysAgo": 60},
                   "sshKeys": [{"status": "Active", "uploadedDaysAgo": 200, "body": "ssh-rsa AAAA"}]},
                  {"name": "tagged", "createdDaysAgo": 400, "tags": {"iam-janitor:exempt": "yes"},
                   "password": {"createdDaysAgo": 400, "lastUsedDaysAgo": 70}},
                  {"name": "=cmd|calc", "createdDaysAgo": 400}
                ]}}
                """);
    }

    @Test
    void defaultScenarioPrintsFlaggedUsersWithPerCredentialReasons() {
        CliRun run = CliRun.run("scan", "--sandbox");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("17 of 40 IAM user(s) inactive for more than 21 days")
                .contains("frank.password-only - inactive 90 days")
                .contains("driven by console password: last console sign-in")
                .contains("heidi.never-used-key").contains("never used")
                .contains("EXEMPT           svc-build").contains("UNKNOWN_ACTIVITY rupert.ssh-key")
                .doesNotContain("alice.active-console -");
        assertThat(run.err()).contains("Sandbox started").contains("[1/40] ").contains("[40/40] ")
                .contains("Scan done: 17 of 40");
    }

    @Test
    void optionsChangeThePolicy() throws Exception {
        String file = scenario().toString();
        CliRun base = CliRun.run("scan", "--sandbox", "--scenario", file, "--format", "json");
        assertThat(base.exitCode()).as(base.err()).isZero();
        assertThat(flagged(base)).containsExactly("old-console", "svc-robot", "=cmd|calc");

        CliRun custom = CliRun.run("scan", "--sandbox", "--scenario", file, "--format", "json", "--days", "80",
                "--exempt-user", "svc-*", "--unknown-activity", "ignore", "--exempt-tag", "nothing=here");
        assertThat(flagged(custom)).containsExactly("old-console", "=cmd|calc");
        CliRun ignore = CliRun.run("scan", "--sandbox", "--scenario", file, "--format", "json",
                "--unknown-activity", "ignore", "--exempt-path", "/", "--exempt-group", "x");
        assertThat(flagged(ignore)).isEmpty();
        JsonNode json = new ObjectMapper().readTree(base.out());
        JsonNode old = json.path("users").get(0);
        assertThat(old.path("outcome").asText()).isEqualTo("INACTIVE");
        assertThat(old.path("driving").path("kind").asText()).isEqualTo("CONSOLE_PASSWORD");
        assertThat(old.path("daysInactive").asLong()).isEqualTo(90);
        assertThat(json.path("thresholdDays").asInt()).isEqualTo(21);
    }

    static List<String> flagged(CliRun run) throws Exception {
        List<String> out = new ArrayList<>();
        for (JsonNode u : new ObjectMapper().readTree(run.out()).path("users")) {
            if (u.path("flagged").asBoolean()) {
                out.add(u.path("userName").asText());
            }
        }
        return out;
    }

    @Test
    void csvMarkdownAndOutputFile() throws Exception {
        String file = scenario().toString();
        Path csv = tmp.resolve("out/report.csv");
        CliRun run = CliRun.run("scan", "--sandbox", "--scenario", file, "--format", "csv", "--output",
                csv.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("Report written to " + csv);
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines).hasSize(7);
        assertThat(lines.get(0)).startsWith("user_name,arn,path,outcome,days_inactive");
        assertThat(lines).anyMatch(l -> l.startsWith("old-console,") && l.contains(",INACTIVE,90,"));
        assertThat(lines).as("formula injection defused").anyMatch(l -> l.startsWith("'=cmd|calc,"));

        CliRun md = CliRun.run("scan", "--sandbox", "--scenario", file, "--format", "MARKDOWN");
        assertThat(md.out()).startsWith("# IAM Janitor scan")
                .contains("| old-console | 90 |").contains("\\=cmd\\|calc".substring(1))
                .contains("### old-console");
    }

    @Test
    void usageErrorsExitTwoWithOneLine() {
        CliRun days = CliRun.run("scan", "--sandbox", "--days", "0");
        assertThat(days.exitCode()).isEqualTo(2);
        assertThat(days.err()).startsWith("error: --days must be at least 1, got 0");
        assertThat(days.err().lines().count()).isEqualTo(2);

        CliRun format = CliRun.run("scan", "--format", "xml");
        assertThat(format.exitCode()).isEqualTo(2);
        assertThat(format.err()).contains("--format").contains("xml");

        CliRun scenarioAlone = CliRun.run("scan", "--scenario", "x.json");
        assertThat(scenarioAlone.exitCode()).isEqualTo(2);
        assertThat(scenarioAlone.err()).contains("--scenario needs --sandbox");

        CliRun both = CliRun.run("scan", "--sandbox", "--endpoint-url", "http://127.0.0.1:1");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(CliRun.run("frobnicate").exitCode()).isEqualTo(2);
        assertThat(CliRun.run("scan", "--endpoint-url", "not a url").exitCode()).isEqualTo(2);
    }

    @Test
    void failuresExitOneWithOneLineAndStackTraceOnlyWhenVerbose() throws Exception {
        Path broken = Files.writeString(tmp.resolve("broken.json"), "{\"iam\": {\n  \"users\": [ , ]}}");
        CliRun run = CliRun.run("scan", "--sandbox", "--scenario", broken.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        // File, line and column, in words: no parser internals (source descriptions, token codes).
        assertThat(run.err()).startsWith("error: scenario " + broken + ": invalid JSON at line 2, column 14:"
                + " unexpected character (',')").doesNotContain("\tat ", "Source:", "REDACTED", "code 44");
        assertThat(run.err().lines().count()).isEqualTo(2);

        CliRun verbose = CliRun.run("scan", "--sandbox", "--scenario", broken.toString(), "--verbose");
        assertThat(verbose.exitCode()).isEqualTo(1);
        assertThat(verbose.err()).contains("\tat ");
    }
}
