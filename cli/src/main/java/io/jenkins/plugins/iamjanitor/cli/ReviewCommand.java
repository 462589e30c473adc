package io.jenkins.plugins.iamjanitor.cli;

import io.jenkins.plugins.iamjanitor.cli.review.ConsoleGate;
import io.jenkins.plugins.iamjanitor.cli.review.LiveReviewServices;
import io.jenkins.plugins.iamjanitor.cli.review.ReviewRunner;
import io.jenkins.plugins.iamjanitor.cli.review.ReviewServices;
import io.jenkins.plugins.iamjanitor.cli.review.SandboxReviewServices;
import io.jenkins.plugins.iamjanitor.core.config.EffectivePolicy;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionSettings;
import io.jenkins.plugins.iamjanitor.core.policy.Exemptions;
import io.jenkins.plugins.iamjanitor.core.policy.PolicySettings;
import io.jenkins.plugins.iamjanitor.core.port.ProgressListener;
import io.jenkins.plugins.iamjanitor.core.quarantine.QuarantineSettings;
import io.jenkins.plugins.iamjanitor.core.quarantine.RemediationAction;
import io.jenkins.plugins.iamjanitor.core.review.ConfirmationGate;
import io.jenkins.plugins.iamjanitor.core.review.ReviewObserver;
import io.jenkins.plugins.iamjanitor.core.review.ReviewRecord;
import io.jenkins.plugins.iamjanitor.integrations.aws.AwsCredentialsSource;
import io.jenkins.plugins.iamjanitor.integrations.aws.AwsSettings;
import io.jenkins.plugins.iamjanitor.integrations.backup.JsonBackupStore;
import io.jenkins.plugins.iamjanitor.integrations.preflight.Preflight;
import io.jenkins.plugins.iamjanitor.sandbox.Scenario;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "review", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs a whole access review: scan, approval in Slack, Jira ticket, CloudTrail evidence, "
                + "deletion of the approved users (only with --execute), outcome on the ticket, reports.",
                "Every stage is recorded under --state-dir: re-running after an interruption resumes the review "
                + "without asking again, opening a second ticket or deleting anyone twice.",
                "Real services: Slack through Socket Mode (no public URL needed; tokens from SLACK_BOT_TOKEN and "
                + "SLACK_APP_TOKEN), Jira from --jira-url with JIRA_EMAIL + JIRA_API_TOKEN (Cloud) or JIRA_PAT "
                + "(Data Center), AWS from the AWS options."})
