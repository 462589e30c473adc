package io.jenkins.plugins.iamjanitor.cli;

import io.jenkins.plugins.iamjanitor.cli.review.AccountReviewServices;
import io.jenkins.plugins.iamjanitor.cli.review.LiveReviewServices;
import io.jenkins.plugins.iamjanitor.cli.review.ReviewRunner;
import io.jenkins.plugins.iamjanitor.cli.review.ReviewServices;
import io.jenkins.plugins.iamjanitor.cli.review.SandboxReviewServices;
import io.jenkins.plugins.iamjanitor.core.config.EffectivePolicy;
import io.jenkins.plugins.iamjanitor.core.org.AccountFilter;
import io.jenkins.plugins.iamjanitor.core.org.AccountOutcome;
import io.jenkins.plugins.iamjanitor.core.org.OrgAccount;
import io.jenkins.plugins.iamjanitor.core.org.OrganizationRun;
import io.jenkins.plugins.iamjanitor.core.org.OrganizationRunner;
import io.jenkins.plugins.iamjanitor.core.policy.PolicySettings;
import io.jenkins.plugins.iamjanitor.core.port.ProgressListener;
import io.jenkins.plugins.iamjanitor.core.port.TicketTracker;
import io.jenkins.plugins.iamjanitor.core.quarantine.QuarantineSettings;
import io.jenkins.plugins.iamjanitor.core.review.ApprovalWait;
import io.jenkins.plugins.iamjanitor.core.review.ReviewObserver;
import io.jenkins.plugins.iamjanitor.core.review.ReviewRecord;
import io.jenkins.plugins.iamjanitor.integrations.aws.AwsIamQuarantineAdmin;
import io.jenkins.plugins.iamjanitor.integrations.aws.AwsIamUserAdmin;
import io.jenkins.plugins.iamjanitor.integrations.aws.AwsSettings;
import io.jenkins.plugins.iamjanitor.integrations.aws.org.AccountSession;
import io.jenkins.plugins.iamjanitor.integrations.backup.JsonBackupStore;
import io.jenkins.plugins.iamjanitor.integrations.preflight.Preflight;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
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
    private final EffectivePolicy policy;
    private final Duration approvalTimeout;
    private final QuarantineSettings quarantine;
    private final Clock clock;

    /** @param policy the resolved policy file with the command's flags overlaid: every setting comes from it */
    OrganizationReview(ReviewCommand command, EffectivePolicy policy, Duration approvalTimeout,
            QuarantineSettings quarantine, Clock clock) {
        this.command = command;
        this.policy = policy;
        this.approvalTimeout = approvalTimeout;
        this.quarantine = quarantine;
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
        EffectivePolicy p = policy;
        try (OrgTarget org = OrgTarget.open(command.target, command.organization, runner, progress::progress);
             ReviewServices shared = org.sandboxed()
                     ? SandboxReviewServices.start(org.scenario(), clock, progress) : null) {
            PolicySettings settings = CliPolicy.settings(p, org.scenarioExemptions());
            String channel = p.slackChannel();
            List<String> approvers = p.approvers();
            List<String> regions = command.regions.isEmpty() && p.cloudTrailRegions().equals(List.of(
                    EffectivePolicy.DEFAULT_REGION)) ? List.of() : p.cloudTrailRegions();
            if (shared instanceof SandboxReviewServices s) {
                channel = channel == null ? s.reviewChannel() : channel;
                regions = regions.isEmpty() ? s.scenarioCloudTrailRegions() : regions;
                approvers = approvers.isEmpty() && s.scriptedApprover() != null ? List.of(s.scriptedApprover())
                        : approvers;
            } else if (channel == null || p.jiraUrl() == null || p.jiraProject() == null) {
                throw new UsageException("--slack-channel, --jira-url and --jira-project (or slack.channel,"
                        + " jira.url and jira.project in the policy file) are required, or use --sandbox");
            }
            if (approvers.isEmpty()) {
                throw new UsageException("--approver is required (or approvers: in the policy file): nobody could"
                        + " decide otherwise");
            }
            String reviewChannel = channel;
            List<String> allowed = approvers;
            List<String> trailRegions = regions;
            Map<String, Integer> codes = new ConcurrentHashMap<>();
            Map<String, String> summaries = new ConcurrentHashMap<>();
            OrganizationRun<ReviewRecord> run = new OrganizationRunner(org.accounts(), command.organization.filter(),
                    command.organization.concurrency, ACCOUNT_TIMEOUT).run((account, log) -> {
                        try (ReviewServices services = services(org, shared, account, log)) {
                            ReviewRunner.Options options = new ReviewRunner.Options(command.execute,
                                    p.maxDeletions(), approvalTimeout, reviewChannel, allowed, trailRegions,
                                    p.jiraDoneStatus(), null, command.newReview || org.sandboxed(),
                                    Path.of(p.stateDir()).resolve(account.id()),
                                    Path.of(p.reportDir()).resolve(account.id()), Map.of(), p.cloudTrailLookBack(),
                                    new QuarantineSettings(quarantine.action(), quarantine.deleteAfterDays(),
                                            trailRegions));
                            Path backups = Path.of(p.backupDir()).resolve(account.id()).toAbsolutePath();
                            // The Organizations account name beside the id wherever Slack and Jira name a user.
                            ReviewRunner reviewer = new ReviewRunner(services, settings,
                                    new JsonBackupStore(backups, clock), options, clock,
                                    ApprovalWait.DEFAULT_HEARTBEAT, account.name())
                                    .detailReads(command.detail.reads());
                            reviewer.preflight(new Preflight(log::progress), backups);
                            ReviewRecord record = reviewer.run(log, ReviewObserver.NONE, null);
                            StringWriter text = new StringWriter();
                            codes.put(account.id(), ReviewRunner.summarize(record, new PrintWriter(text, true)));
                            summaries.put(account.id(), text.toString());
                            return record;
                        }
                    }, progress);
            print(out, run, summaries);
            boolean umbrellaFiled = run.outcomes().isEmpty() || umbrella(out, org, shared, run, progress);
            if (!run.failures().isEmpty()) {
                return OrganizationScan.SOME_ACCOUNTS_FAILED;
            }
            return !umbrellaFiled || codes.values().stream().anyMatch(c -> c != 0) ? IamJanitorCli.FAILURE
                    : IamJanitorCli.OK;
        }
    }

    /**
     * Files the run's umbrella ticket and links the account tickets to it; a failure is reported, not thrown: every
     * account's own review is already recorded and ticketed.
     */
    private boolean umbrella(PrintWriter out, OrgTarget org, ReviewServices shared, OrganizationRun<ReviewRecord> run,
            ProgressListener progress) {
        out.println();
        try {
            TicketTracker tracker = shared != null ? shared.tickets() : LiveReviewServices.tickets(System.getenv(),
                    policy.jiraUrl(), policy.jiraProject(), policy.jiraIssueType(), progress);
            OrganizationTicket.Filed filed = new OrganizationTicket(tracker, clock)
                    .file(org.runAccount(), OrganizationTicket.rows(run));
            out.println("Umbrella ticket: " + filed.umbrella().key() + (filed.umbrella().created() ? " (created)"
                    : " (found again, commented)") + (filed.umbrella().url() == null ? ""
                    : " " + filed.umbrella().url()) + "; linked " + (filed.linked().isEmpty() ? "none new"
                    : String.join(", ", filed.linked())));
            if (shared instanceof SandboxReviewServices s) {
                // What the Jira sandbox now holds: every ticket linked to the umbrella.
                out.println("  Jira: " + filed.umbrella().key() + " links " + s.sandbox().jira().links().stream()
                        .filter(l -> l.outwardKey().equals(filed.umbrella().key())).map(l -> l.inwardKey())
                        .sorted().toList());
            }
            filed.failures().forEach(f -> out.println("  warning: not linked: " + f));
            out.flush();
            return filed.failures().isEmpty();
        } catch (RuntimeException e) {
            out.println("Umbrella ticket: FAILED: " + e.getMessage()
                    + " (each account's review and ticket stand; re-run to file it)");
            out.flush();
            return false;
        }
    }

    private ReviewServices services(OrgTarget org, ReviewServices shared, OrgAccount account, ProgressListener log) {
        if (shared != null) {
            AccountSession session = org.open(account);
            return new AccountReviewServices(account.id(), org.directory(session),
                    new AwsIamUserAdmin(session.iam()), new AwsIamQuarantineAdmin(session.iam()),
                    session.clients().settings(), shared, session);
        }
        // Live: everything of this account's review goes through its own role, including CloudTrail.
        AwsSettings aws = org.settingsFor(account);
        // Before any client with retries exists: a role that cannot be assumed fails this account at once.
        new Preflight(log::progress).aws(aws, account.id());
        return LiveReviewServices.connect(new LiveReviewServices.Config(aws, System.getenv(),
                policy.jiraUrl(), policy.jiraProject(), policy.jiraIssueType(), policy.cloudTrailRegions()), clock, log);
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
