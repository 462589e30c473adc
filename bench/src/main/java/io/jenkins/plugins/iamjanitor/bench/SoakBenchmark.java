package io.jenkins.plugins.iamjanitor.bench;

import io.jenkins.plugins.iamjanitor.bench.soak.KillSoak;
import io.jenkins.plugins.iamjanitor.bench.soak.ReviewKillSoak;
import io.jenkins.plugins.iamjanitor.bench.soak.SoakReview;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The fault-injection soak: a whole review under IAM/CloudTrail/Jira faults, then the CLI killed with SIGKILL at random
 * points during deletion and run again, and the same for a quarantine. Prints both tables and every violated invariant; fails when there is one.
 */
final class SoakBenchmark implements Benchmark {
    static final List<String> REVIEW_HEADERS = List.of("users", "5xx", "throttled", "dropped", "candidates",
            "approved", "deleted once, with backup", "review runs", "approval posts", "IAM requests",
            "faults injected", "violations", "wall s");
    static final List<String> KILL_HEADERS = List.of("action", "users", "named", "deleted / quarantined",
            "kills survived", "runs", "final exit", "IAM write calls", "violations", "wall s");
    static final List<String> REVIEW_KILL_HEADERS = List.of("users", "approved", "cap", "deleted", "revived mid-run",
            "kills survived", "review runs", "concurrent run refused", "violations", "wall s");

    @Override
    public String name() {
        return "soak";
    }

    @Override
    public String usage() {
        return "soak [--users 1000] [--leavers 0.3] [--approve 0.5] [--errors 0.05] [--throttles 0.10] [--drops 0.02]"
                + " [--kill-users 200] [--kills 10] [--latency-ms 2] [--seed 42] [--disabled-used-last false]"
                + " [--parts review,delete,quarantine,review-kill] [--review-kill-users 200] [--review-kills 10]"
                + " [--review-cap 10] [--keep-dir false] [--markdown FILE]";
    }

    @Override
    public void run(BenchArgs args, PrintStream out, PrintStream log) throws Exception {
        int users = args.integer("users", 1000);
        double leavers = args.decimal("leavers", 0.3);
        double approve = args.decimal("approve", 0.5);
        double errors = args.decimal("errors", 0.05);
        double throttles = args.decimal("throttles", 0.10);
        double drops = args.decimal("drops", 0.02);
        int killUsers = args.integer("kill-users", 200);
        int kills = args.integer("kills", 10);
        int latency = args.integer("latency-ms", 2);
        long seed = args.integer("seed", 42);
        boolean disabledLast = Boolean.parseBoolean(args.string("disabled-used-last", "false"));
        int reviewKillUsers = args.integer("review-kill-users", 200);
        int reviewKills = args.integer("review-kills", 10);
        int reviewCap = args.integer("review-cap", 10);
        boolean keep = Boolean.parseBoolean(args.string("keep-dir", "false"));
        String markdown = args.string("markdown", null);
        List<String> parts = List.of(args.string("parts", "review,delete,quarantine,review-kill").split(","));
        Path work = Files.createTempDirectory("iam-janitor-soak");
        try {
            Table review = new Table(REVIEW_HEADERS);
            List<String> reviewViolations = new java.util.ArrayList<>();
            if (parts.contains("review")) {
                log.println("soak: review of " + users + " users under faults, work dir " + work);
                SoakReview.Outcome r = SoakReview.run(new SoakReview.Options(users, leavers, approve, errors,
                        throttles, drops, latency, seed, 20, disabledLast), work.resolve("review"), log::println);
                review.row(r.users(), pct(errors), pct(throttles), pct(drops), r.candidates(), r.approved(),
                        r.deleted(), r.runs(), r.approvalPosts(), r.iamRequests(), r.faultsInjected(),
                        r.violations().size(), String.format(Locale.ROOT, "%.1f", r.wallSeconds()));
                r.violations().forEach(v -> log.println("soak: VIOLATION " + v));
                reviewViolations.addAll(r.violations());
            }
            Table kill = new Table(KILL_HEADERS);
            List<String> killViolations = new java.util.ArrayList<>();
            for (boolean quarantine : List.of(false, true)) {
                String action = quarantine ? "quarantine" : "delete";
                if (!parts.contains(action)) {
                    continue;
                }
                log.println("soak: " + (quarantine ? "quarantine (core's UserQuarantiner in a child JVM)"
                        : "CLI delete --execute") + " killed " + kills + " times, " + killUsers + " users");
                // A quarantine makes about a third of a teardown's calls: kill it at proportionally shorter gaps.
                KillSoak.Outcome k = KillSoak.run(new KillSoak.Options(killUsers, 0.2, kills, quarantine ? 12 : 30,
                        latency, seed, quarantine), work.resolve("kill-" + action), log::println);
                kill.row(action, k.users(), k.named(), k.deleted(), k.killsSurvived(), k.runs(), k.finalExit(),
                        k.teardownCalls(), k.violations().size(), String.format(Locale.ROOT, "%.1f", k.wallSeconds()));
                k.violations().forEach(v -> log.println("soak: VIOLATION " + action + ": " + v));
                killViolations.addAll(k.violations());
            }
            Table reviewKill = new Table(REVIEW_KILL_HEADERS);
            if (parts.contains("review-kill")) {
                log.println("soak: review --execute killed " + reviewKills + " times, " + reviewKillUsers
                        + " users, cap " + reviewCap);
                ReviewKillSoak.Outcome rk = ReviewKillSoak.run(new ReviewKillSoak.Options(reviewKillUsers, 0.3, 0.7,
                        reviewCap, reviewKills, 30, latency, seed, true), work.resolve("review-kill"), log::println);
                reviewKill.row(rk.users(), rk.approved(), rk.cap(), rk.deleted(), rk.revived(), rk.killsSurvived(),
                        rk.runs(), rk.concurrentRefusals() == 1 ? "yes" : "no", rk.violations().size(),
                        String.format(Locale.ROOT, "%.1f", rk.wallSeconds()));
                rk.violations().forEach(v -> log.println("soak: VIOLATION review-kill: " + v));
                killViolations.addAll(rk.violations());
            }
            String reviewText = parts.contains("review") ? review.text() + "\n" : "";
            String reviewKillText = parts.contains("review-kill") ? "\n" + reviewKill.text() : "";
            out.print(reviewText + kill.text() + reviewKillText);
            if (markdown != null) {
                Files.writeString(Path.of(markdown), (parts.contains("review") ? review.markdown() + "\n" : "")
                        + kill.markdown() + (parts.contains("review-kill") ? "\n" + reviewKill.markdown() : ""));
                log.println("soak: tables written to " + markdown);
            }
            if (!reviewViolations.isEmpty() || !killViolations.isEmpty()) {
                throw new IllegalStateException((reviewViolations.size() + killViolations.size())
                        + " invariant(s) violated; see above");
            }
        } finally {
            if (!keep) {
                deleteTree(work);
            } else {
                log.println("soak: kept " + work);
            }
        }
    }

    private static String pct(double rate) {
        return String.format(Locale.ROOT, "%.0f%%", rate * 100);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
