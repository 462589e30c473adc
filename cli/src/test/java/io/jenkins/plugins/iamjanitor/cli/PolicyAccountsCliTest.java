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

/** The policy file's {@code organization} and {@code accounts} sections, run against the organisation sandbox. */
class PolicyAccountsCliTest {
    @TempDir
    Path dir;

    private String file(String yaml) throws Exception {
        Path f = dir.resolve("iam-janitor.yml");
        Files.writeString(f, yaml);
        return f.toString();
    }

    @Test
    void organizationSectionTurnsScanIntoAnOrganizationScanWithItsInclusionsAndExclusions() throws Exception {
        String f = file("""
                organization:
                  roleName: OrganizationAccountAccessRole
                  excludeAccounts: ["444444444444"]
                """);
        CliRun run = CliRun.run("scan", "--sandbox", "--config", f, "--format", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(statuses(run.out())).containsExactly("222222222222 OK", "333333333333 OK",
                "444444444444 SKIPPED", "555555555555 SKIPPED");
        assertThat(run.err()).contains("has organization: every account of the AWS Organization is worked on");

        // includeAccounts selects; --account replaces it, and the file's excludeAccounts still applies.
        String only = file("""
                organization:
                  includeAccounts: ["333333333333"]
                  excludeAccounts: ["222222222222"]
                """);
        CliRun included = CliRun.run("scan", "--sandbox", "--config", only, "--format", "json");
        assertThat(included.exitCode()).as(included.err()).isZero();
        assertThat(statuses(included.out())).containsExactlyInAnyOrder("222222222222 SKIPPED", "333333333333 OK",
                "444444444444 SKIPPED", "555555555555 SKIPPED");
        CliRun flagged = CliRun.run("scan", "--sandbox", "--config", only, "--account", "222222222222,444444444444",
                "--format", "json");
        assertThat(flagged.exitCode()).isEqualTo(OrganizationScan.SOME_ACCOUNTS_FAILED);
        assertThat(statuses(flagged.out())).containsExactlyInAnyOrder("222222222222 SKIPPED", "333333333333 SKIPPED",
                "444444444444 FAILED", "555555555555 SKIPPED");
    }

    @Test
    void accountsSectionScansExactlyTheNamedAccountsEachWithItsOwnRole() throws Exception {
        String f = file("""
                accounts:
                  - name: payments
                    accountId: "222222222222"
                  - name: web
                    accountId: "333333333333"
                    roleArn: arn:aws:iam::333333333333:role/OrganizationAccountAccessRole
                  - name: dev
                    accountId: "444444444444"
                """);
        CliRun run = CliRun.run("scan", "--sandbox", "--config", f, "--format", "json");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(OrganizationScan.SOME_ACCOUNTS_FAILED);
        assertThat(statuses(run.out())).containsExactly("222222222222 OK", "333333333333 OK",
                "444444444444 FAILED");
        assertThat(run.err()).contains("Accounts: 3 from the explicit list").doesNotContain("Organizations: 4 account(s) found");

        // An entry whose role lands in another account is refused for that account, never scanned there.
        String wrong = file("""
                accounts:
                  - accountId: "333333333333"
                    roleArn: arn:aws:iam::222222222222:role/OrganizationAccountAccessRole
                """);
        CliRun mismatch = CliRun.run("scan", "--sandbox", "--config", wrong, "--format", "json");
        assertThat(mismatch.exitCode()).isEqualTo(OrganizationScan.SOME_ACCOUNTS_FAILED);
        assertThat(mismatch.out()).contains("belong to account 222222222222");
    }

    @Test
    void otherCommandsAndConflictingSectionsAreRefused() throws Exception {
        String both = file("""
                organization:
                  roleName: OrganizationAccountAccessRole
                accounts:
                  - accountId: "222222222222"
                """);
        CliRun run = CliRun.run("scan", "--sandbox", "--config", both);
        assertThat(run.exitCode()).isEqualTo(IamJanitorCli.USAGE);
        assertThat(run.err()).contains("organization and accounts cannot both be set");

        String org = file("organization:\n  roleName: OrganizationAccountAccessRole\n");
        CliRun delete = CliRun.run("delete", "zed.full-house", "--approved-by", "me", "--sandbox", "--config", org);
        assertThat(delete.exitCode()).isEqualTo(IamJanitorCli.USAGE);
        assertThat(delete.err()).contains("carried out by scan and review only");
    }

    private static List<String> statuses(String json) throws Exception {
        JsonNode root = new ObjectMapper().readTree(json);
        List<String> out = new ArrayList<>();
        root.path("accounts").forEach(a -> out.add(a.path("accountId").asText() + " " + a.path("status").asText()));
        return out;
    }
}
