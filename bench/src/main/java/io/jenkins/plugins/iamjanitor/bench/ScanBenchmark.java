package io.jenkins.plugins.iamjanitor.bench;

import io.jenkins.plugins.iamjanitor.bench.iam.IamRig;
import io.jenkins.plugins.iamjanitor.bench.iam.Population;
import io.jenkins.plugins.iamjanitor.sandbox.TokenBucket;
import io.jenkins.plugins.iamjanitor.core.activity.ActivityLookup;
import io.jenkins.plugins.iamjanitor.core.activity.ActivityQuery;
import io.jenkins.plugins.iamjanitor.core.model.IamUser;
import io.jenkins.plugins.iamjanitor.core.policy.InactivityPolicy;
import io.jenkins.plugins.iamjanitor.core.policy.PolicySettings;
import io.jenkins.plugins.iamjanitor.core.port.ActivityLog;
import io.jenkins.plugins.iamjanitor.core.port.DetailRead;
import io.jenkins.plugins.iamjanitor.core.port.IamDirectory;
import io.jenkins.plugins.iamjanitor.core.port.ProgressListener;
import io.jenkins.plugins.iamjanitor.core.scan.InactivityScanner;
import io.jenkins.plugins.iamjanitor.core.review.ReviewStages;
import io.jenkins.plugins.iamjanitor.core.scan.ScanResult;
import io.jenkins.plugins.iamjanitor.integrations.aws.AwsIamDirectory;
import io.jenkins.plugins.iamjanitor.sandbox.FaultPlan;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A full scan ({@link InactivityScanner} over {@code AwsIamDirectory}) of N users with two keys each, through the real
 * SDK, against the IAM emulator with a per-request latency and an account-wide rate limit answering Throttling. The
 * credential report path and the per-user path are compared on API calls (the emulator's own counters) and wall time.
 * Discovery (listing users with their credentials' last use) is reported apart from the detail reads the scanner then
 * makes for flagged users: with the report, {@code --details auto} lets AwsIamDirectory pick bulk or per-user detail
 * reads from the report's counts; without it they are per user. Then the IAM calls the review's CloudTrail stage
 * makes for access key ids (which the scan no longer reads) are counted apart, with every flagged user approved.
 */
final class ScanBenchmark implements Benchmark {
    static final List<String> HEADERS = List.of("users", "path", "latency ms", "limit/s", "discovery calls",
            "detail calls", "total calls", "calls/user", "throttled", "flagged", "discovery s", "scan s",
            "discovery calls ÷ report path", "Cloud Custodian calls", "total ÷ Custodian",
            "CloudTrail-stage key-id calls (all flagged approved)", "key-id s");

    @Override
    public String name() {
        return "scan";
    }

    @Override
    public String usage() {
        return "scan [--users 1000,5000,20000] [--latency-ms 20] [--rate 20] [--burst 40] [--inactive 0.05]"
                + " [--details auto|bulk|per-user] [--detail-rate 0.9×rate] [--threads 4]"
                + " [--timed-per-user-max 1000] [--seed 42] [--markdown FILE]";
    }

    record Options(int users, boolean report, int latencyMs, double rate, double burst, double inactive, long seed,
                   Details details) {
        Options(int users, boolean report, int latencyMs, double rate, double burst, double inactive, long seed) {
            this(users, report, latencyMs, rate, burst, inactive, seed, Details.DEFAULT);
        }
    }

    /** How the detail reads of flagged users run (AwsIamDirectory.withDetailReads). */
    record Details(String path, double rate, int threads) {
        static final Details DEFAULT = new Details("auto", 15, 4);
    }

    /**
     * @param keyIdCalls   IAM requests the review's CloudTrail stage then makes for key ids ({@link ReviewStages#evidence}
     *                     with every flagged user taken as approved); not part of the scan's total
     * @param keyIdSeconds their wall time
     */
    record Row(Options o, long discoveryCalls, long detailCalls, long throttled, int flagged, double wallSeconds,
               double discoverySeconds, long keyIdCalls, double keyIdSeconds) {
        long totalCalls() {
            return discoveryCalls + detailCalls;
        }
    }

    @Override
    public void run(BenchArgs args, PrintStream out, PrintStream log) throws Exception {
        List<Integer> sizes = args.integers("users", "1000,5000,20000");
        int latency = args.integer("latency-ms", 20);
        double rate = args.decimal("rate", 20);
        double burst = args.decimal("burst", 40);
        double inactive = args.decimal("inactive", 0.05);
        int timedMax = args.integer("timed-per-user-max", 1000);
        long seed = args.integer("seed", 42);
        String markdown = args.string("markdown", null);
        // The client-side pace defaults to 90 % of the account's limit when the benchmark sets one (the
        // directory's own default, 15/s, is for accounts whose limit nobody measured).
        Details details = new Details(args.string("details", "auto"),
                args.decimal("detail-rate", rate > 0 ? Math.floor(rate * 0.9) : 15), args.integer("threads", 4));
        runOnce(new Options(200, true, 0, 0, 0, inactive, seed), ProgressListener.NONE);
        runOnce(new Options(200, false, 0, 0, 0, inactive, seed), ProgressListener.NONE);
        log.println("scan: warm-up done");
        Table table = new Table(HEADERS);
        for (int users : sizes) {
            Row report = runOnce(new Options(users, true, latency, rate, burst, inactive, seed, details),
                    log::println);
            table.row(cells(report, report, false));
            log.println("scan: " + String.join(", ", cells(report, report, false)));
            boolean timed = users <= timedMax;
            Details perUserDetails = new Details("per-user", details.rate(), details.threads());
            Options perUser = timed ? new Options(users, false, latency, rate, burst, inactive, seed, perUserDetails)
                    : new Options(users, false, 0, 0, 0, inactive, seed,
                            new Details("per-user", 1_000_000, details.threads()));
            Row row = runOnce(perUser, n -> { });
            String[] cells = cells(row, report, !timed);
            if (!timed) {
                // Not timed at this size: the calls are exact, the wall time is the floor the latency and the
                // rate limit impose on sequential calls.
                double floor = row.totalCalls() * Math.max(latency / 1000.0, rate > 0 ? 1 / rate : 0);
                cells[1] = "per-user (calls only), details per-user";
                cells[2] = "0";
                cells[3] = "none";
                double discoveryFloor = row.discoveryCalls() * Math.max(latency / 1000.0, rate > 0 ? 1 / rate : 0);
                cells[10] = String.format(Locale.ROOT, "≥ %.0f (est.)", discoveryFloor);
                cells[11] = String.format(Locale.ROOT, "≥ %.0f (est.)", floor);
            }
            table.row((Object[]) cells);
            log.println("scan: " + String.join(", ", cells));
        }
        out.print(table.text());
        if (markdown != null) {
            Files.writeString(Path.of(markdown), table.markdown());
            log.println("scan: table written to " + markdown);
        }
    }

    private static String[] cells(Row r, Row report, boolean untimed) {
        Options o = r.o();
        // Cloud Custodian's documented cost for IAM users: one GetUser per user plus the credential report's two
        // calls (GenerateCredentialReport, GetCredentialReport); its ListUsers pages are left out in its favour.
        long custodian = o.users() + 2L;
        return new String[] {Integer.toString(o.users()), (o.report() ? "credential report" : "per-user")
                + ", details " + o.details().path(),
            Integer.toString(o.latencyMs()), o.rate() > 0 ? String.format(Locale.ROOT, "%.0f", o.rate()) : "none",
            Long.toString(r.discoveryCalls()), Long.toString(r.detailCalls()), Long.toString(r.totalCalls()),
            String.format(Locale.ROOT, "%.3f", (double) r.totalCalls() / o.users()),
            Long.toString(r.throttled()), Integer.toString(r.flagged()),
            untimed ? "" : String.format(Locale.ROOT, "%.1f", r.discoverySeconds()),
            untimed ? "" : String.format(Locale.ROOT, "%.1f", r.wallSeconds()),
            o.report() ? "1" : String.format(Locale.ROOT, "%.0f×",
                    (double) r.discoveryCalls() / Math.max(1, report.discoveryCalls())),
            Long.toString(custodian), String.format(Locale.ROOT, "%.2f", (double) r.totalCalls() / custodian),
            Long.toString(r.keyIdCalls()), untimed ? "" : String.format(Locale.ROOT, "%.1f", r.keyIdSeconds())};
    }

    /** A trail with no events: the benchmark measures the IAM side of the CloudTrail stage. */
    private static final ActivityLog NO_TRAIL = new ActivityLog() {
        @Override
        public ActivityLookup lookup(ActivityQuery query) {
            return new ActivityLookup(query.userName(), List.of(), Map.of());
        }

        @Override
        public List<ActivityLookup> lookupAll(List<ActivityQuery> queries, ProgressListener progress) {
            return queries.stream().map(this::lookup).toList();
        }
    };

    static Row runOnce(Options o, ProgressListener progress) {
        TokenBucket limit = o.rate() > 0 ? new TokenBucket(o.rate(), o.burst()) : null;
        try (IamRig rig = new IamRig(new FaultPlan(Duration.ofMillis(o.latencyMs()), 0, 0, 0, o.seed()), limit)) {
            new Population(rig.state(), o.seed()).scanUsers("bench.user", o.users(), o.inactive());
            AwsIamDirectory real = rig.directory(o.report(), Duration.ofMillis(50))
                    .withDetailReads(o.details().rate(), o.details().threads(), o.details().path());
            long[] discovery = new long[2];
            long start = System.nanoTime();
            IamDirectory counted = new IamDirectory() {
                @Override
                public List<IamUser> listUsers(ProgressListener p) {
                    List<IamUser> users = real.listUsers(p);
                    discovery[0] = rig.requests();
                    discovery[1] = System.nanoTime();
                    return users;
                }

                @Override
                public IamUser withDetails(IamUser user) {
                    return real.withDetails(user);
                }

                @Override
                public List<DetailRead> withDetails(List<IamUser> users, ProgressListener p) {
                    return real.withDetails(users, p);
                }

                @Override
                public Optional<IamUser> fetchLive(String userName) {
                    return real.fetchLive(userName);
                }
            };
            InactivityScanner scanner = new InactivityScanner(counted,
                    new InactivityPolicy(PolicySettings.defaults(), Clock.systemUTC()));
            ScanResult result = scanner.scan(line -> {
                if (!line.startsWith("[") && !line.startsWith("IAM: details [")) {
                    progress.progress("  " + line);
                }
            });
            double wall = (System.nanoTime() - start) / 1e9;
            if (result.verdicts().size() != o.users()) {
                throw new IllegalStateException("expected " + o.users() + " users, scanned "
                        + result.verdicts().size());
            }
            long scanCalls = rig.requests();
            // The review's CloudTrail stage for the flagged users (all taken as approved), CloudTrail itself left
            // out: only the key-id reads it makes through the same core code.
            long keyIdStart = System.nanoTime();
            ReviewStages.evidence(result.flagged(), real::accessKeyIds, NO_TRAIL, Instant.now(), List.of(),
                    ProgressListener.NONE);
            double keyIdWall = (System.nanoTime() - keyIdStart) / 1e9;
            return new Row(o, discovery[0], scanCalls - discovery[0], rig.front().throttled(),
                    result.flagged().size(), wall, (discovery[1] - start) / 1e9, rig.requests() - scanCalls,
                    keyIdWall);
        }
    }
}
