package io.jenkins.plugins.iamjanitor.bench.soak;

import io.jenkins.plugins.iamjanitor.cli.review.ReviewRunner;
import io.jenkins.plugins.iamjanitor.cli.review.ReviewServices;
import io.jenkins.plugins.iamjanitor.core.policy.PolicySettings;
import io.jenkins.plugins.iamjanitor.core.port.ActivityLog;
import io.jenkins.plugins.iamjanitor.core.port.ApprovalChannel;
import io.jenkins.plugins.iamjanitor.core.port.IamDirectory;
import io.jenkins.plugins.iamjanitor.core.port.IamUserAdmin;
import io.jenkins.plugins.iamjanitor.core.port.TicketTracker;
import io.jenkins.plugins.iamjanitor.core.review.ReviewObserver;
import io.jenkins.plugins.iamjanitor.core.review.ReviewRecord;
import io.jenkins.plugins.iamjanitor.integrations.aws.AwsClients;
import io.jenkins.plugins.iamjanitor.integrations.aws.AwsCredentialsSource;
import io.jenkins.plugins.iamjanitor.integrations.aws.AwsIamDirectory;
import io.jenkins.plugins.iamjanitor.integrations.aws.AwsIamUserAdmin;
import io.jenkins.plugins.iamjanitor.integrations.aws.AwsSettings;
import io.jenkins.plugins.iamjanitor.integrations.aws.cloudtrail.AwsCloudTrailActivityLog;
import io.jenkins.plugins.iamjanitor.integrations.aws.cloudtrail.CloudTrailClientFactory;
import io.jenkins.plugins.iamjanitor.integrations.aws.cloudtrail.CloudTrailSettings;
import io.jenkins.plugins.iamjanitor.integrations.backup.JsonBackupStore;
import io.jenkins.plugins.iamjanitor.integrations.jira.JiraCredentials;
import io.jenkins.plugins.iamjanitor.integrations.jira.JiraFlavour;
import io.jenkins.plugins.iamjanitor.integrations.jira.JiraRestClient;
import io.jenkins.plugins.iamjanitor.integrations.jira.JiraSettings;
import io.jenkins.plugins.iamjanitor.integrations.jira.JiraTicketTracker;
import io.jenkins.plugins.iamjanitor.sandbox.jira.JiraScenario;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * One {@code review --execute} as its own process, the way the CLI runs it (the CLI's {@link ReviewRunner}: state
 * directory lock, JSON review records, JSON backups), against IAM, CloudTrail and Jira emulators living in the soak's
 * process, so that they survive when this process is SIGKILLed. Approvals are {@link ScriptedApprovals} (the same
 * answers on every run). Exit code: the CLI's (0 done, 1 not every approved user handled), 3 on an error.
 *
 * <p>Arguments: iam-url trail-url jira-url work-dir max-deletions approve-share seed
 */
public final class ReviewSoakChild {
    private ReviewSoakChild() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        try {
            System.exit(run(args, out));
        } catch (RuntimeException e) {
            out.println("error: " + e.getMessage());
            out.flush();
            System.exit(3);
        }
    }

    static int run(String[] args, PrintWriter out) {
        URI iam = URI.create(args[0]);
        URI trail = URI.create(args[1]);
        URI jira = URI.create(args[2]);
        Path work = Path.of(args[3]);
        int cap = Integer.parseInt(args[4]);
        double approveShare = Double.parseDouble(args[5]);
        long seed = Long.parseLong(args[6]);
        Clock clock = Clock.systemUTC();
        try (Services services = new Services(iam, trail, jira, approveShare, seed, clock)) {
            // Unknown activity does not block, as in the in-process soak: every kind of dependent gets deleted.
            PolicySettings policy = new PolicySettings(Duration.ofDays(21), false, null);
            ReviewRunner.Options options = new ReviewRunner.Options(true, cap, Duration.ofMinutes(5), "#soak",
                    List.of("U0SOAK"), List.of("us-east-1"), "Done", null, false, work.resolve("state"),
                    work.resolve("reports"), Map.of());
            ReviewRecord r = new ReviewRunner(services, policy, new JsonBackupStore(work.resolve("backups"), clock),
                    options, clock).run(line -> {
                        out.println(line);
                        out.flush();
                    }, ReviewObserver.NONE, null);
            return ReviewRunner.summarize(r, out);
        }
    }

    /** The emulators behind the real adapters. */
    private static final class Services implements ReviewServices {
        private final AwsClients clients;
        private final CloudTrailClientFactory trails;
        private final AwsIamDirectory directory;
        private final AwsIamUserAdmin admin;
        private final ScriptedApprovals approvals;
        private final JiraTicketTracker tickets;
        private final AwsCloudTrailActivityLog activity;
        private final String accountId;

        Services(URI iam, URI trail, URI jira, double approveShare, long seed, Clock clock) {
            clients = new AwsClients(new AwsSettings("us-east-1", iam, null, new AwsCredentialsSource.Static(
                    "AKIABENCHEXAMPLE", "bench-not-a-secret", null), 10, Duration.ofMillis(50),
                    Duration.ofMinutes(5)));
            directory = new AwsIamDirectory(clients.iam(), new AwsIamDirectory.Options(true, 1000, 30,
                    Duration.ofMillis(20)), d -> Thread.sleep(d.toMillis()));
            admin = new AwsIamUserAdmin(clients.iam());
            trails = new CloudTrailClientFactory(trail, StaticCredentialsProvider.create(AwsBasicCredentials.create(
                    "AKIABENCHEXAMPLE", "bench-not-a-secret")), Duration.ofSeconds(30));
            activity = new AwsCloudTrailActivityLog(new CloudTrailSettings(List.of("us-east-1"), 500, 4, 10,
                    Duration.ofMillis(20), Duration.ofSeconds(2)), trails);
            approvals = new ScriptedApprovals(approveShare, seed, clock);
            tickets = new JiraTicketTracker(JiraRestClient.create(jira, JiraCredentials.cloud(
                    JiraScenario.DEFAULT_EMAIL, JiraScenario.DEFAULT_API_TOKEN), JiraFlavour.CLOUD),
                    JiraSettings.of(jira, "SEC").withDryRun(false), line -> { });
            accountId = clients.sts().getCallerIdentity().account();
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
        public io.jenkins.plugins.iamjanitor.core.port.IamQuarantineAdmin quarantineAdmin() {
            // This soak deletes; the review still sweeps earlier quarantines (there are none here).
            return new io.jenkins.plugins.iamjanitor.integrations.aws.AwsIamQuarantineAdmin(clients.iam());
        }

        @Override
        public void preflight(io.jenkins.plugins.iamjanitor.integrations.preflight.Preflight preflight,
                String slackChannel) {
            // The soak's emulators are started by the parent a moment before; nothing to check.
        }

        @Override
        public void close() {
            trails.close();
            clients.close();
        }
    }
}
