package io.jenkins.plugins.iamjanitor.cli.review;

import io.jenkins.plugins.iamjanitor.core.port.ActivityLog;
import io.jenkins.plugins.iamjanitor.core.port.ApprovalChannel;
import io.jenkins.plugins.iamjanitor.core.port.IamDirectory;
import io.jenkins.plugins.iamjanitor.core.port.IamUserAdmin;
import io.jenkins.plugins.iamjanitor.core.port.ProgressListener;
import io.jenkins.plugins.iamjanitor.core.port.TicketTracker;
import io.jenkins.plugins.iamjanitor.integrations.aws.AwsClients;
import io.jenkins.plugins.iamjanitor.integrations.aws.AwsCredentialsSource;
import io.jenkins.plugins.iamjanitor.integrations.aws.AwsIamDirectory;
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
import io.jenkins.plugins.iamjanitor.integrations.slack.SlackSecret;
import io.jenkins.plugins.iamjanitor.sandbox.LoopbackServer;
import io.jenkins.plugins.iamjanitor.sandbox.Sandbox;
import io.jenkins.plugins.iamjanitor.sandbox.Scenario;
import io.jenkins.plugins.iamjanitor.sandbox.cloudtrail.CloudTrailEmulator;
import io.jenkins.plugins.iamjanitor.sandbox.jira.JiraEmulator;
import io.jenkins.plugins.iamjanitor.sandbox.jira.JiraScenario;
import io.jenkins.plugins.iamjanitor.sandbox.slack.SlackEmulator;
import io.jenkins.plugins.iamjanitor.sandbox.slack.SlackSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Every external system of a review, emulated on loopback from one scenario, and the real adapters pointed at the
 * emulators: the AWS SDK (IAM, CloudTrail) with endpoint overrides, the Slack Web API and Socket Mode, Jira REST.
 */
public final class SandboxReviewServices implements ReviewServices {
    /** The sandbox ignores signatures; these only satisfy the SDK's signer. Not a secret. */
    private static final AwsCredentialsSource SANDBOX_CREDENTIALS =
            new AwsCredentialsSource.Static("AKIASANDBOXEXAMPLE", "sandbox-not-a-secret", null);

    private final List<AutoCloseable> resources = new ArrayList<>();
    private final Scenario scenario;
    private Sandbox sandbox;
    private SlackEmulator slack;
    private JiraEmulator jira;
    private CloudTrailEmulator cloudTrail;
    private IamDirectory directory;
    private IamUserAdmin admin;
    private ApprovalChannel approvals;
    private TicketTracker tickets;
    private ActivityLog activity;

    private SandboxReviewServices(Scenario scenario) {
        this.scenario = scenario;
    }

    /** Starts the emulators and connects the adapters; everything is closed again if any part fails. */
    public static SandboxReviewServices start(Scenario scenario, Clock clock, ProgressListener progress) {
        SandboxReviewServices s = new SandboxReviewServices(scenario);
        try {
            s.startAll(clock, progress);
            return s;
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
    }

    private void startAll(Clock clock, ProgressListener progress) {
        sandbox = keep(Sandbox.start(scenario, 0));
        AwsClients aws = keep(new AwsClients(new AwsSettings(null, sandbox.iamEndpoint(), null, SANDBOX_CREDENTIALS,
                8, Duration.ofMillis(50), null)));
        directory = new AwsIamDirectory(aws.iam());
        admin = new AwsIamUserAdmin(aws.iam());

        cloudTrail = new CloudTrailEmulator(scenario);
        LoopbackServer trail = keep(cloudTrail.serve());
        CloudTrailClientFactory trailClients = keep(new CloudTrailClientFactory(trail.uri("/"),
                aws.credentialsProvider(), Duration.ofSeconds(30)));
        activity = new AwsCloudTrailActivityLog(CloudTrailSettings.defaults(List.of()), trailClients);

        slack = keep(SlackEmulator.start(scenario));
        SlackSettings ss = slack.settings();
        SlackConnection connection = keep(new SlackConnection(slack.apiBase(), SlackSecret.of(ss.botToken()),
                SlackSecret.of(ss.appToken()), SlackSecret.of(ss.signingSecret()), clock));
        approvals = connection.connect(Duration.ofSeconds(10)).approvals();

        jira = keep(JiraEmulator.start(scenario));
        JiraScenario.User bot = jira.scenario().users().get(0);
        JiraFlavour flavour = jira.cloud() ? JiraFlavour.CLOUD : JiraFlavour.DATA_CENTER;
        JiraCredentials credentials = jira.cloud() ? JiraCredentials.cloud(bot.email(), bot.apiToken())
                : JiraCredentials.personalAccessToken(bot.pat());
        JiraScenario.Project project = jira.scenario().projects().get(0);
        tickets = new JiraTicketTracker(JiraRestClient.create(jira.baseUrl(), credentials, flavour),
                JiraSettings.of(jira.baseUrl(), project.key()).withFlavour(flavour).withDryRun(false), progress);

        progress.progress("Sandbox started (scenario: " + scenario.name() + "): IAM " + sandbox.iamEndpoint()
                + ", CloudTrail " + trail.uri("/") + ", Slack " + slack.apiBase() + ", Jira " + jira.baseUrl());
    }

    private <T extends AutoCloseable> T keep(T resource) {
        resources.add(resource);
        return resource;
    }

    public Scenario scenario() {
        return scenario;
    }

    public Sandbox sandbox() {
        return sandbox;
    }

    public SlackEmulator slack() {
        return slack;
    }

    public JiraEmulator jira() {
        return jira;
    }

    public CloudTrailEmulator cloudTrail() {
        return cloudTrail;
    }

    /** The Slack user the scenario's scripted approver clicks as; null when the scenario has none. */
    public String scriptedApprover() {
        return slack.settings().approver() == null ? null : slack.settings().approver().as();
    }

    /** The review channel: the scenario's first Slack channel, else a name the emulator accepts. */
    public String reviewChannel() {
        return slack.settings().channels().isEmpty() ? "iam-review" : slack.settings().channels().get(0).id();
    }

    @Override
    public String accountId() {
        return scenario.accountId();
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
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                // Closing loopback servers and clients: nothing useful to do about a failure here.
            }
        }
        resources.clear();
    }
}
