package io.jenkins.plugins.iamjanitor.plugin;

import io.jenkins.plugins.iamjanitor.core.approval.ReviewDecisions;
import io.jenkins.plugins.iamjanitor.core.port.ActivityLog;
import io.jenkins.plugins.iamjanitor.core.port.ApprovalChannel;
import io.jenkins.plugins.iamjanitor.core.port.BackupStore;
import io.jenkins.plugins.iamjanitor.core.port.IamDirectory;
import io.jenkins.plugins.iamjanitor.core.port.IamUserAdmin;
import io.jenkins.plugins.iamjanitor.core.port.TicketTracker;
import io.jenkins.plugins.iamjanitor.integrations.aws.AwsCredentialsSource;
import io.jenkins.plugins.iamjanitor.integrations.jira.JiraCredentials;
import io.jenkins.plugins.iamjanitor.sandbox.Sandbox;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;

/**
 * {@link JanitorServices} built by the production {@link JanitorAdapters} and {@link SlackWiring}, pointed at the
 * sandbox's emulators instead of AWS, Slack and Jira. Only the secrets differ: they come from the scenario here and
 * from the Credentials plugin in Jenkins.
 */
final class SandboxServices implements JanitorServices {
    static final String BOT = "xoxb-sandbox-bot-token";
    static final String SIGNING = "sandbox-signing-secret";
    static final String JIRA_TOKEN = "sandbox-jira-api-token";

    final Sandbox sandbox;
    final JanitorAdapters adapters;
    final SlackWiring slack;
    final Path artifacts;
    final FakeServices.ManualScheduler scheduler = new FakeServices.ManualScheduler();
    JanitorDefaults defaults = new JanitorDefaults(new AwsTarget(null, "us-east-1", null, null), 21,
            "iam-janitor:exempt", 10, "#iam-review", List.of("U0SECLEAD"), "SEC", "Task");

    SandboxServices(Sandbox sandbox, ReviewDecisions decisions, ScheduledExecutorService executor, Path artifacts) {
        this.sandbox = sandbox;
        this.adapters = new JanitorAdapters(sandbox.iamEndpoint(), sandbox.endpoints().get(Sandbox.CLOUDTRAIL));
        this.slack = new SlackWiring(sandbox.slack().apiBase(), BOT, SIGNING, decisions, executor, Clock.systemUTC());
        this.artifacts = artifacts;
    }

    private io.jenkins.plugins.iamjanitor.integrations.aws.AwsClients aws(AwsTarget target) {
        return adapters.aws(target, JanitorAdapters.credentials(target,
                new AwsCredentialsSource.Static("AKIASANDBOX", "sandbox-secret-key", null), "iam-janitor-test"));
    }

    @Override
    public Clock clock() {
        return Clock.systemUTC();
    }

    @Override
    public JanitorDefaults defaults() {
        return defaults;
    }

    @Override
    public IamDirectory iamDirectory(AwsTarget target) {
        return adapters.iamDirectory(aws(target));
    }

    @Override
    public IamUserAdmin iamUserAdmin(AwsTarget target) {
        return adapters.iamUserAdmin(aws(target));
    }

    @Override
    public ActivityLog activityLog(AwsTarget target) {
        return adapters.activityLog(aws(target), target.region());
    }

    @Override
    public ApprovalChannel approvalChannel() {
        return slack.channel();
    }

    @Override
    public ReviewRegistry reviews() {
        return slack.registry();
    }

    @Override
    public TimeoutScheduler scheduler() {
        return scheduler;
    }

    @Override
    public TicketTracker ticketTracker(String projectKey, String issueType) {
        return adapters.ticketTracker(sandbox.jira().baseUrl(), "cloud", projectKey, issueType,
                JiraCredentials.cloud("janitor@example.com", JIRA_TOKEN));
    }

    @Override
    public BackupStore backupStore(Path directory) {
        return adapters.backupStore(directory, clock());
    }

    @Override
    public Path artifactsDir() {
        return artifacts;
    }

    @Override
    public String buildUrl() {
        return "https://jenkins.example.com/job/iam-janitor/12/";
    }

    @Override
    public List<String> secrets() {
        return List.of(BOT, SIGNING, JIRA_TOKEN, "sandbox-secret-key");
    }

    /** Steps close their services after each run; the sandbox's clients stay usable for the next step. */
    @Override
    public void close() {
    }
}
