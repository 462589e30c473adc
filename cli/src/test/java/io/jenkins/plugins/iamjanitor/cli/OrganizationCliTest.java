package io.jenkins.plugins.iamjanitor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** `iam-janitor scan --organization` end to end: the CLI, the real SDK and the organisation sandbox in-process. */
class OrganizationCliTest {

    @Test
    void scansEveryActiveAccountAndReportsTheDeniedOneWithItsReason() {
        CliRun run = CliRun.run("scan", "--organization", "--sandbox", "--account-concurrency", "2");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(OrganizationScan.SOME_ACCOUNTS_FAILED);
        String[] lines = run.out().split("\n");
        assertThat(lines[0]).isEqualTo("Organization scan: 3 account(s) scanned (2 complete, 1 failed), 1 skipped;"
                + " 18 of 42 IAM user(s) inactive for more than 21 days");
        assertThat(lines[2]).startsWith("ACCOUNT       NAME");
        assertThat(lines[3]).matches("222222222222 +prod-payments +Root/prod/apps +OK +40 +17");
        assertThat(lines[4]).matches("333333333333 +prod-web +Root/prod +OK +2 +1");
        assertThat(lines[5]).matches("444444444444 +dev-sandbox +Root/sandboxes +FAILED +- +- +STS AssumeRole failed"
                + " \\(AccessDenied\\): .*arn:aws:iam::444444444444:role/OrganizationAccountAccessRole.*");
        assertThat(lines[6]).matches("555555555555 +closed-project +Root/sandboxes +SKIPPED +- +- +account status is"
                + " SUSPENDED");
        assertThat(run.out()).contains("  333333333333 (prod-web) web.old-contractor - inactive 90 days")
                .contains("  222222222222 (prod-payments) frank.password-only - inactive 90 days")
                .doesNotContain("dev.someone");
        assertThat(run.err()).contains("Sandbox organization started: 4 member account(s)")
                .contains("Organizations: 4 account(s) found")
                .contains("skipped 555555555555 (closed-project): account status is SUSPENDED")
                .contains("[333333333333 (prod-web)] Scan done: 1 of 2 user(s) flagged as inactive")
                .containsPattern("Account [123]/3 444444444444 \\(dev-sandbox\\): FAILED - STS AssumeRole failed")
                .contains("Organization: 2 account(s) done, 1 failed");
    }

    @Test
    void filtersSelectByNestedOuTagAndAccountLists() throws Exception {
        CliRun prod = CliRun.run("scan", "--organization", "--sandbox", "--ou", "ou-sbx0-prod0001", "--format",
                "json");
        assertThat(prod.exitCode()).as(prod.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(prod.out());
        assertThat(statuses(json)).containsExactly("222222222222 OK", "333333333333 OK", "444444444444 SKIPPED",
                "555555555555 SKIPPED");
        assertThat(json.path("accounts").get(1).path("users").get(0).path("accountId").asText())
                .isEqualTo("333333333333");

        CliRun dev = CliRun.run("scan", "--organization", "--sandbox", "--account-tag", "env=dev", "--format",
                "json");
        assertThat(dev.exitCode()).isEqualTo(OrganizationScan.SOME_ACCOUNTS_FAILED);
        JsonNode devJson = new ObjectMapper().readTree(dev.out());
        assertThat(statuses(devJson)).startsWith("444444444444 FAILED");
        assertThat(devJson.path("accounts").get(0).path("errorCode").asText()).isEqualTo("AccessDenied");

        CliRun listed = CliRun.run("scan", "--organization", "--sandbox", "--account", "333333333333,444444444444",
                "--exclude-account", "444444444444", "--format", "csv");
        assertThat(listed.exitCode()).as(listed.err()).isZero();
        assertThat(listed.out()).contains("444444444444,dev-sandbox,SKIPPED,,,,,,excluded by the account deny list")
                .contains("333333333333,prod-web,OK,web.old-contractor,")
                .doesNotContain("222222222222,prod-payments,OK");
    }

    @Test
    void organisationOptionsAreRefusedWhereTheyCannotApply() {
        CliRun noOrg = CliRun.run("scan", "--sandbox", "--ou", "ou-x");
        assertThat(noOrg.exitCode()).isEqualTo(IamJanitorCli.USAGE);
        assertThat(noOrg.err()).contains("need --organization");

        CliRun badId = CliRun.run("scan", "--organization", "--sandbox", "--account", "12345");
        assertThat(badId.exitCode()).isEqualTo(IamJanitorCli.USAGE);
        assertThat(badId.err()).contains("12 digits, got '12345'");

        CliRun badTag = CliRun.run("scan", "--organization", "--sandbox", "--account-tag", "env");
        assertThat(badTag.exitCode()).isEqualTo(IamJanitorCli.USAGE);

        CliRun badRole = CliRun.run("scan", "--organization", "--sandbox", "--role-name", "x:role/y");
        assertThat(badRole.exitCode()).isEqualTo(IamJanitorCli.USAGE);
    }

    private static List<String> statuses(JsonNode json) {
        List<String> out = new ArrayList<>();
        json.path("accounts").forEach(a -> out.add(a.path("accountId").asText() + " " + a.path("status").asText()));
        return out;
    }
}
