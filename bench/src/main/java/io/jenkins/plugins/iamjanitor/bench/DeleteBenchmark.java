package io.jenkins.plugins.iamjanitor.bench;

import io.jenkins.plugins.iamjanitor.bench.iam.IamFront;
import io.jenkins.plugins.iamjanitor.bench.iam.IamRig;
import io.jenkins.plugins.iamjanitor.bench.iam.Population;
import io.jenkins.plugins.iamjanitor.bench.iam.Population.Dependents;
import io.jenkins.plugins.iamjanitor.core.approval.ApprovalRecord;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionResult;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionSettings;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionStatus;
import io.jenkins.plugins.iamjanitor.core.deletion.UserDeleter;
import io.jenkins.plugins.iamjanitor.core.policy.InactivityPolicy;
import io.jenkins.plugins.iamjanitor.core.policy.PolicySettings;
import io.jenkins.plugins.iamjanitor.core.port.ProgressListener;
import io.jenkins.plugins.iamjanitor.integrations.backup.JsonBackupStore;
import io.jenkins.plugins.iamjanitor.sandbox.FaultPlan;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Deletes N approved users with a random mix of dependents through core's {@link UserDeleter} and the AWS adapters,
 * execute mode, backups to a temporary directory, against the IAM emulator with a per-request latency. Compares the
 * calls made with the minimum the plans need: every teardown call of the plan plus the reads a complete backup needs
 * (which include everything the live re-check reads).
 */
final class DeleteBenchmark implements Benchmark {
    static final List<String> HEADERS = List.of("users", "latency ms", "dependents/user", "plan calls",
            "required reads", "minimum calls", "calls made", "calls/user", "minimum/user", "made ÷ minimum",
            "deleted", "backups", "wall s", "ms/user");

    @Override
    public String name() {
        return "delete";
    }

    @Override
    public String usage() {
        return "delete [--users 100] [--latency-ms 20] [--seed 42] [--markdown FILE]";
    }

    record Row(int users, int latencyMs, double dependentsPerUser, long planCalls, long requiredReads, long calls,
               long deleted, long backups, double wallSeconds, Map<String, Long> extraByAction) {
        long minimum() {
            return planCalls + requiredReads;
        }

        String[] cells() {
            return new String[] {Integer.toString(users), Integer.toString(latencyMs),
                String.format(Locale.ROOT, "%.1f", dependentsPerUser), Long.toString(planCalls),
                Long.toString(requiredReads), Long.toString(minimum()), Long.toString(calls),
                String.format(Locale.ROOT, "%.1f", (double) calls / users),
                String.format(Locale.ROOT, "%.1f", (double) minimum() / users),
                String.format(Locale.ROOT, "%.2f", (double) calls / minimum()), Long.toString(deleted),
                Long.toString(backups), String.format(Locale.ROOT, "%.1f", wallSeconds),
                String.format(Locale.ROOT, "%.0f", wallSeconds * 1000 / users)};
        }
    }

    @Override
    public void run(BenchArgs args, PrintStream out, PrintStream log) throws Exception {
        int users = args.integer("users", 100);
        int latency = args.integer("latency-ms", 20);
        long seed = args.integer("seed", 42);
        String markdown = args.string("markdown", null);
        runOnce(10, 0, seed, ProgressListener.NONE);
        log.println("delete: warm-up done");
        Row row = runOnce(users, latency, seed, log::println);
        Table table = new Table(HEADERS).row((Object[]) row.cells());
        out.print(table.text());
        out.println("calls beyond the minimum, by action: " + row.extraByAction());
        if (markdown != null) {
            Files.writeString(Path.of(markdown), table.markdown() + "\nCalls beyond the minimum, by action: "
                    + row.extraByAction() + "\n");
            log.println("delete: table written to " + markdown);
        }
    }

