package io.jenkins.plugins.iamjanitor.bench.soak;

import io.jenkins.plugins.iamjanitor.bench.iam.IamRig;
import io.jenkins.plugins.iamjanitor.core.port.ProgressListener;
import io.jenkins.plugins.iamjanitor.sandbox.FaultPlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The CLI's {@code delete --execute} as a child JVM against an IAM emulator living in this process (so the account
 * survives the child), killed with SIGKILL ({@link Process#destroyForcibly}) at random points during deletion — after
 * a random number of successful teardown calls — and run again until a run finishes. The end state must be exactly
 * what one uninterrupted run gives: the named, non-exempt users deleted once each with one backup, nobody else
 * touched.
 */
public final class KillSoak {
    /** The CLI's entry point, started with this JVM's class path. */
    static final String CLI_MAIN = "io.jenkins.plugins.iamjanitor.cli.IamJanitorCli";

    public record Options(int users, double leaverShare, int kills, int maxCallsBetweenKills, int latencyMs,
                          long seed) {
    }

    public record Outcome(int users, int named, int deleted, int killsSurvived, int runs, int finalExit,
                          long teardownCalls, double wallSeconds, List<String> violations) {
    }

    private KillSoak() {
    }

    public static Outcome run(Options o, Path work, ProgressListener progress) throws Exception {
        try (IamRig rig = new IamRig(new FaultPlan(Duration.ofMillis(o.latencyMs()), 0, 0, 0, o.seed()), null)) {
            SoakAccount account = new SoakAccount(rig, o.users(), o.leaverShare(), o.seed(), false);
            // Name three leavers in four (exempt ones among them: they must be kept); the others stay unnamed.
            List<String> leavers = account.leavers();
            List<String> named = new ArrayList<>();
            for (int i = 0; i < leavers.size(); i++) {
                if (i % 4 != 3) {
                    named.add(leavers.get(i));
                }
            }
            Set<String> approved = new HashSet<>(named);
            approved.removeAll(account.exempt());
            Path backups = work.resolve("backups");
            SplittableRandom random = new SplittableRandom(o.seed());
            long start = System.nanoTime();
            int kills = 0;
            int runs = 0;
            int exit = -1;
            while (true) {
                runs++;
                Process child = start(rig, named, backups, work.resolve("run-" + runs + ".log"));
                boolean kill = kills < o.kills();
                long target = rig.front().mutations() + 1 + random.nextInt(o.maxCallsBetweenKills());
                while (kill && child.isAlive() && rig.front().mutations() < target) {
                    Thread.sleep(1);
                }
                if (kill && child.isAlive()) {
                    child.destroyForcibly();
                    child.waitFor(30, TimeUnit.SECONDS);
                    kills++;
                    progress.progress("kill: run " + runs + " killed (SIGKILL) after teardown call "
                            + rig.front().mutations() + "; " + deletedCount(rig, approved) + "/" + approved.size()
                            + " users gone so far");
                    continue;
                }
                if (!child.waitFor(10, TimeUnit.MINUTES)) {
                    child.destroyForcibly();
                    throw new IllegalStateException("the CLI did not finish within 10 minutes");
                }
                exit = child.exitValue();
                progress.progress("kill: run " + runs + " finished on its own, exit " + exit);
                break;
            }
            double wall = (System.nanoTime() - start) / 1e9;
            List<String> violations = new ArrayList<>(account.violations(approved, backups));
            if (exit != 0) {
                violations.add("the final run exited with " + exit + " (see " + work.resolve("run-" + runs + ".log")
                        + ")");
            }
            return new Outcome(account.users(), named.size(), deletedCount(rig, approved), kills, runs, exit,
                    rig.front().mutations(), wall, violations);
        }
    }

    private static int deletedCount(IamRig rig, Set<String> approved) {
        return (int) approved.stream().filter(n -> !rig.state().hasUser(n)).count();
    }

    private static Process start(IamRig rig, List<String> users, Path backups, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
                "-Xshare:auto", "-cp", System.getProperty("java.class.path"), CLI_MAIN, "delete"));
        command.addAll(users);
        command.addAll(List.of("--approved-by", "soak-approver", "--backup-dir", backups.toString(),
                "--max-deletions", Integer.toString(users.size()), "--execute",
                // Leavers hold SSH keys, certificates and service credentials (no last-use data): with the default
                // "block" the re-check keeps them, so the soak deletes as a scan with "ignore" would flag.
                "--unknown-activity", "ignore",
                "--endpoint-url", rig.endpoint().toString(), "--region", "us-east-1"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // The emulator ignores signatures; the SDK's default chain only needs something to sign with.
        builder.environment().put("AWS_ACCESS_KEY_ID", IamRig.ACCESS_KEY_ID);
        builder.environment().put("AWS_SECRET_ACCESS_KEY", IamRig.SECRET);
        builder.environment().put("AWS_REGION", "us-east-1");
        builder.environment().remove("AWS_PROFILE");
        Files.createDirectories(log.getParent());
        return builder.start();
    }
}
