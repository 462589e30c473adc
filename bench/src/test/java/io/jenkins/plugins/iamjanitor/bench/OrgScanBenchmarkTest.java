package io.jenkins.plugins.iamjanitor.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A small organisation run of the org-scan benchmark: its own checks hold (never timed here). */
class OrgScanBenchmarkTest {

    @Test
    void everyReachableAccountCompletesAtTheSingleAccountCallCountAndTheDeniedOneIsReported() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Bench.standard().run(new String[] {"org-scan", "--accounts", "6", "--users", "30", "--inactive",
            "0.1", "--latency-ms", "0", "--concurrency", "3", "--denied", "1"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        // accounts, users/account, latency, concurrency, complete, failed: checked by the benchmark itself too
        assertThat(text).containsPattern("\\n6 +30 +0 +3 +5 +1 +(\\d+) +\\1 ")
                .containsPattern("\\n6 +30 +0 +1 +5 +1 +(\\d+) +\\1 ")
                .contains("denied account: 200000000005: STS AssumeRole failed (AccessDenied)");
    }
}
