package io.jenkins.plugins.iamjanitor.plugin;

import io.jenkins.plugins.iamjanitor.core.org.AccountDirectory;
import io.jenkins.plugins.iamjanitor.core.port.ActivityLog;
import io.jenkins.plugins.iamjanitor.core.port.ApprovalChannel;
import io.jenkins.plugins.iamjanitor.core.port.BackupStore;
import io.jenkins.plugins.iamjanitor.core.port.IamDirectory;
import io.jenkins.plugins.iamjanitor.core.port.IamQuarantineAdmin;
import io.jenkins.plugins.iamjanitor.core.port.IamUserAdmin;
import io.jenkins.plugins.iamjanitor.core.port.ReviewNotifier;
import io.jenkins.plugins.iamjanitor.core.port.TicketTracker;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * Everything a step execution needs from the outside world, built from the global configuration and the credentials
 * store. Step executions depend on this interface only, so unit tests hand them test doubles.
 */
public interface JanitorServices extends AutoCloseable {
    Clock clock();

    JanitorDefaults defaults();

    IamDirectory iamDirectory(AwsTarget target);

    IamUserAdmin iamUserAdmin(AwsTarget target);

    /** The organisation's accounts, listed with {@code target}'s identity (management or delegated admin). */
    default AccountDirectory accountDirectory(AwsTarget target, boolean readTags) {
        throw new UnsupportedOperationException("no AWS Organizations adapter here");
    }

    ActivityLog activityLog(AwsTarget target);

    /** The quarantine and release calls (deny-all policy, key status, login profile, tags). */
    default IamQuarantineAdmin iamQuarantineAdmin(AwsTarget target) {
        throw new UnsupportedOperationException("no quarantine adapter here");
    }

    /** Tells a review's approvers about quarantine follow-ups (Slack); {@link ReviewNotifier#NONE} when unset. */
    default ReviewNotifier notifier() {
        return ReviewNotifier.NONE;
    }

    ApprovalChannel approvalChannel();

    ReviewRegistry reviews();

    TimeoutScheduler scheduler();

    TicketTracker ticketTracker(String projectKey, String issueType);

    BackupStore backupStore(Path directory);

    /** The build's own artifact directory: backups written below it are kept, served and deleted with the build. */
    Path artifactsDir();

    /** Link to the running build, for messages and tickets; null when unknown. */
    String buildUrl();

    /** Secret values currently in use, to mask in anything written to the build log. */
    List<String> secrets();

    /** Releases clients opened for this step. */
    @Override
    default void close() {
    }
}
