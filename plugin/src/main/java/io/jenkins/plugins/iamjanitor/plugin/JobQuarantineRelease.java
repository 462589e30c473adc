package io.jenkins.plugins.iamjanitor.plugin;

import io.jenkins.plugins.iamjanitor.core.port.ProgressListener;
import io.jenkins.plugins.iamjanitor.core.port.ReportStore;
import io.jenkins.plugins.iamjanitor.core.port.ServiceException;
import io.jenkins.plugins.iamjanitor.core.port.TicketTracker;
import io.jenkins.plugins.iamjanitor.core.quarantine.QuarantinePorts;
import io.jenkins.plugins.iamjanitor.core.quarantine.QuarantineRelease;
import io.jenkins.plugins.iamjanitor.core.review.ReviewRecord;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * Releases a user a review of this job quarantined ({@code iamReleaseUser}, the review page's Release button): the core
 * {@link QuarantineRelease} on the job's {@link QuarantineVault}, with the AWS target the quarantine used, the ticket
 * comment, Slack and the rewritten reports. Never creates a console password: in Jenkins it could only reach a build log
 * or a page (the CLI's release writes it to a 0600 file). Call it holding the vault's lock.
 */
final class JobQuarantineRelease {
    private final QuarantineVault vault;
    private final JanitorServices services;
    private final ReportStore reports;
    private final BiConsumer<AwsTarget, Boolean> authority;

    JobQuarantineRelease(QuarantineVault vault, JanitorServices services, ReportStore reports,
            BiConsumer<AwsTarget, Boolean> authority) {
        this.vault = vault;
        this.services = services;
        this.reports = reports;
        this.authority = authority;
    }

    /**
     * @param reviewId the review the user must be quarantined by (the page's), or null: the newest of this job
     * @param by       who releases, recorded on the review ("jenkins:alice")
     * @throws IllegalArgumentException when no review of this job holds the user quarantined
     */
    QuarantineRelease.Outcome release(String user, String reviewId, String by, boolean dryRun,
            ProgressListener progress) {
        ReviewRecord record = (reviewId == null ? vault.holding(user) : vault.load(reviewId)
                .filter(r -> r.deletionFor(user).filter(QuarantineVault::releasable).isPresent()))
                .orElseThrow(() -> new IllegalArgumentException(user + " is not quarantined by "
                        + (reviewId == null ? "any review of this job" : "review " + reviewId)
                        + "; nothing to release"));
        QuarantineVault.Placement placement = vault.placement(record.reviewId()).orElseThrow(() ->
                new IllegalArgumentException("review " + record.reviewId() + " has no recorded AWS target"));
        AwsTarget configured = StepPolicy.adminAws(services.defaults());
        AwsTarget target = JobQuarantineSweep.withExternalId(placement.target(), configured);
        authority.accept(target, !Objects.equals(target.roleArn(), configured.roleArn()));
        String id = record.reviewId();
        QuarantinePorts ports = new QuarantinePorts(services.iamDirectory(target), services.iamUserAdmin(target),
                services.iamQuarantineAdmin(target), null, services.backupStore(vault.backupDir()),
                vault.store(r -> r.reviewId().equals(id)), null, tickets(progress), services.notifier(), reports);
        return new QuarantineRelease(ports, StepPolicy.global(services.defaults()).effective().jiraDoneStatus(),
                services.clock()).release(user, by, dryRun,
                null, progress);
    }

    private TicketTracker tickets(ProgressListener progress) {
        try {
            return services.ticketTracker(services.defaults().jiraProjectKey(), services.defaults().jiraIssueType());
        } catch (ServiceException e) {
            progress.progress("Ticket not updated: " + e.getMessage());
            return null;
        }
    }

    /** The refusal of {@code createLoginProfile} in Jenkins, in one line. */
    static final String NO_LOGIN_PROFILE = "createLoginProfile is not supported in Jenkins: the new console password"
            + " would reach a build log or a page. Release without it, then set one where only its owner sees it, e.g."
            + " 'aws iam create-login-profile --user-name USER --password-reset-required --password ...'";
}
