package io.jenkins.plugins.iamjanitor.cli.review;

import io.jenkins.plugins.iamjanitor.core.port.ActivityLog;
import io.jenkins.plugins.iamjanitor.core.port.ApprovalChannel;
import io.jenkins.plugins.iamjanitor.core.port.IamDirectory;
import io.jenkins.plugins.iamjanitor.core.port.IamQuarantineAdmin;
import io.jenkins.plugins.iamjanitor.core.port.IamUserAdmin;
import io.jenkins.plugins.iamjanitor.core.port.ReviewNotifier;
import io.jenkins.plugins.iamjanitor.core.port.ProgressListener;
import io.jenkins.plugins.iamjanitor.core.port.ServiceException;
import io.jenkins.plugins.iamjanitor.core.port.TicketTracker;
import io.jenkins.plugins.iamjanitor.integrations.aws.AwsClients;
import io.jenkins.plugins.iamjanitor.integrations.aws.AwsIamDirectory;
import io.jenkins.plugins.iamjanitor.integrations.aws.AwsIamQuarantineAdmin;
import io.jenkins.plugins.iamjanitor.integrations.aws.AwsIamUserAdmin;
import io.jenkins.plugins.iamjanitor.integrations.aws.AwsSettings;
import io.jenkins.plugins.iamjanitor.integrations.aws.cloudtrail.AwsCloudTrailActivityLog;
import io.jenkins.plugins.iamjanitor.integrations.aws.cloudtrail.CloudTrailClientFactory;
import io.jenkins.plugins.iamjanitor.integrations.aws.cloudtrail.CloudTrailSettings;
import io.jenkins.plugins.iamjanitor.integrations.jira.JiraCredentials;
import io.jenkins.plugins.iamjanitor.integrations.jira.JiraFlavour;
import io.jenkins.plugins.iamjanitor.integrations.jira.JiraRestClient;
import io.jenkins.plugins.iamjanitor.integrations.jira.JiraSettings;
import io.jenkins.plugins.iamjanitor.integrations.jira.JiraTicketTracker;
import io.jenkins.plugins.iamjanitor.integrations.preflight.Preflight;
import io.jenkins.plugins.iamjanitor.integrations.slack.SlackInteractionHandler;
import io.jenkins.plugins.iamjanitor.integrations.slack.SlackSecret;
import io.jenkins.plugins.iamjanitor.integrations.slack.SlackWebClient;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The real services: AWS through the SDK, Slack (Web API + Socket Mode: no public URL), Jira REST. Secrets come from
 * the environment only and are wrapped at once so that no log line, exception or toString can show them.
 */
public final class LiveReviewServices implements ReviewServices {

    /**
     * @param env the process environment: {@code SLACK_BOT_TOKEN}, {@code SLACK_APP_TOKEN}, optional
     *            {@code SLACK_SIGNING_SECRET}, {@code SLACK_TEAM_ID} and {@code SLACK_APP_ID} (clicks from any other
     *            workspace or app are refused); {@code JIRA_EMAIL} + {@code JIRA_API_TOKEN} (Cloud) or {@code JIRA_PAT}
     *            (Data Center)
     */
    public record Config(AwsSettings aws, Map<String, String> env, String jiraUrl, String jiraProject,
            String jiraIssueType, List<String> cloudTrailRegions) {
        @Override
        public String toString() {
            return "Config[jira=" + jiraUrl + ", project=" + jiraProject + "]";
        }
    }

    private final Resources resources = new Resources();
    private final Config config;
    private String accountId;
    private IamDirectory directory;
    private IamUserAdmin admin;
    private IamQuarantineAdmin quarantineAdmin;
    private ReviewNotifier notifier = ReviewNotifier.NONE;
    private ApprovalChannel approvals;
    private TicketTracker tickets;
    private ActivityLog activity;

    private LiveReviewServices(Config config) {
        this.config = config;
    }

