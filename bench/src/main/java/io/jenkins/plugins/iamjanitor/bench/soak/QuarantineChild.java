package io.jenkins.plugins.iamjanitor.bench.soak;

import io.jenkins.plugins.iamjanitor.core.approval.ApprovalRecord;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionResult;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionSettings;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionStatus;
import io.jenkins.plugins.iamjanitor.core.policy.InactivityPolicy;
import io.jenkins.plugins.iamjanitor.core.policy.PolicySettings;
import io.jenkins.plugins.iamjanitor.core.quarantine.QuarantineSettings;
import io.jenkins.plugins.iamjanitor.core.quarantine.RemediationAction;
import io.jenkins.plugins.iamjanitor.core.quarantine.UserQuarantiner;
import io.jenkins.plugins.iamjanitor.integrations.aws.AwsClients;
import io.jenkins.plugins.iamjanitor.integrations.aws.AwsCredentialsSource;
import io.jenkins.plugins.iamjanitor.integrations.aws.AwsIamDirectory;
import io.jenkins.plugins.iamjanitor.integrations.aws.AwsIamQuarantineAdmin;
import io.jenkins.plugins.iamjanitor.integrations.aws.AwsIamUserAdmin;
import io.jenkins.plugins.iamjanitor.integrations.aws.AwsSettings;
import io.jenkins.plugins.iamjanitor.integrations.backup.JsonBackupStore;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * The quarantine of a review's approved users as a process of its own, for the kill soak to SIGKILL: core's
 * {@link UserQuarantiner} on the real AWS adapters, the approvals fixed by the parent (same approver and dates on
 * every run, as a review record would give them). Exit 0 when every user ended quarantined or kept.
 *
 * <p>Arguments: {@code ENDPOINT BACKUP_DIR APPROVED_AT_EPOCH_MILLIS USER...}; credentials from the environment.
 */
public final class QuarantineChild {
    static final String REVIEW_ID = "soak-review";

    private QuarantineChild() {
    }

    public static void main(String[] args) {
        URI endpoint = URI.create(args[0]);
        Path backups = Path.of(args[1]);
        Instant approvedAt = Instant.ofEpochMilli(Long.parseLong(args[2]));
        List<String> users = Arrays.asList(args).subList(3, args.length);
        Clock clock = Clock.systemUTC();
        AwsCredentialsSource credentials = new AwsCredentialsSource.Static(System.getenv("AWS_ACCESS_KEY_ID"),
                System.getenv("AWS_SECRET_ACCESS_KEY"), null);
        try (AwsClients aws = new AwsClients(new AwsSettings("us-east-1", endpoint, null, credentials, 8,
                Duration.ofMillis(20), null))) {
            UserQuarantiner quarantiner = new UserQuarantiner(new AwsIamDirectory(aws.iam()),
                    new AwsIamUserAdmin(aws.iam()), new AwsIamQuarantineAdmin(aws.iam()),
                    new JsonBackupStore(backups, clock), new InactivityPolicy(PolicySettings.defaults(), clock),
                    new DeletionSettings(false, users.size()), new QuarantineSettings(RemediationAction.QUARANTINE,
                            QuarantineSettings.DEFAULT_DELETE_AFTER_DAYS, List.of()), () -> REVIEW_ID, clock);
            List<ApprovalRecord> approvals = users.stream().map(u -> new ApprovalRecord(u, "soak-approver",
                    "soak-approver", approvedAt, "soak", null, approvedAt)).toList();
            List<DeletionResult> results = quarantiner.quarantine(approvals, System.out::println);
            boolean failed = results.stream().anyMatch(r -> r.status() != DeletionStatus.QUARANTINED
                    && r.status() != DeletionStatus.KEPT);
            System.exit(failed ? 1 : 0);
        }
    }
}
