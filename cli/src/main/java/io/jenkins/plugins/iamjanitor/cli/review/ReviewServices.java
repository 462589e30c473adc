package io.jenkins.plugins.iamjanitor.cli.review;

import io.jenkins.plugins.iamjanitor.core.port.ActivityLog;
import io.jenkins.plugins.iamjanitor.core.port.ApprovalChannel;
import io.jenkins.plugins.iamjanitor.core.port.IamDirectory;
import io.jenkins.plugins.iamjanitor.core.port.IamQuarantineAdmin;
import io.jenkins.plugins.iamjanitor.core.port.IamUserAdmin;
import io.jenkins.plugins.iamjanitor.core.port.ReviewNotifier;
import io.jenkins.plugins.iamjanitor.core.port.TicketTracker;
import io.jenkins.plugins.iamjanitor.integrations.preflight.Preflight;

/**
 * The external systems one review talks to, already connected: real AWS, Slack and Jira, or the sandbox's emulators.
 * Closing it closes the clients (and stops the sandbox).
 */
public interface ReviewServices extends AutoCloseable {

    /** The AWS account under review. */
    String accountId();

    IamDirectory directory();

    IamUserAdmin admin();

    /** The reversible calls of a quarantine and its release. */
    IamQuarantineAdmin quarantineAdmin();

    /** Tells approvers about quarantine follow-ups where they were asked; silent by default. */
    default ReviewNotifier notifier() {
        return ReviewNotifier.NONE;
    }

    ApprovalChannel approvals();

    TicketTracker tickets();

    ActivityLog activity();

    /**
     * Checks, with single-attempt clients, that Slack (bot token, the channel) and Jira (credentials, the project)
     * will work, before the review asks anyone anything; AWS is checked before the services are connected.
     *
     * @throws io.jenkins.plugins.iamjanitor.integrations.preflight.PreflightException naming what to fix
     */
    void preflight(Preflight preflight, String slackChannel);

    @Override
    void close();
}
