package io.jenkins.plugins.iamjanitor.cli;

import io.jenkins.plugins.iamjanitor.cli.review.ConsoleGate;
import io.jenkins.plugins.iamjanitor.cli.review.LiveReviewServices;
import io.jenkins.plugins.iamjanitor.cli.review.ReviewRunner;
import io.jenkins.plugins.iamjanitor.cli.review.ReviewServices;
import io.jenkins.plugins.iamjanitor.cli.review.SandboxReviewServices;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionSettings;
import io.jenkins.plugins.iamjanitor.core.policy.Exemptions;
import io.jenkins.plugins.iamjanitor.core.policy.PolicySettings;
import io.jenkins.plugins.iamjanitor.core.port.ProgressListener;
import io.jenkins.plugins.iamjanitor.core.review.ConfirmationGate;
import io.jenkins.plugins.iamjanitor.core.review.ReviewObserver;
import io.jenkins.plugins.iamjanitor.core.review.ReviewRecord;
import io.jenkins.plugins.iamjanitor.integrations.aws.AwsCredentialsSource;
import io.jenkins.plugins.iamjanitor.integrations.aws.AwsSettings;
import io.jenkins.plugins.iamjanitor.integrations.backup.JsonBackupStore;
import io.jenkins.plugins.iamjanitor.sandbox.Scenario;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
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

    @Option(names = "--report-dir", paramLabel = "DIR", defaultValue = "iam-janitor-reports",
            description = "Where the JSON, Markdown and HTML reports go (default: ${DEFAULT-VALUE}).")
    Path reportDir;

    @Option(names = "--state-dir", paramLabel = "DIR", defaultValue = ".iam-janitor/reviews",
            description = "Where review records are kept for resuming (default: ${DEFAULT-VALUE}).")
    Path stateDir;

    @Option(names = "--backup-dir", paramLabel = "DIR", defaultValue = "iam-janitor-backups",
            description = "Where backups are written before each deletion (default: ${DEFAULT-VALUE}).")
    Path backupDir;

    @Option(names = "--review-id", paramLabel = "ID", description = "Resume (or start) the review with this id.")
    String reviewId;

    @Option(names = "--new-review", description = "Abandon the unfinished review, if any, and start a new one.")
    boolean newReview;

    @Option(names = "--max-deletions", paramLabel = "N", defaultValue = "" + DeletionSettings.DEFAULT_MAX_DELETIONS,
            description = "Cap on deletions per review (default: ${DEFAULT-VALUE}).")
    int maxDeletions;

    @Option(names = "--approval-timeout", paramLabel = "MINUTES", defaultValue = "60",
            description = "How long to wait for decisions; undecided users are not approved "
                    + "(default: ${DEFAULT-VALUE}).")
    int approvalTimeoutMinutes;

    @Option(names = "--slack-channel", paramLabel = "CHANNEL",
            description = "Slack channel id to ask in (sandbox default: the scenario's first channel).")
    String slackChannel;

    @Option(names = "--approver", paramLabel = "SLACK_ID",
            description = "Slack user or user-group id allowed to decide; repeatable (sandbox default: the scenario's"
                    + " scripted approver).")
    List<String> approvers = new ArrayList<>();

    @Option(names = "--cloudtrail-region", paramLabel = "REGION",
            description = "Extra CloudTrail region to search besides us-east-1; repeatable (sandbox default: the"
                    + " scenario's janitor.cloudTrailRegions).")
    List<String> regions = new ArrayList<>();

    @Option(names = "--jira-url", paramLabel = "URL",
            description = "Jira base URL, e.g. https://example.atlassian.net.")
    String jiraUrl;

    @Option(names = "--jira-project", paramLabel = "KEY", description = "Jira project of the review tickets.")
    String jiraProject;

    @Option(names = "--jira-issue-type", paramLabel = "TYPE", defaultValue = "Task",
            description = "Issue type (default: ${DEFAULT-VALUE}).")
    String jiraIssueType;

    @Option(names = "--done-status", paramLabel = "STATUS", defaultValue = "Done",
            description = "Ticket status once every approved user is handled (default: ${DEFAULT-VALUE}).")
    String doneStatus;

    @Option(names = "--confirm", description = "Second gate: ask on the terminal before deleting anything.")
    boolean confirm;

    @Mixin
    TargetOptions target = new TargetOptions();

    @Mixin
    PolicyOptions policy = new PolicyOptions();

    @Mixin
    OrganizationOptions organization = new OrganizationOptions();

    private final Clock clock;

    ReviewCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Integer call() {
        IamJanitorCli.quietAdapterLogsUnlessVerbose(spec);
        if (maxDeletions < 1) {
            throw new UsageException("--max-deletions must be at least 1, got " + maxDeletions);
        }
        if (approvalTimeoutMinutes < 1) {
            throw new UsageException("--approval-timeout must be at least 1 minute");
        }
        if (target.scenario != null && !target.sandbox) {
            throw new UsageException("--scenario needs --sandbox");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ProgressListener progress = line -> {
            err.println(line);
            err.flush();
        };
        organization.validate();
        if (organization.organization) {
            return new OrganizationReview(this, clock).run(out, progress,
                    "iam-janitor-review-" + System.getProperty("user.name", "operator"));
        }
        try (ReviewServices services = connect(progress)) {
            Exemptions extra = services instanceof SandboxReviewServices s ? s.scenarioExemptions()
                    : new Exemptions(null, null, null, null);
            PolicySettings settings = policy.settings(extra);
            String channel = slackChannel;
            List<String> allowed = approvers;
            List<String> trailRegions = regions;
            if (services instanceof SandboxReviewServices s) {
                channel = channel == null ? s.reviewChannel() : channel;
                trailRegions = trailRegions.isEmpty() ? s.scenarioCloudTrailRegions() : trailRegions;
                allowed = allowed.isEmpty() && s.scriptedApprover() != null ? List.of(s.scriptedApprover()) : allowed;
            }
            if (allowed.isEmpty()) {
                throw new UsageException("--approver is required: nobody could decide otherwise");
            }
            ReviewRunner.Options options = new ReviewRunner.Options(execute, maxDeletions,
                    Duration.ofMinutes(approvalTimeoutMinutes), channel, allowed, trailRegions, doneStatus, reviewId,
                    // A sandbox lives as long as this process: an unfinished review of an earlier one cannot go on.
                    newReview || target.sandbox, stateDir, reportDir, Map.of());
            ConfirmationGate gate = confirm ? new ConsoleGate(new BufferedReader(new InputStreamReader(System.in,
                    StandardCharsets.UTF_8)), err, "cli:" + System.getProperty("user.name", "operator"), clock) : null;
            ReviewRecord record = new ReviewRunner(services, settings,
                    new JsonBackupStore(backupDir.toAbsolutePath(), clock), options, clock)
                    .run(progress, ReviewObserver.NONE, gate);
            return ReviewRunner.summarize(record, out);
        }
    }

    private ReviewServices connect(ProgressListener progress) {
        if (target.sandbox) {
            if (target.aws.endpointUrl != null || target.aws.profile != null || target.aws.roleArn != null) {
                throw new UsageException("--sandbox cannot be combined with --endpoint-url, --profile or --role-arn");
            }
            Scenario sc = target.scenario == null ? Scenario.builtIn() : Scenario.load(target.scenario);
            return SandboxReviewServices.start(sc, clock, progress);
        }
        if (slackChannel == null) {
            throw new UsageException("--slack-channel is required (or use --sandbox)");
        }
        if (jiraUrl == null || jiraProject == null) {
            throw new UsageException("--jira-url and --jira-project are required (or use --sandbox)");
        }
        return LiveReviewServices.connect(new LiveReviewServices.Config(awsSettings(target.aws), System.getenv(),
                jiraUrl, jiraProject, jiraIssueType, regions), clock, progress);
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
