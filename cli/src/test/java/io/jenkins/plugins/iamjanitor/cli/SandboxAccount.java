package io.jenkins.plugins.iamjanitor.cli;

import io.jenkins.plugins.iamjanitor.core.approval.ApprovalRecord;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionSettings;
import io.jenkins.plugins.iamjanitor.core.deletion.UserDeleter;
import io.jenkins.plugins.iamjanitor.core.policy.InactivityPolicy;
import io.jenkins.plugins.iamjanitor.core.policy.PolicySettings;
import io.jenkins.plugins.iamjanitor.core.port.IamUserAdmin;
import io.jenkins.plugins.iamjanitor.integrations.aws.AwsClients;
import io.jenkins.plugins.iamjanitor.integrations.aws.AwsIamDirectory;
import io.jenkins.plugins.iamjanitor.integrations.aws.AwsIamUserAdmin;
import io.jenkins.plugins.iamjanitor.integrations.aws.AwsSettings;
import io.jenkins.plugins.iamjanitor.integrations.backup.JsonBackupStore;
import io.jenkins.plugins.iamjanitor.sandbox.Sandbox;
import io.jenkins.plugins.iamjanitor.sandbox.Scenario;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import software.amazon.awssdk.services.iam.IamClient;

/** The sandbox plus the real SDK adapters and the core deleter wired the way the CLI wires them. */
final class SandboxAccount implements AutoCloseable {
    final Sandbox sandbox;
    final AwsClients clients;
    final IamClient iam;
    final AwsIamDirectory directory;
    final AwsIamUserAdmin admin;
    final JsonBackupStore backups;
    final Clock clock = Clock.systemUTC();

    SandboxAccount(Scenario scenario, Path backupDir) {
        sandbox = Sandbox.start(scenario, 0);
        // Few, fast retries: the tests inject faults on purpose and must not wait on real backoff.
        clients = new AwsClients(new AwsSettings(null, sandbox.iamEndpoint(), null, Target.SANDBOX_CREDENTIALS, 3,
                Duration.ofMillis(1), Duration.ofSeconds(30)));
        iam = clients.iam();
        directory = new AwsIamDirectory(iam);
        admin = new AwsIamUserAdmin(iam);
        backups = new JsonBackupStore(backupDir, clock);
    }

    static Scenario resource(String name) {
        try (InputStream in = SandboxAccount.class.getResourceAsStream("/" + name)) {
            return Scenario.parse(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * zed holds SSH keys, certificates and service-specific credentials, which carry no last-use date: the teardown
     * tests run as a scan with {@code --unknown-activity ignore} would (the default blocks them at the re-check).
     */
    PolicySettings policy = new PolicySettings(java.time.Duration.ofDays(PolicySettings.DEFAULT_DAYS), false, null);

    UserDeleter deleter(IamUserAdmin adminToUse, boolean dryRun, int cap) {
        return new UserDeleter(directory, adminToUse, backups,
                new InactivityPolicy(policy, clock), new DeletionSettings(dryRun, cap), clock);
    }

    ApprovalRecord approval(String user, int evidenceDaysAgo) {
        Instant now = clock.instant();
        return new ApprovalRecord(user, "ann", "Ann Approver", now, "cli", "SEC-7",
                now.minus(Duration.ofDays(evidenceDaysAgo)));
    }

    @Override
    public void close() {
        iam.close();
        clients.close();
        sandbox.close();
    }
}
