package io.jenkins.plugins.iamjanitor.cli.review;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionStatus;
import io.jenkins.plugins.iamjanitor.core.policy.Exemptions;
import io.jenkins.plugins.iamjanitor.core.port.ActivityLog;
import io.jenkins.plugins.iamjanitor.core.port.ApprovalChannel;
import io.jenkins.plugins.iamjanitor.core.port.IamDirectory;
import io.jenkins.plugins.iamjanitor.core.port.IamQuarantineAdmin;
import io.jenkins.plugins.iamjanitor.core.port.IamUserAdmin;
import io.jenkins.plugins.iamjanitor.core.port.ReviewNotifier;
import io.jenkins.plugins.iamjanitor.core.port.ProgressListener;
import io.jenkins.plugins.iamjanitor.core.port.TicketTracker;
import io.jenkins.plugins.iamjanitor.core.review.ReviewRecord;
import io.jenkins.plugins.iamjanitor.integrations.aws.AwsClients;
import io.jenkins.plugins.iamjanitor.integrations.aws.AwsCredentialsSource;
import io.jenkins.plugins.iamjanitor.integrations.aws.AwsIamDirectory;
import io.jenkins.plugins.iamjanitor.integrations.aws.AwsIamQuarantineAdmin;
import io.jenkins.plugins.iamjanitor.integrations.aws.AwsIamUserAdmin;
import io.jenkins.plugins.iamjanitor.integrations.aws.AwsSettings;
import io.jenkins.plugins.iamjanitor.integrations.aws.Sleeper;
import io.jenkins.plugins.iamjanitor.integrations.aws.cloudtrail.AwsCloudTrailActivityLog;
import io.jenkins.plugins.iamjanitor.integrations.aws.cloudtrail.CloudTrailClientFactory;
import io.jenkins.plugins.iamjanitor.integrations.aws.cloudtrail.CloudTrailSettings;
import io.jenkins.plugins.iamjanitor.integrations.jira.JiraCredentials;
import io.jenkins.plugins.iamjanitor.integrations.jira.JiraFlavour;
import io.jenkins.plugins.iamjanitor.integrations.jira.JiraRestClient;
import io.jenkins.plugins.iamjanitor.integrations.jira.JiraSettings;
import io.jenkins.plugins.iamjanitor.integrations.jira.JiraTicketTracker;
import io.jenkins.plugins.iamjanitor.integrations.preflight.Preflight;
import io.jenkins.plugins.iamjanitor.integrations.slack.SlackSecret;
import io.jenkins.plugins.iamjanitor.sandbox.Sandbox;
import io.jenkins.plugins.iamjanitor.sandbox.Scenario;
import io.jenkins.plugins.iamjanitor.sandbox.jira.JiraEmulator;
import io.jenkins.plugins.iamjanitor.sandbox.jira.JiraScenario;
import io.jenkins.plugins.iamjanitor.sandbox.slack.SlackSettings;
import java.net.URI;
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

    private final Resources resources = new Resources();
    private final Scenario scenario;
    private Sandbox sandbox;
    private AwsSettings awsSettings;
    private JiraCredentials jiraCredentials;
    private JiraFlavour jiraFlavour;
    private IamDirectory directory;
    private IamUserAdmin admin;
    private IamQuarantineAdmin quarantineAdmin;
    private ReviewNotifier notifier = ReviewNotifier.NONE;
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
        awsSettings = new AwsSettings(null, sandbox.iamEndpoint(), null, SANDBOX_CREDENTIALS, 8,
                Duration.ofMillis(50), null);
        AwsClients aws = keep(new AwsClients(awsSettings));
        // The emulator finishes a credential report within a few polls; no need for AWS's 2-second poll spacing.
        directory = new AwsIamDirectory(aws.iam(), new AwsIamDirectory.Options(true, 1000, 20,
                Duration.ofMillis(100)), Sleeper.THREAD);
        admin = new AwsIamUserAdmin(aws.iam());
        quarantineAdmin = new AwsIamQuarantineAdmin(aws.iam());

        URI trail = sandbox.endpoints().get(Sandbox.CLOUDTRAIL);
        CloudTrailClientFactory trailClients = keep(new CloudTrailClientFactory(trail, aws.credentialsProvider(),
                Duration.ofSeconds(30)));
        // As fast as the emulated account allows (the scenario's cloudtrail.requestsPerSecond; AWS: 2), no faster.
        double rate = scenario.section("cloudtrail").path("requestsPerSecond")
                .asDouble(CloudTrailSettings.AWS_LIMIT_PER_REGION);
        activity = new AwsCloudTrailActivityLog(CloudTrailSettings.defaults(List.of()).withRate(rate), trailClients);

        SlackSettings ss = sandbox.slack().settings();
        SlackConnection connection = keep(new SlackConnection(sandbox.slack().apiBase(),
                SlackSecret.of(ss.botToken()), SlackSecret.of(ss.appToken()), SlackSecret.of(ss.signingSecret()),
                clock));
        approvals = connection.connect(Duration.ofSeconds(10)).approvals();
        notifier = connection.notifier(null);

        JiraEmulator jira = sandbox.jira();
        JiraScenario.User bot = jira.scenario().users().get(0);
        JiraFlavour flavour = jira.cloud() ? JiraFlavour.CLOUD : JiraFlavour.DATA_CENTER;
        JiraCredentials credentials = jira.cloud() ? JiraCredentials.cloud(bot.email(), bot.apiToken())
                : JiraCredentials.personalAccessToken(bot.pat());
        JiraScenario.Project project = jira.scenario().projects().get(0);
        jiraCredentials = credentials;
        jiraFlavour = flavour;
        tickets = new JiraTicketTracker(JiraRestClient.create(jira.baseUrl(), credentials, flavour),
                JiraSettings.of(jira.baseUrl(), project.key()).withFlavour(flavour).withDryRun(false), progress);

        progress.progress("Sandbox started (scenario: " + scenario.name() + "): " + sandbox.endpoints());
    }

    private <T extends AutoCloseable> T keep(T resource) {
        return resources.keep(resource);
    }

    /** The same checks as against real services, against the emulators (AWS too: the sandbox's STS). */
    @Override
    public void preflight(Preflight preflight, String slackChannel) {
        preflight.aws(awsSettings, null);
        preflight.slack(sandbox.slack().apiBase(), SlackSecret.of(sandbox.slack().settings().botToken()),
                slackChannel);
        preflight.jira(sandbox.jira().baseUrl(), jiraCredentials, jiraFlavour,
                sandbox.jira().scenario().projects().get(0).key());
    }

    public Scenario scenario() {
        return scenario;
    }

    public Sandbox sandbox() {
        return sandbox;
    }

    /** The Slack user the scenario's scripted approver clicks as; null when the scenario has none. */
    public String scriptedApprover() {
        return sandbox.slack().settings().approver() == null ? null : sandbox.slack().settings().approver().as();
    }

    /** The review channel: the scenario's first Slack channel, else a name the emulator accepts. */
    public String reviewChannel() {
        var channels = sandbox.slack().settings().channels();
        return channels.isEmpty() ? "iam-review" : channels.get(0).id();
    }

    /**
     * Exemptions the scenario carries in its optional {@code janitor.exemptions} section (what an organisation would
     * configure): {@code userNames} globs, {@code paths}, {@code tags}, {@code groups}.
     */
    public Exemptions scenarioExemptions() {
        JsonNode ex = scenario.section("janitor").path("exemptions");
        return new Exemptions(strings(ex.path("userNames")), strings(ex.path("paths")), strings(ex.path("tags")),
                strings(ex.path("groups")));
    }

    /**
     * Extra CloudTrail regions to search besides us-east-1, from the scenario's optional
     * {@code janitor.cloudTrailRegions} (what an organisation would configure): sign-ins can land in other regions.
     */
    public List<String> scenarioCloudTrailRegions() {
        return strings(scenario.section("janitor").path("cloudTrailRegions"));
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** What the emulators hold after a review: Slack messages, the Jira ticket, the IAM users left. */
    public List<String> describeAftermath(ReviewRecord record) {
        List<String> lines = new ArrayList<>();
        lines.add("");
        lines.add("In the sandbox now:");
        var messages = sandbox.slack().messages();
        lines.add("  Slack: " + messages.size() + " review message(s), updated "
                + messages.stream().mapToInt(m -> m.updates()).sum() + " time(s) as decisions came in; "
                + sandbox.slack().scriptedClicks().size() + " click(s) by the scripted approver");
        if (record.ticket() != null) {
            sandbox.jira().issue(record.ticket().key()).ifPresent(i -> lines.add("  Jira: " + i.key() + " \""
                    + i.summary() + "\", status " + i.status() + ", " + i.comments().size() + " comment(s), "
                    + i.labels().size() + " labels (" + String.join(", ", i.labels().subList(0,
                    Math.min(2, i.labels().size()))) + ", the review, one per user)"));
        }
        List<String> gone = record.deletions().stream()
                .filter(d -> d.status() == DeletionStatus.DELETED)
                .map(d -> d.userName())
                .filter(u -> directory.fetchLive(u).isEmpty())
                .toList();
        lines.add("  IAM: " + gone.size() + " deleted user(s) confirmed gone by a live read" + (gone.isEmpty() ? ""
                : ": " + String.join(", ", gone)));
        return lines;
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
