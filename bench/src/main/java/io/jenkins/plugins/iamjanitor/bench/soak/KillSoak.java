package io.jenkins.plugins.iamjanitor.bench.soak;

import io.jenkins.plugins.iamjanitor.bench.iam.IamRig;
import io.jenkins.plugins.iamjanitor.core.port.ProgressListener;
import io.jenkins.plugins.iamjanitor.core.quarantine.QuarantineMarks;
import io.jenkins.plugins.iamjanitor.sandbox.FaultPlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The CLI's {@code delete --execute} as a child JVM against an IAM emulator living in this process (so the account
 * survives the child), killed with SIGKILL ({@link Process#destroyForcibly}) at random points during deletion — after
 * a random number of successful teardown calls — and run again until a run finishes. The end state must be exactly
 * what one uninterrupted run gives: the named, non-exempt users deleted once each with one backup, nobody else
 * touched. With {@code quarantine} the child quarantines instead (see {@link QuarantineChild}), and each user must be
 * quarantined exactly once, and restorable from its one backup.
 */
public final class KillSoak {
    /** The CLI's entry point, started with this JVM's class path. */
    static final String CLI_MAIN = "io.jenkins.plugins.iamjanitor.cli.IamJanitorCli";

    /** @param quarantine quarantine the named users (core's UserQuarantiner in a child JVM) instead of deleting */
    public record Options(int users, double leaverShare, int kills, int maxCallsBetweenKills, int latencyMs,
                          long seed, boolean quarantine) {
        public Options(int users, double leaverShare, int kills, int maxCallsBetweenKills, int latencyMs, long seed) {
            this(users, leaverShare, kills, maxCallsBetweenKills, latencyMs, seed, false);
        }
    }

    /** @param deleted users deleted (or, for a quarantine soak, quarantined) */
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
            Map<String, QuarantineSoakCheck.Before> before = QuarantineSoakCheck.before(rig, approved);
            List<String> command = o.quarantine()
                    ? quarantineCommand(rig, named, backups, Instant.now()) : deleteCommand(rig, named, backups);
            SplittableRandom random = new SplittableRandom(o.seed());
            long start = System.nanoTime();
            int kills = 0;
            int runs = 0;
            int exit = -1;
            while (true) {
                runs++;
                Process child = start(command, work.resolve("run-" + runs + ".log"));
                boolean kill = kills < o.kills();
                long target = rig.front().mutations() + 1 + random.nextInt(o.maxCallsBetweenKills());
                while (kill && child.isAlive() && rig.front().mutations() < target) {
                    Thread.sleep(1);
                }
                if (kill && child.isAlive()) {
                    child.destroyForcibly();
                    child.waitFor(30, TimeUnit.SECONDS);
                    kills++;
                    progress.progress("kill: run " + runs + " killed (SIGKILL) after IAM write call "
                            + rig.front().mutations() + "; " + done(rig, approved, o.quarantine()) + "/"
                            + approved.size() + " users " + (o.quarantine() ? "quarantined" : "gone") + " so far");
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
            // Before the check, whose releases undo the quarantines and make write calls of their own.
            int finished = done(rig, approved, o.quarantine());
            long writeCalls = rig.front().mutations();
            List<String> violations = new ArrayList<>(o.quarantine()
                    ? QuarantineSoakCheck.violations(rig, account, before, backups)
                    : account.violations(approved, backups));
            if (exit != 0) {
                violations.add("the final run exited with " + exit + " (see " + work.resolve("run-" + runs + ".log")
                        + ")");
            }
            return new Outcome(account.users(), named.size(), finished, kills, runs, exit, writeCalls, wall,
                    violations);
        }
    }

    /** Users gone, or for a quarantine soak users carrying the review tag (the quarantine's last call). */
    private static int done(IamRig rig, Set<String> approved, boolean quarantine) {
        return (int) approved.stream().filter(n -> quarantine
                ? rig.state().hasUser(n) && rig.state().locked(s -> s.user(n).tags.containsKey(
                        QuarantineMarks.REVIEW_TAG))
                : !rig.state().hasUser(n)).count();
    }

    private static List<String> java() {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
                "-Xshare:auto", "-cp", System.getProperty("java.class.path"));
    }

    private static List<String> deleteCommand(IamRig rig, List<String> users, Path backups) {
        List<String> command = new ArrayList<>(java());
        command.addAll(List.of(CLI_MAIN, "delete"));
        command.addAll(users);
        command.addAll(List.of("--approved-by", "soak-approver", "--backup-dir", backups.toString(),
                "--max-deletions", Integer.toString(users.size()), "--execute",
                // Leavers hold SSH keys, certificates and service credentials (no last-use data): with the default
                // "block" the re-check keeps them, so the soak deletes as a scan with "ignore" would flag.
                "--unknown-activity", "ignore",
                "--endpoint-url", rig.endpoint().toString(), "--region", "us-east-1"));
        return command;
    }

    /** The approval's date is fixed here, once: every run presents the same approval, as a review record would. */
    private static List<String> quarantineCommand(IamRig rig, List<String> users, Path backups, Instant approvedAt) {
        List<String> command = new ArrayList<>(java());
        command.addAll(List.of(QuarantineChild.class.getName(), rig.endpoint().toString(), backups.toString(),
                Long.toString(approvedAt.toEpochMilli())));
        command.addAll(users);
        return command;
    }

    private static Process start(List<String> command, Path log) throws IOException {
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
