package io.jenkins.plugins.iamjanitor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TerminalProgressTest {
    private final StringWriter out = new StringWriter();
    private final AtomicLong nanos = new AtomicLong();

    @Test
    void onATerminalABarWithAnEtaStaysUnderTheLinesUntilThePhaseEnds() {
        TerminalProgress p = new TerminalProgress(new PrintWriter(out), "", true, nanos::get);

        p.step("Evaluating users", 1, 10, "[1/10] a: ACTIVE");
        nanos.addAndGet(2_000_000_000L); // two seconds for the second user: ETA (4 s for 2) * 8 left
        p.step("Evaluating users", 2, 10, "[2/10] b: ACTIVE");
        p.progress("IAM: something else");
        for (int i = 3; i <= 10; i++) {
            p.step("Evaluating users", i, 10, "[" + i + "/10] u" + i + ": ACTIVE");
        }

        String s = out.toString();
        assertThat(s).contains("[1/10] a: ACTIVE\nEvaluating users [##..........................] 1/10 10% ETA 0s")
                .contains("\r\u001b[K[2/10] b: ACTIVE\nEvaluating users [#####.......................] 2/10 20% ETA 8s")
                .contains("\r\u001b[KIAM: something else\nEvaluating users [#####")
                .endsWith("\r\u001b[K[10/10] u10: ACTIVE\n");
    }

    @Test
    void pipedOrRedirectedItIsThePlainLinesWithoutEscapes() {
        TerminalProgress p = new TerminalProgress(new PrintWriter(out), "  ", false, nanos::get);

        p.step("CloudTrail lookups", 1, 10, "[1/10] CloudTrail a: 0 events");
        p.progress("done");

        assertThat(out.toString()).isEqualTo("  [1/10] CloudTrail a: 0 events\n  done\n");
    }

    @Test
    void shortPhasesGetNoBar() {
        TerminalProgress p = new TerminalProgress(new PrintWriter(out), "", true, nanos::get);

        p.step("CloudTrail lookups", 1, 2, "[1/2] x");

        assertThat(out.toString()).isEqualTo("[1/2] x\n");
    }
}
