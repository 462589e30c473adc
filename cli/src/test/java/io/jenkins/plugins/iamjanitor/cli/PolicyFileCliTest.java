package io.jenkins.plugins.iamjanitor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --config} and {@code check-config} as a user runs them. */
class PolicyFileCliTest {
    private static final Path EXAMPLE = Path.of("..", "docs", "iam-janitor.example.yml");

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

    private Path file(String yaml) throws Exception {
        Path f = dir.resolve("iam-janitor.yml");
        Files.writeString(f, yaml);
        return f;
    }

    @Test
    void checkConfigPrintsTheEffectivePolicy() {
        assertThat(run("check-config", EXAMPLE.toString())).as(err()).isZero();

        assertThat(out()).contains("thresholdDays: 30", "gracePeriodDays: 14", "maxDeletions: 10",
                "- user svc-* (reason: CI and integration service accounts, owned by the platform team)",
                "- tag owner=platform (reason: the platform team reviews its own accounts)",
                "- tag iam-janitor:exempt (reason: built-in rule", "approvers: U024BE7LH, S0614TZR7",
                "slack.channel: C0123SECOPS", "project SEC", "regions us-east-1, eu-west-1",
                "roleArn arn:aws:iam::123456789012:role/IamJanitor", "externalId (set)");
        assertThat(out()).doesNotContain("iam-janitor-prod");
    }

    @Test
    void checkConfigListsEveryErrorWithItsPlace() throws Exception {
        Path f = file("thresholdDays: 30 days\nexemption:\n  users: [svc-*]\nunknownActivity: maybe\n");

        assertThat(run("check-config", f.toString())).isEqualTo(1);

        assertThat(err()).contains(f + ":1:16: thresholdDays must be a whole number",
                f + ":2:1: unknown key 'exemption' (did you mean 'exemptions'?)",
                f + ":4:18: unknownActivity: 'maybe' is not allowed; allowed values: block, ignore",
                "3 error(s) in " + f);
        assertThat(out()).isEmpty();
    }

    @Test
    void aMissingFileIsNotFound() {
        assertThat(run("check-config", dir.resolve("nope.yml").toString())).isEqualTo(1);
        assertThat(err()).contains(dir.resolve("nope.yml") + ": not found");

        assertThat(run("scan", "--sandbox", "--config", dir.resolve("nope.yml").toString())).isEqualTo(2);
    }

    @Test
    void scanUsesTheFileAndFlagsOverrideItOutLoud() throws Exception {
        Path f = file("""
                thresholdDays: 30
                exemptions:
                  users:
                    - glob: "zed.*"
                      reason: kept for the audit
                """);

        int code = run("scan", "--sandbox", "--config", f.toString(), "--days", "45", "--exempt-user", "yara.*");

        assertThat(code).as(err()).isZero();
        assertThat(err()).contains("note: --days 45 overrides thresholdDays: 30 from " + f);
        assertThat(out()).contains("inactive for more than 45 days")
                .containsPattern("EXEMPT +zed\\.full-house +exempt: user name matches 'zed\\.\\*'; reason: kept for "
                        + "the audit")
                .containsPattern("EXEMPT +yara\\.virtual-mfa +exempt: user name matches 'yara\\.\\*'; reason: given "
                        + "with --exempt-user");
    }

    @Test
    void aBrokenFileStopsTheCommandBeforeAnythingRuns() throws Exception {
        Path f = file("exemptions:\n  user: [svc-*]\nmaxDeletions: -1\n");

        assertThat(run("scan", "--sandbox", "--config", f.toString())).isEqualTo(2);

        assertThat(err()).contains(f + ":2:3: unknown key 'exemptions.user' (did you mean 'users'?)",
                f + ":3:15: maxDeletions must be a whole number from 1 to 10000, got -1")
                .doesNotContain("Sandbox started");
    }

    @Test
    void aPolicyThatAsksForQuarantineNeverDeletes() throws Exception {
        Path f = file("action: quarantine\ndeleteAfterDays: 30\n");

        assertThat(run("delete", "zed.full-house", "--approved-by", "me", "--sandbox", "--execute", "--config",
                f.toString())).isEqualTo(2);

        assertThat(err()).contains("action: quarantine is carried out by review, not by this command").doesNotContain("DELETED");
    }
}
