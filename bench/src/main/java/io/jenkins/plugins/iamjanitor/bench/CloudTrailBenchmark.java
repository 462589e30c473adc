package io.jenkins.plugins.iamjanitor.bench;

import io.jenkins.plugins.iamjanitor.core.activity.ActivityLookup;
import io.jenkins.plugins.iamjanitor.core.activity.ActivityQuery;
import io.jenkins.plugins.iamjanitor.core.activity.ActivitySummary;
import io.jenkins.plugins.iamjanitor.core.activity.ActivitySummaryDocument;
import io.jenkins.plugins.iamjanitor.core.port.ProgressListener;
import io.jenkins.plugins.iamjanitor.integrations.aws.cloudtrail.AwsCloudTrailActivityLog;
import io.jenkins.plugins.iamjanitor.integrations.aws.cloudtrail.CloudTrailClientFactory;
import io.jenkins.plugins.iamjanitor.integrations.aws.cloudtrail.CloudTrailSettings;
import io.jenkins.plugins.iamjanitor.integrations.aws.cloudtrail.CloudTrailStats;
import io.jenkins.plugins.iamjanitor.sandbox.FaultPlan;
import io.jenkins.plugins.iamjanitor.sandbox.LoopbackServer;
import io.jenkins.plugins.iamjanitor.sandbox.Scenario;
import io.jenkins.plugins.iamjanitor.sandbox.cloudtrail.CloudTrailEmulator;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * CloudTrail evidence for N users against the emulator's enforced LookupEvents limit (2 requests/s per region by
 * default). The figure of merit is the achieved request rate of the busiest region divided by the limit: 1.0 means
 * the limit was used completely; the goal is at least 0.9 with no failed lookup.
 */
final class CloudTrailBenchmark implements Benchmark {
    static final List<String> HEADERS = List.of("users", "regions", "limit/region", "lookups", "API calls",
            "throttled", "failed lookups", "no-event users", "wall s", "busiest region calls/s", "rate ÷ limit");

    @Override
    public String name() {
        return "cloudtrail";
    }

    @Override
    public String usage() {
        return "cloudtrail [--users 50,200] [--regions us-east-1,eu-west-1] [--rate 2] [--burst 2] [--keys 2]"
                + " [--events 60] [--threads 4] [--latency-ms 5] [--seed 42] [--quiet false] [--markdown FILE]";
    }

    @Override
    public void run(BenchArgs args, PrintStream out, PrintStream log) throws Exception {
        List<Integer> userCounts = args.integers("users", "50,200");
        List<String> regions = args.list("regions", "us-east-1,eu-west-1");
        double rate = args.decimal("rate", CloudTrailEmulator.AWS_REQUESTS_PER_SECOND);
        int burst = args.integer("burst", 2);
        int maxKeys = args.integer("keys", 2);
        int events = args.integer("events", 60);
        int threads = args.integer("threads", 4);
        int latencyMs = args.integer("latency-ms", 5);
        long seed = args.integer("seed", 42);
        boolean quiet = Boolean.parseBoolean(args.string("quiet", "false"));
        String markdown = args.string("markdown", null);
        if (!regions.contains(CloudTrailSettings.HOME_REGION)) {
            throw new IllegalArgumentException("--regions must include " + CloudTrailSettings.HOME_REGION);
        }
        warmUp(regions, log);
        Table table = new Table(HEADERS);
        for (int users : userCounts) {
            Options o = new Options(users, regions, rate, burst, maxKeys, events, threads, latencyMs, seed);
            log.printf(Locale.ROOT, "cloudtrail: %d users, %s, %.1f requests/s per region enforced%n", users,
                    regions, rate);
            Row row = runOnce(o, quiet ? ProgressListener.NONE : log::println);
            table.row(row.cells());
            log.println("cloudtrail: " + String.join(", ", row.cells()));
        }
        out.print(table.text());
        if (markdown != null) {
            Files.writeString(Path.of(markdown), table.markdown());
            log.println("cloudtrail: table written to " + markdown);
        }
    }

    record Options(int users, List<String> regions, double rate, int burst, int maxKeys, int events, int threads,
                   int latencyMs, long seed) {
    }

