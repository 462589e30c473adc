package io.jenkins.plugins.iamjanitor.bench;

import io.jenkins.plugins.iamjanitor.core.port.ProgressListener;
import io.jenkins.plugins.iamjanitor.integrations.aws.AwsClients;
import io.jenkins.plugins.iamjanitor.integrations.aws.AwsCredentialsSource;
import io.jenkins.plugins.iamjanitor.integrations.aws.AwsIamDirectory;
import io.jenkins.plugins.iamjanitor.integrations.aws.AwsSettings;
import io.jenkins.plugins.iamjanitor.sandbox.FaultPlan;
import io.jenkins.plugins.iamjanitor.sandbox.Faults;
import io.jenkins.plugins.iamjanitor.sandbox.Scenario;
import io.jenkins.plugins.iamjanitor.sandbox.iam.IamEmulator;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * IAM discovery for N users: the credential report path (a handful of calls) against the per-user path (three or
 * more calls per user), with a per-request latency and an optional throttling rate on the emulator.
 */
final class IamScanBenchmark implements Benchmark {
    static final List<String> HEADERS = List.of("users", "path", "latency ms", "throttle rate", "API calls",
            "throttled", "wall s", "users/s");

    @Override
    public String name() {
        return "iam-scan";
    }

    @Override
    public String usage() {
        return "iam-scan [--users 200,1000] [--latency-ms 20] [--throttle 0.05] [--markdown FILE]";
    }

    @Override
    public void run(BenchArgs args, PrintStream out, PrintStream log) throws Exception {
        List<Integer> userCounts = args.integers("users", "200,1000");
        int latencyMs = args.integer("latency-ms", 20);
        double throttle = args.decimal("throttle", 0.05);
        String markdown = args.string("markdown", null);
        runOnce(50, true, 0, 0, ProgressListener.NONE); // warm-up: class loading and JIT
        Table table = new Table(HEADERS);
        for (int users : userCounts) {
            for (boolean report : new boolean[] {true, false}) {
                log.printf(Locale.ROOT, "iam-scan: %d users, %s path%n", users, report ? "report" : "per-user");
                table.row(runOnce(users, report, latencyMs, throttle, ProgressListener.NONE));
            }
        }
        out.print(table.text());
        if (markdown != null) {
            Files.writeString(Path.of(markdown), table.markdown());
            log.println("iam-scan: table written to " + markdown);
        }
    }

    static Object[] runOnce(int users, boolean report, int latencyMs, double throttle, ProgressListener progress) {
        StringBuilder json = new StringBuilder("{\"iam\":{\"users\":[");
        for (int i = 0; i < users; i++) {
            json.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT,
                    "{\"name\":\"bench.user%05d\",\"password\":{\"lastUsedDaysAgo\":%d},"
                            + "\"accessKeys\":[{\"createdDaysAgo\":300,\"lastUsedDaysAgo\":%d}]}", i, i % 90, i % 60));
        }
        Scenario scenario = Scenario.parse("bench", json.append("]}}").toString());
        Faults faults = new Faults(new FaultPlan(Duration.ofMillis(latencyMs), 0, throttle, 0, 7));
        try (IamEmulator.Running iam = IamEmulator.start(scenario, faults);
             AwsClients clients = new AwsClients(new AwsSettings("us-east-1", iam.emulator().endpoint(), null,
                     new AwsCredentialsSource.Static("AKIABENCH", "bench-secret", null), 10, Duration.ofMillis(20),
                     Duration.ofMinutes(5)));
             IamClient client = clients.iam()) {
            AwsIamDirectory directory = new AwsIamDirectory(client,
                    new AwsIamDirectory.Options(report, 1000, 30, Duration.ofMillis(50)), d -> Thread.sleep(
                            d.toMillis()));
            long start = System.nanoTime();
            int found = directory.listUsers(progress).size();
            double wall = (System.nanoTime() - start) / 1e9;
            if (found != users) {
                throw new IllegalStateException("expected " + users + " users, got " + found);
            }
            int calls = iam.emulator().callCounts().values().stream().mapToInt(Integer::intValue).sum();
            return new Object[] {users, report ? "credential report" : "per-user", latencyMs,
                String.format(Locale.ROOT, "%.2f", throttle), calls, faults.injected(),
                String.format(Locale.ROOT, "%.2f", wall), String.format(Locale.ROOT, "%.0f", users / wall)};
        }
    }
}