    static Row runOnce(int users, int latencyMs, long seed, ProgressListener progress) throws IOException {
        Path backups = Files.createTempDirectory("iam-janitor-bench-backups");
        try (IamRig rig = new IamRig(new FaultPlan(Duration.ofMillis(latencyMs), 0, 0, 0, seed), null)) {
            Population population = new Population(rig.state(), seed);
            List<Dependents> seeded = new ArrayList<>();
            List<ApprovalRecord> approvals = new ArrayList<>();
            Instant now = Instant.now();
            for (int i = 0; i < users; i++) {
                // The first user has one of every dependent; the rest a random mix.
                Dependents d = population.deletableUser(Population.name("leaver", i), i == 0, 60);
                seeded.add(d);
                approvals.add(new ApprovalRecord(d.userName(), "bench", "Bench approver", now, "bench", null,
                        now.minus(Duration.ofDays(30))));
            }
            Clock clock = Clock.systemUTC();
            UserDeleter deleter = new UserDeleter(rig.directory(true, Duration.ofMillis(50)), rig.admin(),
                    new JsonBackupStore(backups, clock), new InactivityPolicy(
                            // Leavers hold SSH keys and certificates (no last-use data): with "block" the re-check
                            // would keep them, so the benchmark deletes as a scan with unknown activity ignored.
                            new PolicySettings(Duration.ofDays(PolicySettings.DEFAULT_DAYS), false, null),
                            clock),
                    new DeletionSettings(false, users), clock);
            rig.emulator().resetCallCounts();
            long start = System.nanoTime();
            List<DeletionResult> results = deleter.delete(approvals, line -> {
                if (line.contains("DELETED") || line.contains("FAILED")) {
                    progress.progress("  " + line);
                }
            });
            double wall = (System.nanoTime() - start) / 1e9;
            long deleted = results.stream().filter(r -> r.status() == DeletionStatus.DELETED).count();
            long gone = seeded.stream().filter(d -> !rig.state().hasUser(d.userName())).count();
            if (deleted != users || gone != users) {
                throw new IllegalStateException("expected " + users + " deleted, got " + deleted + " (" + gone
                        + " gone): " + results.stream().filter(r -> r.status() != DeletionStatus.DELETED).toList());
            }
            long backupFiles;
            try (Stream<Path> files = Files.list(backups)) {
                backupFiles = files.filter(p -> p.toString().endsWith(".json")).count();
            }
            long plan = seeded.stream().mapToLong(Dependents::planSteps).sum();
            long reads = seeded.stream().mapToLong(Dependents::requiredReads).sum();
            double dependents = seeded.stream().mapToInt(Dependents::dependents).average().orElse(0);
            return new Row(users, latencyMs, dependents, plan, reads, rig.requests(), deleted, backupFiles, wall,
                    extra(rig.callCounts(), seeded));
        } finally {
            deleteTree(backups);
        }
    }

    /** Per action, calls made minus the minimum: where the overhead goes. */
    static Map<String, Long> extra(Map<String, Integer> made, List<Dependents> seeded) {
        Map<String, Long> minimum = new TreeMap<>();
        for (Dependents d : seeded) {
            for (String read : List.of("GetUser", "ListUserTags", "ListGroupsForUser", "ListAttachedUserPolicies",
                    "ListUserPolicies", "GetLoginProfile", "ListAccessKeys", "ListMFADevices", "ListSSHPublicKeys",
                    "ListSigningCertificates", "ListServiceSpecificCredentials")) {
                minimum.merge(read, 1L, Long::sum);
            }
            minimum.merge("GetUserPolicy", (long) d.inlinePolicies(), Long::sum);
            minimum.merge("GetSSHPublicKey", (long) d.sshKeys(), Long::sum);
            minimum.merge("GetAccessKeyLastUsed", (long) d.accessKeys(), Long::sum);
        }
        Map<String, Long> out = new TreeMap<>();
        long writes = 0;
        for (Map.Entry<String, Integer> e : made.entrySet()) {
            if (IamFront.isMutating(e.getKey())) {
                writes += e.getValue();
                continue;
            }
            long diff = e.getValue() - minimum.getOrDefault(e.getKey(), 0L);
            if (diff != 0) {
                out.put(e.getKey(), diff);
            }
        }
        long plan = seeded.stream().mapToLong(Dependents::planSteps).sum();
        if (writes != plan) {
            out.put("teardown calls", writes - plan);
        }
        return out;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
