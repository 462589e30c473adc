package io.jenkins.plugins.iamjanitor.cli;

import io.jenkins.plugins.iamjanitor.cli.review.AccountReviewServices;
import io.jenkins.plugins.iamjanitor.cli.review.LiveReviewServices;
import io.jenkins.plugins.iamjanitor.cli.review.ReviewRunner;
import io.jenkins.plugins.iamjanitor.cli.review.ReviewServices;
import io.jenkins.plugins.iamjanitor.cli.review.SandboxReviewServices;
import io.jenkins.plugins.iamjanitor.core.org.AccountFilter;
import io.jenkins.plugins.iamjanitor.core.org.AccountOutcome;
import io.jenkins.plugins.iamjanitor.core.org.OrgAccount;
import io.jenkins.plugins.iamjanitor.core.org.OrganizationRun;
import io.jenkins.plugins.iamjanitor.core.org.OrganizationRunner;
import io.jenkins.plugins.iamjanitor.core.policy.PolicySettings;
import io.jenkins.plugins.iamjanitor.core.port.ProgressListener;
import io.jenkins.plugins.iamjanitor.core.review.ReviewObserver;
import io.jenkins.plugins.iamjanitor.core.review.ReviewRecord;
import io.jenkins.plugins.iamjanitor.integrations.aws.AwsIamUserAdmin;
import io.jenkins.plugins.iamjanitor.integrations.aws.org.AccountSession;
import io.jenkins.plugins.iamjanitor.integrations.backup.JsonBackupStore;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Map;

/**
 * {@code review --organization}: one complete review per selected account, each with its own review record, cap,
 * backups and reports (a folder per account id under --state-dir, --backup-dir and --report-dir), its own Slack
 * message and its own Jira ticket; one account failing does not stop the others. Live: each account gets its own
 * connections (its assumed role for AWS and CloudTrail, Slack and Jira clients). Sandbox: the organisation sandbox
 * for IAM, and one Slack/Jira/CloudTrail sandbox from the same scenario file (with its scripted approver).
 */
final class OrganizationReview {
    /** A review waits for people: a day is the longest one account may take. */
    private static final Duration ACCOUNT_TIMEOUT = Duration.ofHours(24);

    private final ReviewCommand command;
    private final Clock clock;

    OrganizationReview(ReviewCommand command, Clock clock) {
        this.command = command;
        this.clock = clock;
    }

