package io.jenkins.plugins.iamjanitor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `iam-janitor review --organization --sandbox`: one review per account, records and backups per account id. */
class OrganizationReviewCliTest {
    @TempDir
    Path dir;

    @Test
    void reviewsEveryReachableAccountSeparatelyAndReportsTheDeniedOne() throws Exception {
        CliRun run = CliRun.run("review", "--organization", "--sandbox", "--execute", "--approval-timeout", "1",
                "--state-dir", dir.resolve("s").toString(), "--backup-dir", dir.resolve("b").toString(),
                "--report-dir", dir.resolve("r").toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(OrganizationScan.SOME_ACCOUNTS_FAILED);
        assertThat(run.out()).startsWith("Organization review: 3 account(s) (2 reviewed, 1 failed), 1 skipped")
                .containsPattern("\\n222222222222 +prod-payments +OK +[A-Z]+-\\d+ +17 +8 +completed")
                .containsPattern("\\n333333333333 +prod-web +OK +[A-Z]+-\\d+ +1 +1 +completed")
                .containsPattern("\\n444444444444 +dev-sandbox +FAILED .*STS AssumeRole failed \\(AccessDenied\\)")
                .containsPattern("\\n555555555555 +closed-project +SKIPPED .*SUSPENDED")
                .contains("== 333333333333 (prod-web) ==", "web.old-contractor: DELETED")
                // One umbrella ticket for the run, the two accounts' tickets linked to it in the Jira sandbox.
                .containsPattern("\\nUmbrella ticket: ([A-Z]+-\\d+) \\(created\\) \\S+; linked [A-Z]+-\\d+,"
                        + " [A-Z]+-\\d+\\n  Jira: \\1 links \\[[A-Z]+-\\d+, [A-Z]+-\\d+\\]\\n");
        // Each account's review keeps its own record (and its own state-directory lock) and its own backups.
        for (String account : new String[] {"222222222222", "333333333333"}) {
            try (Stream<Path> records = Files.list(dir.resolve("s").resolve(account))) {
                assertThat(records.filter(p -> p.toString().endsWith(".review.json"))).hasSize(1);
            }
            assertThat(dir.resolve("s").resolve(account).resolve(".lock")).exists();
            assertThat(dir.resolve("b").resolve(account)).isNotEmptyDirectory();
        }
        assertThat(dir.resolve("b/333333333333"))
                .isDirectoryContaining(p -> p.toString().contains("web.old-contractor"));
        assertThat(dir.resolve("s/444444444444")).doesNotExist();
        assertThat(run.out() + run.err()).doesNotContain("xoxb-", "xapp-");
    }

    @Test
    void aReviewIdCannotServeSeveralAccounts() {
        CliRun run = CliRun.run("review", "--organization", "--sandbox", "--review-id", "r-1");
        assertThat(run.exitCode()).isEqualTo(IamJanitorCli.USAGE);
        assertThat(run.err()).contains("--review-id names one account's review");
    }
}
