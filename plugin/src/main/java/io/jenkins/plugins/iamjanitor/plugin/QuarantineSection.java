package io.jenkins.plugins.iamjanitor.plugin;

import hudson.model.Run;
import hudson.model.User;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionResult;
import io.jenkins.plugins.iamjanitor.core.port.ServiceException;
import io.jenkins.plugins.iamjanitor.core.review.ReviewRecord;
import io.jenkins.plugins.iamjanitor.core.review.UserStage;
import io.jenkins.plugins.iamjanitor.plugin.review.BuildReview;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jenkins.model.Jenkins;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.HttpResponses;
import org.springframework.security.core.GrantedAuthority;

/**
 * The review page's "Quarantine" section (BuildReview/index.jelly) and its Release button. The stages come from the
 * job's vault (the sweep and releases write there), falling back to the build's record. Who may release: a configured
 * Jenkins approver (the people who decide on reviews) or a Jenkins administrator, never about their own IAM user; the
 * job must be allowed to use the AWS identity. The release is recorded as {@code jenkins:<user id>}.
 */
public final class QuarantineSection {
    // A release from the page has no build log: its progress goes to the Jenkins system log (the outcome is recorded
    // on the review, its ticket and Slack).
    private static final java.util.logging.Logger LOGGER =
            java.util.logging.Logger.getLogger(QuarantineSection.class.getName());

    private final BuildReview review;
    private final ReviewRecord record;

    public QuarantineSection(BuildReview review) {
        this.review = review;
        this.record = QuarantineVaults.current(QuarantineVaults.get().of(review.getRun().getParent()), review);
    }

    /** One quarantined (or formerly quarantined) user as the page shows it. */
    public static final class Row {
        private final String userName;
        private final String stage;
        private final String nextDate;
        private final boolean releasable;

        Row(String userName, String stage, String nextDate, boolean releasable) {
            this.userName = userName;
            this.stage = stage;
            this.nextDate = nextDate;
            this.releasable = releasable;
        }

        public String getUserName() {
            return userName;
        }

        public String getStage() {
            return stage;
        }

        public String getNextDate() {
            return nextDate;
        }

        public boolean isReleasable() {
            return releasable;
        }
    }

    public List<Row> getRows() {
        List<Row> rows = new ArrayList<>();
        for (DeletionResult d : record.deletions()) {
            if (d.quarantine() != null && d.quarantine().since() != null) {
                UserStage s = UserStage.of(record, d.userName());
                rows.add(new Row(d.userName(), s.describe(), s.nextDate(),
                        !record.dryRun() && QuarantineVault.releasable(d)));
            }
        }
        return rows;
    }

    /** Whether the current user may press Release (the POST checks again). */
    public boolean isMayRelease() {
        return refusal() == null;
    }

    private static String refusal() {
        User me = User.current();
        if (me == null) {
            return "Log in to release a quarantined user.";
        }
        if (Jenkins.get().hasPermission(Jenkins.ADMINISTER)) {
            return null;
        }
        List<String> groups = Jenkins.getAuthentication2().getAuthorities().stream()
                .map(GrantedAuthority::getAuthority).toList();
        JenkinsApprover who = new JenkinsApprover(me.getId(), me.getFullName(), null, groups);
        return who.allowedBy(IamJanitorConfiguration.split(IamJanitorConfiguration.get().getJenkinsApprovers()))
                ? null : "Only a configured Jenkins approver or an administrator may release a quarantined user.";
    }

    /** POST {@code release?user=} (crumb checked by Jenkins' filter, POST by the caller's {@code @RequirePOST}). */
    public static HttpResponse release(BuildReview review, String user) {
        String refused = refusal();
        if (refused != null) {
            return HttpResponses.errorWithoutStack(403, refused);
        }
        User me = User.current();
        if (user == null || user.isBlank()) {
            return HttpResponses.errorWithoutStack(400, "user is required");
        }
        if (me.getId().equalsIgnoreCase(user)) {
            return HttpResponses.errorWithoutStack(403, "Nobody releases their own IAM user.");
        }
        Run<?, ?> run = review.getRun();
        QuarantineVault vault = QuarantineVaults.get().of(run.getParent());
        JobAuthority authority = JobAuthority.of(IamJanitorConfiguration.get());
        String job = run.getParent().getFullName();
        try (JanitorServices services = JenkinsJanitorServices.forRun(run)) {
            JobQuarantineRelease release = new JobQuarantineRelease(vault, services,
                    QuarantineVaults.reports(run.getParent(), vault),
                    (target, ownRole) -> authority.check(job, target, ownRole));
            Optional<Object> done = vault.tryLocked(10, () -> release.release(user, review.getReviewId(),
                    "jenkins:" + me.getId(), false, line -> LOGGER.info(() -> "Release by " + me.getId() + " in "
                            + job + ": " + line)));
            return done.isPresent() ? HttpResponses.redirectTo(".")
                    : HttpResponses.errorWithoutStack(409, "A quarantine sweep or release of this job is running;"
                            + " try again when it ends.");
        } catch (IllegalArgumentException e) {
            return HttpResponses.errorWithoutStack(409, e.getMessage());
        } catch (ServiceException e) {
            return HttpResponses.errorWithoutStack(502, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return HttpResponses.errorWithoutStack(503, "interrupted");
        } catch (Exception e) {
            return HttpResponses.errorWithoutStack(500, "release failed: " + e.getMessage());
        }
    }
}
