package io.jenkins.plugins.iamjanitor.cli.review;

import io.jenkins.plugins.iamjanitor.core.port.ActivityLog;
import io.jenkins.plugins.iamjanitor.core.port.ApprovalChannel;
import io.jenkins.plugins.iamjanitor.core.port.IamDirectory;
import io.jenkins.plugins.iamjanitor.core.port.IamQuarantineAdmin;
import io.jenkins.plugins.iamjanitor.core.port.IamUserAdmin;
import io.jenkins.plugins.iamjanitor.core.port.ReviewNotifier;
import io.jenkins.plugins.iamjanitor.core.port.TicketTracker;
import io.jenkins.plugins.iamjanitor.integrations.aws.AwsSettings;
import io.jenkins.plugins.iamjanitor.integrations.preflight.Preflight;

/**
 * One member account's review services: IAM through that account's own assumed-role session, Slack, Jira and
 * CloudTrail shared with the other accounts of the run (the sandbox organisation has one of each). Closing it closes
 * only the account's session.
 */
public final class AccountReviewServices implements ReviewServices {
    private final String accountId;
    private final IamDirectory directory;
    private final IamUserAdmin admin;
    private final IamQuarantineAdmin quarantineAdmin;
    private final AwsSettings aws;
    private final ReviewServices shared;
    private final AutoCloseable session;

    /** @param aws the account's own settings (its assumed role), checked by the pre-flight */
    public AccountReviewServices(String accountId, IamDirectory directory, IamUserAdmin admin,
            IamQuarantineAdmin quarantineAdmin, AwsSettings aws, ReviewServices shared, AutoCloseable session) {
        this.accountId = accountId;
        this.directory = directory;
        this.admin = admin;
        this.quarantineAdmin = quarantineAdmin;
        this.aws = aws;
        this.shared = shared;
        this.session = session;
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
        return shared.notifier();
    }

    /** This account's role, then the shared Slack and Jira (and the shared services' own AWS, for CloudTrail). */
    @Override
    public void preflight(Preflight preflight, String slackChannel) {
        preflight.aws(aws, accountId);
        shared.preflight(preflight, slackChannel);
    }

    @Override
    public ApprovalChannel approvals() {
        return shared.approvals();
    }

    @Override
    public TicketTracker tickets() {
        return shared.tickets();
    }

    @Override
    public ActivityLog activity() {
        return shared.activity();
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (Exception e) {
            // closing a session only releases its HTTP client; nothing to report
        }
    }
}