    record Row(int users, int regions, double limit, long lookups, long apiCalls, long throttled, long failed,
               long noEvents, double wallSeconds, double busiestRate) {
        String[] cells() {
            return new String[] {Integer.toString(users), Integer.toString(regions),
                String.format(Locale.ROOT, "%.1f/s", limit), Long.toString(lookups), Long.toString(apiCalls),
                Long.toString(throttled), Long.toString(failed), Long.toString(noEvents),
                String.format(Locale.ROOT, "%.1f", wallSeconds), String.format(Locale.ROOT, "%.3f", busiestRate),
                String.format(Locale.ROOT, "%.3f", busiestRate / limit)};
        }
    }

    static Row runOnce(Options o, ProgressListener progress) {
        CloudTrailEmulator emulator = new CloudTrailEmulator(Scenario.parse("bench", "{}"));
        emulator.setRateLimit(o.rate(), o.burst());
        emulator.faults().setPlan(new FaultPlan(Duration.ofMillis(o.latencyMs()), 0, 0, 0, o.seed()));
        SplittableRandom random = new SplittableRandom(o.seed());
        Instant now = emulator.now();
        List<ActivityQuery> queries = new ArrayList<>();
        long lookups = 0;
        for (int i = 0; i < o.users(); i++) {
            String user = String.format(Locale.ROOT, "bench.user%04d", i);
            List<String> keys = new ArrayList<>();
            for (int k = 0; k < 1 + i % Math.max(1, o.maxKeys()); k++) {
                keys.add(String.format(Locale.ROOT, "AKIABENCH%06d%05d", i, k));
            }
            // A tenth of the users have nothing in 90 days; the rest up to twice the mean, some over several pages.
            int count = i % 10 == 9 ? 0 : random.nextInt(2 * o.events() + 1);
            emulator.events().generate(user, keys, count, o.regions(), now, random);
            queries.add(new ActivityQuery(user, keys, now.minus(Duration.ofDays(90)), List.of()));
            lookups += (1L + keys.size()) * o.regions().size();
        }
        CloudTrailSettings settings = new CloudTrailSettings(o.regions(), o.rate(), o.threads(), 10,
                Duration.ofMillis(250), Duration.ofSeconds(8));
        try (LoopbackServer server = emulator.serve();
             CloudTrailClientFactory clients = new CloudTrailClientFactory(server.uri("/"),
                     StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDBENCH", "bench-secret")),
                     Duration.ofSeconds(30))) {
            AwsCloudTrailActivityLog log = new AwsCloudTrailActivityLog(settings, clients);
            long start = System.nanoTime();
            List<ActivityLookup> results = log.lookupAll(queries, progress);
            double wall = (System.nanoTime() - start) / 1e9;
            long failed = results.stream().filter(r -> !r.failedRegions().isEmpty()).count();
            long noEvents = 0;
            for (ActivityLookup r : results) {
                ActivitySummary summary = ActivitySummary.of(r, now.minus(Duration.ofDays(90)), now, 10);
                ActivitySummaryDocument.render(summary, 3); // what the enrichment would post
                noEvents += summary.noEvents() ? 1 : 0;
            }
            Map<String, Long> perRegion = emulator.requestCounts();
            long busiest = perRegion.values().stream().mapToLong(Long::longValue).max().orElse(0);
            CloudTrailStats stats = log.stats();
            return new Row(o.users(), o.regions().size(), o.rate(), lookups, stats.apiCalls(),
                    CloudTrailEmulator.total(emulator.throttledCounts()), failed, noEvents, wall, busiest / wall);
        }
    }

    /** Loads and JIT-warms the SDK path on a throwaway emulator so the measured run is steady-state. */
    private static void warmUp(List<String> regions, PrintStream log) {
        Options warm = new Options(20, regions, 1000, 1000, 2, 30, 4, 0, 1);
        Row row = runOnce(warm, ProgressListener.NONE);
        log.printf(Locale.ROOT, "cloudtrail: warm-up done (%d calls in %.1f s)%n", row.apiCalls(), row.wallSeconds());
    }
}
