package io.jenkins.plugins.iamjanitor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code --detail-reads}, {@code --detail-rate}, {@code --detail-threads} on the sandbox. */
class DetailReadsCliTest {

    @Test
    void thePathCanBeForcedAndTheVerdictsDoNotDependOnIt() throws Exception {
        CliRun auto = CliRun.run("scan", "--sandbox", "--format", "json");
        CliRun perUser = CliRun.run("scan", "--sandbox", "--format", "json", "--detail-reads", "per-user",
                "--detail-rate", "50", "--detail-threads", "2");

        assertThat(auto.exitCode()).as(auto.err()).isZero();
        assertThat(perUser.exitCode()).as(perUser.err()).isZero();
        assertThat(auto.err()).contains(": bulk reads (estimated IAM calls").doesNotContain(", forced");
        assertThat(perUser.err()).contains(": per-user reads (estimated IAM calls").contains(", forced");
        // The same flagged users either way.
        assertThat(ScanCliTest.flagged(perUser)).isEqualTo(ScanCliTest.flagged(auto)).isNotEmpty();
    }

    @Test
    void badValuesAreUsageErrorsInOneLine() {
        CliRun path = CliRun.run("scan", "--sandbox", "--detail-reads", "fast");
        assertThat(path.exitCode()).isEqualTo(2);
        assertThat(path.err()).startsWith("error: --detail-reads must be auto, bulk or per-user, got 'fast'");

        CliRun rate = CliRun.run("review", "--sandbox", "--detail-rate", "0");
        assertThat(rate.exitCode()).isEqualTo(2);
        assertThat(rate.err()).startsWith("error: --detail-rate must be above 0 and at most 100 requests per second");

        CliRun threads = CliRun.run("scan", "--sandbox", "--detail-threads", "0");
        assertThat(threads.exitCode()).isEqualTo(2);
        assertThat(threads.err()).startsWith("error: --detail-threads must be between 1 and 32, got 0");
    }
}
