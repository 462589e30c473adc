package io.jenkins.plugins.iamjanitor.bench.soak;

import io.jenkins.plugins.iamjanitor.bench.iam.IamRig;
import io.jenkins.plugins.iamjanitor.core.deletion.UserSnapshot;
import io.jenkins.plugins.iamjanitor.core.port.ProgressListener;
import io.jenkins.plugins.iamjanitor.sandbox.FaultPlan;
import io.jenkins.plugins.iamjanitor.sandbox.LoopbackServer;
import io.jenkins.plugins.iamjanitor.sandbox.Scenario;
import io.jenkins.plugins.iamjanitor.sandbox.cloudtrail.CloudTrailEmulator;
import io.jenkins.plugins.iamjanitor.sandbox.jira.JiraEmulator;
import io.jenkins.plugins.iamjanitor.sandbox.jira.JiraScenario;
import io.jenkins.plugins.iamjanitor.sandbox.Faults;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code review --execute} ({@link ReviewSoakChild}, the CLI's review runner in its own JVM) SIGKILLed at random
 * points, with a per-review cap smaller than the approved set, while some approved users come back to life mid-run,
 * and two runs started at once. The IAM, CloudTrail and Jira emulators live in this process, so they outlive every
 * child. Kills alternate between "right as IAM receives a DeleteUser" (the user is gone, the child never hears of it)
 * and "after a random number of teardown calls". Checked at the end, against the emulator's own state:
 * <ul>
 *   <li>exactly {@code cap} users deleted, each approved, once, with one backup equal field by field to the user
 *       before the review (item 1: a crash never lets the cap be exceeded or loses a backup);</li>
 *   <li>users that gained an SSH key, a service-specific credential or an access key use mid-run still exist
 *       (item 2);</li>
 *   <li>one review record, with one result per approved user (item 5: the concurrent second run went nowhere).</li>
 * </ul>
 */
public final class ReviewKillSoak {
    static final String CHILD_MAIN = ReviewSoakChild.class.getName();

    /** @param concurrentStart start the first run twice at once (off: to watch the kills alone) */
    public record Options(int users, double leaverShare, double approveShare, int cap, int kills,
                          int maxCallsBetweenKills, int latencyMs, long seed, boolean concurrentStart) {
    }

    public record Outcome(int users, int approved, int cap, int deleted, int revived, int killsSurvived, int runs,
                          int concurrentRefusals, double wallSeconds, List<String> violations) {
    }

    private ReviewKillSoak() {
    }

    public static Outcome run(Options o, Path work, ProgressListener progress) throws Exception {
        CloudTrailEmulator cloudTrail = new CloudTrailEmulator(Scenario.parse("soak", "{}"));
        cloudTrail.setRateLimit(1000, 1000);
        try (IamRig rig = new IamRig(new FaultPlan(Duration.ofMillis(o.latencyMs()), 0, 0, 0, o.seed()), null);
             LoopbackServer trail = cloudTrail.serve();
             JiraEmulator jira = new JiraEmulator(JiraScenario.defaults(), new Faults(new FaultPlan(Duration.ZERO,
                     0, 0, 0, o.seed()))).start(0)) {
            SoakAccount account = new SoakAccount(rig, o.users(), o.leaverShare(), o.seed(), false);
            ScriptedApprovals approver = new ScriptedApprovals(o.approveShare(), o.seed(), Clock.systemUTC());
            List<String> approved = account.expectedCandidates().stream().filter(approver::approves).sorted()
                    .toList();
            if (approved.size() < o.cap() + 4) {
                throw new IllegalArgumentException("the soak needs more approved users (" + approved.size()
                        + ") than the cap plus the three revived users");
            }
            Map<String, UserSnapshot> before = new LinkedHashMap<>();
            for (String name : approved) {
                before.put(name, rig.admin().snapshot(name).orElseThrow());
            }
            // Three approved users early in the deletion order come back to life once deletion has started.
            List<String> revived = List.of(approved.get(1), approved.get(2), approved.get(3));
            ReviewSoakChecks.Revival revival = new ReviewSoakChecks.Revival(rig, revived);
            Path logs = work.resolve("logs");
            Files.createDirectories(logs);
            SplittableRandom random = new SplittableRandom(o.seed());
            AtomicReference<Process> current = new AtomicReference<>();
            AtomicInteger killAtDeleteUser = new AtomicInteger();
            rig.front().beforeMutation((action, user) -> {
                revival.onFirstMutation();
                if ("DeleteUser".equals(action) && killAtDeleteUser.get() > 0) {
                    killAtDeleteUser.decrementAndGet();
                    Process p = current.get();
                    if (p != null) {
                        // The request is in; IAM applies it after the caller is gone.
                        p.destroyForcibly();
                    }
                }
            });
            String[] args = {rig.endpoint().toString(), trail.uri("/").toString(), jira.baseUrl().toString(),
                    work.toString(), Integer.toString(o.cap()), Double.toString(o.approveShare()),
                    Long.toString(o.seed())};
            long start = System.nanoTime();
            int kills = 0;
            int runs = 0;
            int refusals = 0;
            int exit = -1;
            List<String> violations = new ArrayList<>();
            List<Process> strays = new ArrayList<>();
            while (true) {
                runs++;
                boolean kill = kills < o.kills();
                boolean atDeleteUser = kill && kills % 2 == 1;
                Process child = start(args, logs.resolve("run-" + runs + ".log"));
                if (runs == 1 && o.concurrentStart()) {
                    // Two runs started in the same second: one must stop at the state directory lock.
                    runs++;
                    Process twin = start(args, logs.resolve("run-" + runs + ".log"));
                    Path childLog = logs.resolve("run-1.log");
                    Path twinLog = logs.resolve("run-2.log");
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                    while (child.isAlive() && twin.isAlive() && System.nanoTime() < deadline) {
                        Thread.sleep(10);
                    }
                    if (refusedByLock(child, childLog)) {
                        refusals++;
                        child = twin;
                    } else if (refusedByLock(twin, twinLog)) {
                        refusals++;
                    } else {
                        strays.add(twin);
                        progress.progress("review-kill: both concurrent runs went ahead");
                    }
                }
                current.set(child);
                if (atDeleteUser) {
                    killAtDeleteUser.set(1);
                    child.waitFor(10, TimeUnit.MINUTES);
                    killAtDeleteUser.set(0);
                } else if (kill) {
                    long target = rig.front().mutations() + 1 + random.nextInt(o.maxCallsBetweenKills());
                    while (child.isAlive() && rig.front().mutations() < target) {
                        Thread.sleep(1);
                    }
                    child.destroyForcibly();
                    child.waitFor(30, TimeUnit.SECONDS);
                }
                if (kill && !(child.exitValue() == 0 || child.exitValue() == 1)) {
                    kills++;
                    progress.progress("review-kill: run " + runs + " killed (SIGKILL"
                            + (atDeleteUser ? " as IAM received DeleteUser" : "") + "); "
                            + gone(rig, approved) + " approved users gone so far");
                    continue;
                }
                if (!child.waitFor(10, TimeUnit.MINUTES)) {
                    child.destroyForcibly();
                    throw new IllegalStateException("the review did not finish within 10 minutes");
                }
                exit = child.exitValue();
                progress.progress("review-kill: run " + runs + " finished on its own, exit " + exit);
                break;
            }
            for (Process stray : strays) {
                if (!stray.waitFor(10, TimeUnit.MINUTES)) {
                    stray.destroyForcibly();
                }
            }
            double wall = (System.nanoTime() - start) / 1e9;
            if (exit == 3) {
                violations.add("the final run failed (see " + logs.resolve("run-" + runs + ".log") + ")");
            }
            if (o.concurrentStart() && refusals != 1) {
                violations.add("the run started concurrently was not refused by the state directory lock");
            }
            check(rig, account, approved, revived, before, o.cap(), work, violations);
            return new Outcome(account.users(), approved.size(), o.cap(), gone(rig, approved), revived.size(), kills,
                    runs, refusals, wall, violations);
        }
    }

    private static void check(IamRig rig, SoakAccount account, List<String> approved, List<String> revived,
            Map<String, UserSnapshot> before, int cap, Path work, List<String> violations) throws IOException {
        Set<String> deleted = new TreeSet<>();
        for (String name : approved) {
            if (!rig.state().hasUser(name)) {
                deleted.add(name);
            }
        }
        if (deleted.size() != cap) {
            violations.add(deleted.size() + " users deleted with a cap of " + cap + ": " + deleted);
        }
        for (String name : revived) {
            if (deleted.contains(name)) {
                violations.add(name + ": deleted although it gained a credential or activity after the approval");
            }
        }
        // The revived users were changed on purpose (by the soak, standing for their owners).
        account.violations(deleted, work.resolve("backups")).stream()
                .filter(v -> revived.stream().noneMatch(r -> v.equals(r + ": not approved but changed (modified)")))
                .forEach(violations::add);
        violations.addAll(ReviewSoakChecks.backups(before, deleted, work.resolve("backups")));
        try (var records = Files.list(work.resolve("state"))) {
            List<Path> files = records.filter(p -> p.toString().endsWith(".review.json")).toList();
            if (files.size() != 1) {
                violations.add(files.size() + " review records (expected one): " + files);
            } else {
                violations.addAll(ReviewSoakChecks.record(work.resolve("state"), files.get(0), approved, deleted, revived));
            }
        }
    }

    private static boolean refusedByLock(Process p, Path log) throws IOException {
        return !p.isAlive() && p.exitValue() == 3
                && Files.readString(log).contains("in use by another IAM Janitor run");
    }

    private static int gone(IamRig rig, List<String> approved) {
        return (int) approved.stream().filter(n -> !rig.state().hasUser(n)).count();
    }

    private static Process start(String[] args, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
                "-Xshare:auto", "-cp", System.getProperty("java.class.path"), CHILD_MAIN));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().remove("AWS_PROFILE");
        return builder.start();
    }
}