final class ReviewCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--execute", description = "Really delete the approved users. Without it: dry run, IAM is not"
            + " changed (Slack, Jira and CloudTrail are still used).")
    boolean execute;

    @Option(names = "--report-dir", paramLabel = "DIR",
            description = "Where the JSON, Markdown and HTML reports go (default: directories.reports, else "
                    + EffectivePolicy.DEFAULT_REPORT_DIR + ").")
    String reportDir;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "Where review records are kept for resuming (default: directories.state, else "
                    + EffectivePolicy.DEFAULT_STATE_DIR + ").")
    String stateDir;

    @Option(names = "--backup-dir", paramLabel = "DIR",
            description = "Where backups are written before each deletion (default: directories.backups, else "
                    + EffectivePolicy.DEFAULT_BACKUP_DIR + ").")
    String backupDir;

    @Option(names = "--review-id", paramLabel = "ID", description = "Resume (or start) the review with this id.")
    String reviewId;

    @Option(names = "--new-review", description = "Abandon the unfinished review, if any, and start a new one.")
    boolean newReview;

    @Option(names = "--max-deletions", paramLabel = "N",
            description = "Cap on deletions per review (default: maxDeletions, else "
                    + DeletionSettings.DEFAULT_MAX_DELETIONS + ").")
    Integer maxDeletions;

    @Option(names = "--approval-timeout", paramLabel = "DURATION", defaultValue = "60m",
            description = "How long to wait for decisions, e.g. 30s, 45m, 24h; undecided users are not approved "
                    + "(default: ${DEFAULT-VALUE}). A bare number (minutes) still works but is deprecated.")
    String approvalTimeout;

    @Option(names = "--slack-channel", paramLabel = "CHANNEL",
            description = "Slack channel id to ask in (default: slack.channel; sandbox: the scenario's first channel).")
    String slackChannel;

    @Option(names = "--approver", paramLabel = "SLACK_ID",
            description = "Slack user or user-group id allowed to decide; repeatable (default: approvers; sandbox:"
                    + " the scenario's scripted approver).")
    List<String> approvers = new ArrayList<>();

    @Option(names = "--cloudtrail-region", paramLabel = "REGION",
            description = "CloudTrail region to search; repeatable (default: cloudTrail.regions, else us-east-1;"
                    + " sandbox: the scenario's janitor.cloudTrailRegions).")
    List<String> regions = new ArrayList<>();

    @Option(names = "--jira-url", paramLabel = "URL",
            description = "Jira base URL, e.g. https://example.atlassian.net (default: jira.url).")
    String jiraUrl;

    @Option(names = "--jira-project", paramLabel = "KEY",
            description = "Jira project of the review tickets (default: jira.project).")
    String jiraProject;

    @Option(names = "--jira-issue-type", paramLabel = "TYPE",
            description = "Issue type (default: jira.issueType, else Task).")
    String jiraIssueType;

    @Option(names = "--done-status", paramLabel = "STATUS",
            description = "Ticket status once every approved user is handled (default: jira.doneStatus, else Done).")
    String doneStatus;

    @Option(names = "--action", paramLabel = "ACTION",
            description = "What happens to approved users (default: action: in the policy file, else delete): delete"
                    + " or quarantine (deny-all policy, keys"
                    + " deactivated, console password removed, tagged; deleted by a later run after"
                    + " --delete-after-days if nothing happened meanwhile). See docs/quarantine.md.")
    String action;

    @Option(names = "--delete-after-days", paramLabel = "N",
            description = "How long a quarantine lasts before a later review deletes the user (default:"
                    + " deleteAfterDays: in the policy file, else " + QuarantineSettings.DEFAULT_DELETE_AFTER_DAYS
                    + ").")
    Integer deleteAfterDays;

    @Option(names = "--confirm", description = "Second gate: ask on the terminal before deleting anything.")
    boolean confirm;

    @Mixin
    TargetOptions target = new TargetOptions();

    @Mixin
    PolicyOptions policy = new PolicyOptions();

    @Mixin
    ConfigOptions config = new ConfigOptions();

    @Mixin
    OrganizationOptions organization = new OrganizationOptions();

    @Mixin
    DetailReadOptions detail = new DetailReadOptions();

    private final Clock clock;

    ReviewCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Integer call() {
        IamJanitorCli.quietAdapterLogsUnlessVerbose(spec);
        if (maxDeletions != null && maxDeletions < 1) {
            throw new UsageException("--max-deletions must be at least 1, got " + maxDeletions);
        }
        detail.reads();
        Duration timeout = DurationOption.parse("--approval-timeout", approvalTimeout, ChronoUnit.MINUTES,
                spec.commandLine().getErr());
        if (timeout.toSeconds() < 1) {
            throw new UsageException("--approval-timeout must be at least 1s");
        }
        if (target.scenario != null && !target.sandbox) {
            throw new UsageException("--scenario needs --sandbox");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ProgressListener progress = TerminalProgress.forStderr(err, "");
        EffectivePolicy p = CliPolicy.resolve(config.load(err, true), flags(), err, true, true, true);
        QuarantineSettings quarantine;
        try {
            // Flags win over the policy file, as for every other setting.
            quarantine = new QuarantineSettings(RemediationAction.parse(action != null ? action : p.action().name()),
                    deleteAfterDays != null ? deleteAfterDays : p.deleteAfterDays() != null ? p.deleteAfterDays()
                            : QuarantineSettings.DEFAULT_DELETE_AFTER_DAYS, regions);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage().replace("action must", "--action must")
                    .replace("deleteAfterDays", "--delete-after-days"));
        }
        CliPolicy.applyTarget(p, target, err);
        PolicyAccounts.apply(p, target, organization, err);
        organization.validate();
        if (organization.organization) {
            return new OrganizationReview(this, p, timeout, quarantine, clock).run(out, progress,
                    "iam-janitor-review-" + System.getProperty("user.name", "operator"));
        }
        Preflight preflight = new Preflight(progress::progress);
        try (ReviewServices services = connect(p, preflight, progress)) {
            Exemptions extra = services instanceof SandboxReviewServices s ? s.scenarioExemptions()
                    : new Exemptions(null, null, null, null);
            PolicySettings settings = CliPolicy.settings(p, extra);
            String channel = p.slackChannel();
            List<String> allowed = p.approvers();
            List<String> trailRegions = regions.isEmpty() && p.cloudTrailRegions().equals(List.of(
                    EffectivePolicy.DEFAULT_REGION)) ? List.of() : p.cloudTrailRegions();
            if (services instanceof SandboxReviewServices s) {
                channel = channel == null ? s.reviewChannel() : channel;
                trailRegions = trailRegions.isEmpty() ? s.scenarioCloudTrailRegions() : trailRegions;
                allowed = allowed.isEmpty() && s.scriptedApprover() != null ? List.of(s.scriptedApprover()) : allowed;
            }
            if (allowed.isEmpty()) {
                throw new UsageException("--approver is required (or approvers: in the policy file): nobody could"
                        + " decide otherwise");
            }
            ReviewRunner.Options options = new ReviewRunner.Options(execute, p.maxDeletions(),
                    timeout, channel, allowed, trailRegions, p.jiraDoneStatus(),
                    reviewId,
                    // A sandbox lives as long as this process: an unfinished review of an earlier one cannot go on.
                    newReview || target.sandbox, Path.of(p.stateDir()), Path.of(p.reportDir()), Map.of(),
                    p.cloudTrailLookBack(),
                    new QuarantineSettings(quarantine.action(), quarantine.deleteAfterDays(), trailRegions));
            ConfirmationGate gate = confirm ? new ConsoleGate(new BufferedReader(new InputStreamReader(System.in,
                    StandardCharsets.UTF_8)), err, "cli:" + System.getProperty("user.name", "operator"), clock) : null;
            Path backups = Path.of(p.backupDir()).toAbsolutePath();
            ReviewRunner runner = new ReviewRunner(services, settings, new JsonBackupStore(backups, clock), options,
                    clock).detailReads(detail.reads());
            runner.preflight(preflight, backups);
            ReviewRecord record = runner.run(progress, ReviewObserver.NONE, gate);
            return ReviewRunner.summarize(record, out);
        }
    }

    /** The command line's values for the policy's keys (only those given). */
    private CliPolicy.Flags flags() {
        CliPolicy.Flags f = policy.addTo(target.aws.addTo(new CliPolicy.Flags()));
        return f.put("maxDeletions", maxDeletions).put("approvers", approvers).put("slack.channel", slackChannel)
                .put("cloudTrail.regions", regions).put("jira.url", jiraUrl).put("jira.project", jiraProject)
                .put("jira.issueType", jiraIssueType).put("jira.doneStatus", doneStatus)
                .put("directories.reports", reportDir).put("directories.state", stateDir)
                .put("directories.backups", backupDir);
    }

    private ReviewServices connect(EffectivePolicy p, Preflight preflight, ProgressListener progress) {
        if (target.sandbox) {
            if (target.aws.endpointUrl != null || target.aws.profile != null || target.aws.roleArn != null) {
                throw new UsageException("--sandbox cannot be combined with --endpoint-url, --profile or --role-arn");
            }
            Scenario sc = target.scenario == null ? Scenario.builtIn() : Scenario.load(target.scenario);
            return SandboxReviewServices.start(sc, clock, progress);
        }
        if (p.slackChannel() == null) {
            throw new UsageException("--slack-channel (or slack.channel in the policy file) is required, or use"
                    + " --sandbox");
        }
        if (p.jiraUrl() == null || p.jiraProject() == null) {
            throw new UsageException("--jira-url and --jira-project (or jira.url and jira.project in the policy file)"
                    + " are required, or use --sandbox");
        }
        AwsSettings aws = awsSettings(target.aws);
        // Before any client with retries exists: wrong or unreachable AWS fails here at once, naming the endpoint.
        preflight.aws(aws, target.aws.expectedAccountId);
        return LiveReviewServices.connect(new LiveReviewServices.Config(aws, System.getenv(), p.jiraUrl(),
                p.jiraProject(), p.jiraIssueType(), p.cloudTrailRegions()), clock, progress);
    }
    /** The same AWS options as every other command; an assumed role's session is named for the review. */
    private static AwsSettings awsSettings(AwsOptions aws) {
        if (aws.externalId != null && aws.roleArn == null) {
            throw new UsageException("--external-id needs --role-arn");
        }
        URI endpoint = null;
        if (aws.endpointUrl != null) {
            endpoint = URI.create(aws.endpointUrl);
            if (!"http".equals(endpoint.getScheme()) && !"https".equals(endpoint.getScheme())) {
                throw new UsageException("--endpoint-url must be an http(s) URL, got '" + aws.endpointUrl + "'");
            }
        }
        AwsCredentialsSource base = aws.profile != null ? new AwsCredentialsSource.Profile(aws.profile)
                : new AwsCredentialsSource.DefaultChain();
        AwsCredentialsSource credentials = aws.roleArn == null ? base
                : new AwsCredentialsSource.AssumeRole(aws.roleArn, aws.externalId, "iam-janitor-review", base);
        return new AwsSettings(aws.region, endpoint, null, credentials, 8, null, null);
    }
}
