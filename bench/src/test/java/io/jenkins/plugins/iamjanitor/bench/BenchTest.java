package io.jenkins.plugins.iamjanitor.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import io.jenkins.plugins.iamjanitor.sandbox.TokenBucket;
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
    void theCredentialReportPathNeedsAFewCallsWhereThePerUserPathNeedsSeveralPerUser() {
        ScanBenchmark.Details fast = new ScanBenchmark.Details("auto", 1000, 4);
        ScanBenchmark.Row report = ScanBenchmark.runOnce(new ScanBenchmark.Options(60, true, 0, 0, 0, 0.1, 5, fast),
                line -> { });
        ScanBenchmark.Row perUser = ScanBenchmark.runOnce(new ScanBenchmark.Options(60, false, 0, 0, 0, 0.1, 5,
                fast), line -> { });

        assertThat(report.flagged()).isEqualTo(6).isEqualTo(perUser.flagged());
        assertThat(report.discoveryCalls()).isLessThanOrEqualTo(6);
        // ListUsers, then GetLoginProfile, ListAccessKeys and GetAccessKeyLastUsed for each of the two keys
        assertThat(perUser.discoveryCalls()).isEqualTo(1 + 60 * 4);
        // With the report, bulk details: 3 account-wide pages and ListSSHPublicKeys per flagged user (no key ids:
        // the CloudTrail stage reads those); without it, the 6 per-user detail calls per flagged user.
        assertThat(report.detailCalls()).isEqualTo(3 + 6);
        assertThat(perUser.detailCalls()).isEqualTo(6 * 6);
        // The CloudTrail stage then reads key ids: one ListAccessKeys per approved user the report named keys for;
        // nothing when per-user discovery already listed them.
        assertThat(report.keyIdCalls()).isEqualTo(6);
        assertThat(perUser.keyIdCalls()).isZero();
    }

    @Test
    void deletionMakesThePlansCallsAndTheBackupReadsPlusTheReCheck() throws Exception {
        DeleteBenchmark.Row row = DeleteBenchmark.runOnce(8, 0, 3, line -> { });

        assertThat(row.deleted()).isEqualTo(8);
        assertThat(row.backups()).isEqualTo(8);
        assertThat(row.calls()).isGreaterThanOrEqualTo(row.minimum());
        // Only the live re-check repeats reads the backup already made; every teardown call is in the plan.
        assertThat(row.extraByAction()).containsOnlyKeys("GetUser", "GetLoginProfile", "ListAccessKeys",
                "GetAccessKeyLastUsed");
        assertThat(row.extraByAction()).containsEntry("GetUser", 8L);
    }

    @Test
    void theAccountWideLimitRefusesBeyondTheBurst() {
        TokenBucket limit = new TokenBucket(0.001, 3);

        assertThat(limit.tryAcquire()).isTrue();
        assertThat(limit.tryAcquire()).isTrue();
        assertThat(limit.tryAcquire()).isTrue();
        assertThat(limit.tryAcquire()).isFalse();
    }

    @Test
    void printsAlignedAndMarkdownTables() {
        Table table = new Table(List.of("a", "long header")).row("1", "2").row("333", "4");

        assertThat(table.text()).isEqualTo("a    long header\n---  -----------\n1    2\n333  4\n");
        assertThat(table.markdown()).isEqualTo("| a | long header |\n|---|---|\n| 1 | 2 |\n| 333 | 4 |\n");
    }
}