    int run(PrintWriter out, ProgressListener progress, String runner) {
        if (command.reviewId != null) {
            throw new UsageException("--review-id names one account's review; with --organization each account"
                    + " resumes its own unfinished review");
        }
        if (command.confirm) {
            throw new UsageException("--confirm (a terminal prompt) cannot serve several accounts at once");
        }
        try (OrgTarget org = OrgTarget.open(command.target, command.organization, runner, progress::progress);
             ReviewServices shared = org.sandboxed()
                     ? SandboxReviewServices.start(org.scenario(), clock, progress) : null) {
            PolicySettings settings = command.policy.settings(org.scenarioExemptions());
            String channel = command.slackChannel;
            List<String> approvers = command.approvers;
            List<String> regions = command.regions;
            if (shared instanceof SandboxReviewServices s) {
                channel = channel == null ? s.reviewChannel() : channel;
                regions = regions.isEmpty() ? s.scenarioCloudTrailRegions() : regions;
                approvers = approvers.isEmpty() && s.scriptedApprover() != null ? List.of(s.scriptedApprover())
                        : approvers;
            } else if (channel == null || command.jiraUrl == null || command.jiraProject == null) {
                throw new UsageException("--slack-channel, --jira-url and --jira-project are required (or use"
                        + " --sandbox)");
            }
            if (approvers.isEmpty()) {
                throw new UsageException("--approver is required: nobody could decide otherwise");
            }
            String reviewChannel = channel;
            List<String> allowed = approvers;
            List<String> trailRegions = regions;
            Map<String, Integer> codes = new ConcurrentHashMap<>();
            Map<String, String> summaries = new ConcurrentHashMap<>();
            OrganizationRun<ReviewRecord> run = new OrganizationRunner(org.accounts(), command.organization.filter(),
                    command.organization.concurrency, ACCOUNT_TIMEOUT).run((account, log) -> {
                        try (ReviewServices services = services(org, shared, account, trailRegions, log)) {
                            ReviewRunner.Options options = new ReviewRunner.Options(command.execute,
                                    command.maxDeletions, Duration.ofMinutes(command.approvalTimeoutMinutes),
                                    reviewChannel, allowed, trailRegions, command.doneStatus, null,
                                    command.newReview || org.sandboxed(),
                                    command.stateDir.resolve(account.id()), command.reportDir.resolve(account.id()),
                                    Map.of());
                            ReviewRecord record = new ReviewRunner(services, settings, new JsonBackupStore(
                                    command.backupDir.resolve(account.id()).toAbsolutePath(), clock), options, clock)
                                    .run(log, ReviewObserver.NONE, null);
                            java.io.StringWriter text = new java.io.StringWriter();
                            codes.put(account.id(), ReviewRunner.summarize(record, new PrintWriter(text, true)));
                            summaries.put(account.id(), text.toString());
                            return record;
                        }
                    }, progress);
            print(out, run, summaries);
            if (!run.failures().isEmpty()) {
                return OrganizationScan.SOME_ACCOUNTS_FAILED;
            }
            return codes.values().stream().anyMatch(c -> c != 0) ? IamJanitorCli.FAILURE : IamJanitorCli.OK;
        }
    }

    private ReviewServices services(OrgTarget org, ReviewServices shared, OrgAccount account, List<String> regions,
            ProgressListener log) {
        if (shared != null) {
            AccountSession session = org.open(account);
            return new AccountReviewServices(account.id(), org.directory(session),
                    new AwsIamUserAdmin(session.iam()), shared, session);
        }
        // Live: everything of this account's review goes through its own role, including CloudTrail.
        return LiveReviewServices.connect(new LiveReviewServices.Config(org.settingsFor(account), System.getenv(),
                command.jiraUrl, command.jiraProject, command.jiraIssueType, regions), clock, log);
    }

    private static void print(PrintWriter out, OrganizationRun<ReviewRecord> run, Map<String, String> summaries) {
        out.println("Organization review: " + run.outcomes().size() + " account(s) (" + run.completed().size()
                + " reviewed, " + run.failures().size() + " failed), " + run.skipped().size() + " skipped");
        out.println();
        String format = "%-12s  %-24s  %-8s  %-10s  %8s  %8s  %s%n";
        out.printf(format, "ACCOUNT", "NAME", "RESULT", "TICKET", "INACTIVE", "APPROVED", "DETAIL");
        for (AccountOutcome<ReviewRecord> o : run.outcomes()) {
            ReviewRecord r = o.result();
            out.print(String.format(format, o.account().id(), o.account().name(), o.failed() ? "FAILED" : "OK",
                    r == null || r.ticket() == null ? "-" : r.ticket().key(),
                    r == null ? "-" : String.valueOf(r.candidates().size()),
                    r == null ? "-" : String.valueOf(r.approvedCandidates().size()),
                    o.failed() ? o.failure() : r.status().name().toLowerCase()).stripTrailing() + "\n");
        }
        for (AccountFilter.Skipped s : run.skipped()) {
            out.print(String.format(format, s.account().id(), s.account().name(), "SKIPPED", "-", "-", "-",
                    s.reason()).stripTrailing() + "\n");
        }
        for (AccountOutcome<ReviewRecord> o : run.completed()) {
            out.println();
            out.print("== " + o.account().label() + " ==");
            out.print(summaries.getOrDefault(o.account().id(), "\n"));
        }
        out.flush();
    }
}
