package io.jenkins.plugins.iamjanitor.bench.soak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.iamjanitor.bench.iam.IamRig;
import io.jenkins.plugins.iamjanitor.core.approval.UserDecision;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionResult;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionSettings;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionStatus;
import io.jenkins.plugins.iamjanitor.core.deletion.UserDeleter;
import io.jenkins.plugins.iamjanitor.core.policy.Exemptions;
import io.jenkins.plugins.iamjanitor.core.policy.InactivityPolicy;
import io.jenkins.plugins.iamjanitor.core.policy.PolicySettings;
import io.jenkins.plugins.iamjanitor.core.port.ProgressListener;
import io.jenkins.plugins.iamjanitor.core.review.ReviewObserver;
import io.jenkins.plugins.iamjanitor.core.review.ReviewPorts;
import io.jenkins.plugins.iamjanitor.core.review.ReviewRecord;
import io.jenkins.plugins.iamjanitor.core.review.ReviewSettings;
import io.jenkins.plugins.iamjanitor.core.review.ReviewStatus;
import io.jenkins.plugins.iamjanitor.core.review.ReviewWorkflow;
import io.jenkins.plugins.iamjanitor.core.scan.InactivityScanner;
import io.jenkins.plugins.iamjanitor.integrations.aws.cloudtrail.AwsCloudTrailActivityLog;
import io.jenkins.plugins.iamjanitor.integrations.aws.cloudtrail.CloudTrailClientFactory;
import io.jenkins.plugins.iamjanitor.integrations.aws.cloudtrail.CloudTrailSettings;
import io.jenkins.plugins.iamjanitor.integrations.backup.JsonBackupStore;
import io.jenkins.plugins.iamjanitor.integrations.jira.JiraCredentials;
import io.jenkins.plugins.iamjanitor.integrations.jira.JiraFlavour;
import io.jenkins.plugins.iamjanitor.integrations.jira.JiraRestClient;
import io.jenkins.plugins.iamjanitor.integrations.jira.JiraSettings;
import io.jenkins.plugins.iamjanitor.integrations.jira.JiraTicketTracker;
import io.jenkins.plugins.iamjanitor.integrations.review.DirectoryReportStore;
import io.jenkins.plugins.iamjanitor.integrations.review.JsonReviewStore;
import io.jenkins.plugins.iamjanitor.sandbox.FaultPlan;
import io.jenkins.plugins.iamjanitor.sandbox.Faults;
import io.jenkins.plugins.iamjanitor.sandbox.LoopbackServer;
import io.jenkins.plugins.iamjanitor.sandbox.Scenario;
import io.jenkins.plugins.iamjanitor.sandbox.cloudtrail.CloudTrailEmulator;
import io.jenkins.plugins.iamjanitor.sandbox.jira.JiraEmulator;
import io.jenkins.plugins.iamjanitor.sandbox.jira.JiraScenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * A whole review (core's {@link ReviewWorkflow}: scan, approval, Jira ticket, CloudTrail evidence, deletion, outcome,
 * reports) of an account on the emulators, with faults injected into IAM, CloudTrail and Jira alike. A run that fails
 * (a call still failing after the adapters' retries) is simply run again, as a scheduled job would be; the review
 * record makes it resume. Afterwards every promise is checked against the emulators' own state.
 */
public final class SoakReview {

    public record Options(int users, double leaverShare, double approveShare, double serverErrorRate,
                          double throttleRate, double dropRate, int latencyMs, long seed, int maxRuns,
                          boolean disabledUsedLast) {
    }

    public record Outcome(int users, int candidates, int approved, int deleted, int runs, int approvalPosts,
                          long iamRequests, long faultsInjected, double wallSeconds, List<String> violations) {
    }

    private SoakReview() {
    }

    public static Outcome run(Options o, Path work, ProgressListener progress) throws Exception {
        FaultPlan faults = new FaultPlan(Duration.ofMillis(o.latencyMs()), o.serverErrorRate(), o.throttleRate(),
                o.dropRate(), o.seed());
        CloudTrailEmulator cloudTrail = new CloudTrailEmulator(Scenario.parse("soak", "{}"));
        cloudTrail.setRateLimit(1000, 1000);
        cloudTrail.faults().setPlan(faults);
        Faults jiraFaults = new Faults(faults);
        try (IamRig rig = new IamRig(faults, null);
             LoopbackServer trail = cloudTrail.serve();
             JiraEmulator jira = new JiraEmulator(JiraScenario.defaults(), jiraFaults).start(0);
             CloudTrailClientFactory trails = new CloudTrailClientFactory(trail.uri("/"),
                     StaticCredentialsProvider.create(AwsBasicCredentials.create(IamRig.ACCESS_KEY_ID,
                             IamRig.SECRET)), Duration.ofSeconds(30))) {
            SoakAccount account = new SoakAccount(rig, o.users(), o.leaverShare(), o.seed(), o.disabledUsedLast());
            Clock clock = Clock.systemUTC();
            ScriptedApprovals approvals = new ScriptedApprovals(o.approveShare(), o.seed(), clock);
            // SSH keys, certificates and service-specific credentials carry no last-use date; letting them not
            // block makes every leaver a candidate, so deletion sees every kind of dependent.
            InactivityPolicy policy = new InactivityPolicy(new PolicySettings(Duration.ofDays(21), false,
                    Exemptions.defaults()), clock);
            Path backups = work.resolve("backups");
            DeletionSettings deletion = new DeletionSettings(false, o.users());
            UserDeleter deleter = new UserDeleter(rig.directory(true, Duration.ofMillis(20)), rig.admin(),
                    new JsonBackupStore(backups, clock), policy, deletion, clock);
            JiraTicketTracker tickets = new JiraTicketTracker(JiraRestClient.create(jira.baseUrl(),
                    JiraCredentials.cloud(JiraScenario.DEFAULT_EMAIL, JiraScenario.DEFAULT_API_TOKEN),
                    JiraFlavour.CLOUD), JiraSettings.of(jira.baseUrl(), "SEC").withDryRun(false), progress);
            AwsCloudTrailActivityLog activity = new AwsCloudTrailActivityLog(new CloudTrailSettings(
                    List.of("us-east-1"), 500, 4, 10, Duration.ofMillis(20), Duration.ofSeconds(2)), trails);
            JsonReviewStore store = new JsonReviewStore(work.resolve("state"));
            Path reportDir = work.resolve("reports");
            var directory = rig.directory(true, Duration.ofMillis(20));
            ReviewPorts ports = ReviewPorts.of(new InactivityScanner(directory, policy), approvals, tickets, activity,
                    deleter, store, new DirectoryReportStore(reportDir), directory::accessKeyIds);
            ReviewSettings settings = new ReviewSettings(null, rig.state().accountId(), "#soak", List.of("U0SOAK"),
                    Duration.ofMinutes(1), "Soak under faults", null, List.of("us-east-1"), null, null, "Done",
                    deletion);
            ReviewWorkflow workflow = new ReviewWorkflow(ports, settings, null, clock);
            long start = System.nanoTime();
            ReviewRecord record = null;
            int runs = 0;
            while (runs < o.maxRuns() && (record == null || !record.finished())) {
                runs++;
                try {
                    record = workflow.run(quiet(progress), ReviewObserver.NONE);
                } catch (RuntimeException e) {
                    progress.progress("soak: run " + runs + " stopped (" + e.getMessage() + "); running it again");
                    record = store.findUnfinished(rig.state().accountId()).orElse(record);
                }
            }
            double wall = (System.nanoTime() - start) / 1e9;
            List<String> violations = new ArrayList<>();
            Set<String> approved = check(record, account, approvals, reportDir, violations);
            violations.addAll(account.violations(approved, backups));
            if (approvals.posts() != 1) {
                violations.add("approval request posted " + approvals.posts() + " times");
            }
            long deleted = approved.stream().filter(n -> !rig.state().hasUser(n)).count();
            return new Outcome(account.users(), record == null ? 0 : record.candidates().size(), approved.size(),
                    (int) deleted, runs, approvals.posts(), rig.requests(), rig.faulted()
                    + cloudTrail.faults().injected() + jiraFaults.injected(), wall, violations);
        }
    }

    /** The review record and the JSON report agree with what the approver decided and what IAM now holds. */
    private static Set<String> check(ReviewRecord r, SoakAccount account, ScriptedApprovals approvals, Path reportDir,
            List<String> violations) throws Exception {
        if (r == null || r.status() != ReviewStatus.COMPLETED) {
            violations.add("review not completed: " + (r == null ? "no record" : r.status() + " at " + r.stage()));
            return Set.of();
        }
        Set<String> candidates = r.candidates().stream().map(v -> v.user().userName()).collect(Collectors.toSet());
        if (!candidates.equals(new HashSet<>(account.expectedCandidates()))) {
            violations.add("candidates differ from the inactive, non-exempt users: " + candidates.size() + " vs "
                    + account.expectedCandidates().size());
        }
        Set<String> approved = r.approvedCandidates().stream().map(UserDecision::userName)
                .collect(Collectors.toSet());
        Set<String> expected = candidates.stream().filter(approvals::approves).collect(Collectors.toSet());
        if (!approved.equals(expected)) {
            violations.add("approved users in the record differ from the approver's decisions");
        }
        Set<String> handled = new HashSet<>();
        for (DeletionResult d : r.deletions()) {
            if (!handled.add(d.userName())) {
                violations.add(d.userName() + ": two deletion results in the record");
            }
            if (!approved.contains(d.userName())) {
                violations.add(d.userName() + ": deletion result for a user that was not approved");
            }
            if (d.status() != DeletionStatus.DELETED) {
                violations.add(d.userName() + ": recorded as " + d.status() + " (" + d.reason() + ")");
            }
            if (d.backupFile() == null || !Files.exists(Path.of(d.backupFile()))) {
                violations.add(d.userName() + ": recorded backup " + d.backupFile() + " does not exist");
            }
        }
        if (!handled.equals(approved)) {
            violations.add("the record has deletion results for " + handled.size() + " of " + approved.size()
                    + " approved users");
        }
        Path json = reportDir.resolve(r.reviewId() + ".json");
        if (!Files.exists(json)) {
            violations.add("no JSON report at " + json);
            return approved;
        }
        JsonNode summary = new ObjectMapper().readTree(json.toFile()).path("summary");
        expect(violations, "report: users scanned", summary.path("usersScanned").asInt(), account.users());
        expect(violations, "report: inactive", summary.path("inactive").asInt(), candidates.size());
        expect(violations, "report: approved", summary.path("approved").asInt(), approved.size());
        expect(violations, "report: kept", summary.path("kept").asInt(), candidates.size() - approved.size());
        expect(violations, "report: deleted", summary.path("deletions").path("DELETED").asInt(), approved.size());
        return approved;
    }

    private static void expect(List<String> violations, String what, int actual, int expected) {
        if (actual != expected) {
            violations.add(what + " says " + actual + ", truth is " + expected);
        }
    }

    /** Only the lines an operator would look for in a long run: stage changes, not every user. */
    private static ProgressListener quiet(ProgressListener progress) {
        return line -> {
            if (!line.startsWith("[") && !line.startsWith("  ") && !line.contains("): ")) {
                progress.progress("  " + line);
            }
        };
    }
}
