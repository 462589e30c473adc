package io.jenkins.plugins.iamjanitor.cli.review;

import io.jenkins.plugins.iamjanitor.core.port.ActivityLog;
import io.jenkins.plugins.iamjanitor.core.port.ApprovalChannel;
import io.jenkins.plugins.iamjanitor.core.port.IamDirectory;
import io.jenkins.plugins.iamjanitor.core.port.IamUserAdmin;
import io.jenkins.plugins.iamjanitor.core.port.TicketTracker;

/**
 * One member account's review services: IAM through that account's own assumed-role session, Slack, Jira and
 * CloudTrail shared with the other accounts of the run (the sandbox organisation has one of each). Closing it closes
 * only the account's session.
 */
public final class AccountReviewServices implements ReviewServices {
    private final String accountId;
    private final IamDirectory directory;
    private final IamUserAdmin admin;
    private final ReviewServices shared;
    private final AutoCloseable session;

    public AccountReviewServices(String accountId, IamDirectory directory, IamUserAdmin admin, ReviewServices shared,
            AutoCloseable session) {
        this.accountId = accountId;
        this.directory = directory;
        this.admin = admin;
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