    public static LiveReviewServices connect(Config config, Clock clock, ProgressListener progress) {
        LiveReviewServices s = new LiveReviewServices(config);
        try {
            s.connectAll(config, clock, progress);
            return s;
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
    }

    private void connectAll(Config config, Clock clock, ProgressListener progress) {
        Map<String, String> env = config.env();
        SlackSecret bot = secret(env, "SLACK_BOT_TOKEN", "the Slack bot token (xoxb-...)");
        SlackSecret app = secret(env, "SLACK_APP_TOKEN", "the Slack app-level token for Socket Mode (xapp-...)");
        String signing = env.get("SLACK_SIGNING_SECRET");
        JiraCredentials jiraCredentials = jiraCredentials(env);

        AwsClients aws = keep(new AwsClients(config.aws()));
        try {
            accountId = aws.sts().getCallerIdentity().account();
        } catch (RuntimeException e) {
            throw new ServiceException("STS", "GetCallerIdentity", null, "cannot tell which AWS account these"
                    + " credentials belong to: " + e.getMessage(), e);
        }
        directory = new AwsIamDirectory(aws.iam());
        admin = new AwsIamUserAdmin(aws.iam());
        quarantineAdmin = new AwsIamQuarantineAdmin(aws.iam());
        CloudTrailClientFactory trail = keep(new CloudTrailClientFactory(config.aws().cloudTrailEndpointOverride(),
                aws.credentialsProvider(), Duration.ofSeconds(30)));
        activity = new AwsCloudTrailActivityLog(CloudTrailSettings.defaults(config.cloudTrailRegions()), trail);

        SlackConnection slack = keep(new SlackConnection(SlackWebClient.DEFAULT_BASE, bot, app,
                SlackSecret.of(signing == null || signing.isBlank() ? "unused-with-socket-mode" : signing), clock,
                new SlackInteractionHandler.Expected(env.get("SLACK_TEAM_ID"), env.get("SLACK_APP_ID"))));
        approvals = slack.connect(Duration.ofSeconds(30)).approvals();
        notifier = slack.notifier(null);

        tickets = tickets(env, config.jiraUrl(), config.jiraProject(), config.jiraIssueType(), progress);
        progress.progress("Connected: AWS account " + accountId + ", Slack (Socket Mode), Jira " + config.jiraUrl());
    }

    @Override
    public void preflight(Preflight preflight, String slackChannel) {
        preflight.slack(SlackWebClient.DEFAULT_BASE, secret(config.env(), "SLACK_BOT_TOKEN", "the Slack bot token"),
                slackChannel);
        JiraCredentials credentials = jiraCredentials(config.env());
        preflight.jira(URI.create(config.jiraUrl()), credentials,
                credentials.isCloudApiToken() ? JiraFlavour.CLOUD : JiraFlavour.AUTO, config.jiraProject());
    }

    private static SlackSecret secret(Map<String, String> env, String name, String what) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("set " + name + " to " + what);
        }
        return SlackSecret.of(v);
    }

    /** The Jira tracker alone (no AWS, no Slack), as a review uses it; also for an organisation run's umbrella. */
    public static JiraTicketTracker tickets(Map<String, String> env, String jiraUrl, String project, String issueType,
            ProgressListener progress) {
        JiraCredentials credentials = jiraCredentials(env);
        URI jira = URI.create(jiraUrl);
        JiraRestClient client = JiraRestClient.create(jira, credentials,
                credentials.isCloudApiToken() ? JiraFlavour.CLOUD : JiraFlavour.AUTO);
        return new JiraTicketTracker(client, JiraSettings.of(jira, project).withProject(project, issueType)
                .withDryRun(false), progress);
    }

    /** Jira credentials from {@code JIRA_PAT}, else {@code JIRA_EMAIL} + {@code JIRA_API_TOKEN}; also for release. */
    public static JiraCredentials jiraCredentials(Map<String, String> env) {
        String pat = env.get("JIRA_PAT");
        if (pat != null && !pat.isBlank()) {
            return JiraCredentials.personalAccessToken(pat);
        }
        String email = env.get("JIRA_EMAIL");
        String token = env.get("JIRA_API_TOKEN");
        if (email == null || email.isBlank() || token == null || token.isBlank()) {
            throw new IllegalArgumentException("set JIRA_EMAIL and JIRA_API_TOKEN (Jira Cloud) or JIRA_PAT (Jira Data"
                    + " Center)");
        }
        return JiraCredentials.cloud(email, token);
    }

    private <T extends AutoCloseable> T keep(T resource) {
        return resources.keep(resource);
    }

    @Override
    public String accountId() {
        return accountId;
    }

    @Override
    public IamDirectory directory() {
        return directory;
    }

    @Override
    public IamUserAdmin admin() {
        return admin;
    }

    @Override
    public IamQuarantineAdmin quarantineAdmin() {
        return quarantineAdmin;
    }

    @Override
    public ReviewNotifier notifier() {
        return notifier;
    }

    @Override
    public ApprovalChannel approvals() {
        return approvals;
    }

    @Override
    public TicketTracker tickets() {
        return tickets;
    }

    @Override
    public ActivityLog activity() {
        return activity;
    }

    @Override
    public void close() {
        resources.close();
    }
}
