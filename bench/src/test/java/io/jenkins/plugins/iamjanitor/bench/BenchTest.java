package io.jenkins.plugins.iamjanitor.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The harness itself (argument handling, tables); the benchmarks are run by hand, never timed here. */
class BenchTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... argv) {
        return Bench.standard().run(argv, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void rejectsUnknownBenchmarksAndOptions() {
        assertThat(run("nope")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown benchmark 'nope'").contains("cloudtrail");
        assertThat(run("cloudtrail", "--users")).isEqualTo(2);
        assertThat(run("cloudtrail", "--users", "many")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--users must be comma-separated whole numbers");
    }

    @Test
    void runsASmallCloudTrailBenchmarkWithoutFailures() {
        CloudTrailBenchmark.Row row = CloudTrailBenchmark.runOnce(new CloudTrailBenchmark.Options(6,
                List.of("us-east-1", "eu-west-1"), 200, 2, 2, 20, 2, 0, 3), line -> { });

        assertThat(row.failed()).isZero();
        assertThat(row.lookups()).isEqualTo(2L * (6 + 9)); // per region: a Username lookup + 1 or 2 keys each
        assertThat(row.apiCalls()).isGreaterThanOrEqualTo(row.lookups());
    }

    @Test
    void printsAlignedAndMarkdownTables() {
        Table table = new Table(List.of("a", "long header")).row("1", "2").row("333", "4");

        assertThat(table.text()).isEqualTo("a    long header\n---  -----------\n1    2\n333  4\n");
        assertThat(table.markdown()).isEqualTo("| a | long header |\n|---|---|\n| 1 | 2 |\n| 333 | 4 |\n");
    }
}
