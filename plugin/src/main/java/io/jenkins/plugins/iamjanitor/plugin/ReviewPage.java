package io.jenkins.plugins.iamjanitor.plugin;

import hudson.model.User;
import io.jenkins.plugins.iamjanitor.core.approval.Decision;
import io.jenkins.plugins.iamjanitor.core.approval.DecisionResult;
import io.jenkins.plugins.iamjanitor.core.approval.UserDecision;
import io.jenkins.plugins.iamjanitor.core.policy.CredentialEvidence;
import io.jenkins.plugins.iamjanitor.core.policy.Verdict;
import io.jenkins.plugins.iamjanitor.core.review.ReviewRecord;
import io.jenkins.plugins.iamjanitor.plugin.review.BuildReview;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import jenkins.model.Jenkins;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.HttpResponses;
import org.springframework.security.core.GrantedAuthority;

/**
 * The model of a build's "IAM review" page (BuildReview/index.jelly) and what its Approve/Keep buttons do. The page
 * shows the recorded review; the buttons only work while {@code slackAskApproval} waits, for configured Jenkins
 * approvers, never about their own IAM user.
 */
public final class ReviewPage {
    private final BuildReview review;
    private final ReviewRecord record;

    public ReviewPage(BuildReview review) {
        this.review = review;
        this.record = review.record();
    }

    /** One flagged user as the page shows it (bean getters: Jelly reads properties, not record accessors). */
    public static final class Row {
        private final String userName;
        private final String inactive;
        private final String reason;
        private final String evidence;
        private final UserDecision decision;

        Row(Verdict v, UserDecision decision) {
            this.userName = v.user().userName();
            this.inactive = v.daysInactive() < 0 ? "never active" : v.daysInactive() + " days";
            this.reason = v.reason();
            this.evidence = ReviewPage.evidence(v);
            this.decision = decision;
        }

        public String getUserName() {
            return userName;
        }

        public String getInactive() {
            return inactive;
        }

        public String getReason() {
            return reason;
        }

        public String getEvidence() {
            return evidence;
        }

        public String getDecision() {
            return decision == null ? null : decision.decision().name();
        }

        public String getDecidedBy() {
            return decision == null ? null
                    : decision.approverName() + " (" + decision.channel() + ", " + decision.decidedAt() + ")";
        }

        public boolean isUndecided() {
            return decision == null;
        }
    }

    public List<Row> getRows() {
        List<Row> rows = new ArrayList<>();
        for (Verdict v : record.candidates()) {
            rows.add(new Row(v, record.decisionFor(v.user().userName()).orElse(null)));
        }
        return rows;
    }

    /** Whether slackAskApproval waits for this review now, so the buttons can do something. */
    public boolean isWaiting() {
        return ApprovalWaits.get().waitingFor(review.getReviewId()) != null;
    }

    public String getStatus() {
        if (isWaiting()) {
            return "Waiting for approval: choose Approve (may be deleted) or Keep for each user.";
        }
        if (record.approval() == null) {
            return "No approval was asked for yet.";
        }
        return record.approval().timedOut() ? "Approval ended (timed out or stopped); undecided users are kept."
                : "Approval finished.";
    }

    private static String evidence(Verdict v) {
        List<String> parts = new ArrayList<>();
        for (CredentialEvidence e : v.evidence()) {
            parts.add(e.kind() + (e.id() == null ? "" : " " + e.id()) + ": " + e.basis()
                    + (e.date() == null ? "" : " " + e.date()) + (e.detail() == null ? "" : " (" + e.detail() + ")"));
        }
        return String.join("; ", parts);
    }

    /** POST {@code decide?user=&decision=APPROVE|KEEP} (crumb checked by Jenkins' filter). */
    public static HttpResponse decide(BuildReview review, String user, String decision) {
        User me = User.current();
        if (me == null) {
            return HttpResponses.errorWithoutStack(403, "Log in to decide on this review.");
        }
        Decision d;
        try {
            d = Decision.valueOf(String.valueOf(decision).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return HttpResponses.errorWithoutStack(400, "decision must be APPROVE or KEEP");
        }
        ApprovalStepExecution waiting = ApprovalWaits.get().waitingFor(review.getReviewId());
        if (waiting == null) {
            return HttpResponses.errorWithoutStack(409, "This review is not waiting for approval.");
        }
        List<String> groups = Jenkins.getAuthentication2().getAuthorities().stream()
                .map(GrantedAuthority::getAuthority).toList();
        JenkinsApprover who = new JenkinsApprover(me.getId(), me.getFullName(), null, groups);
        DecisionResult result = waiting.decideInJenkins(user, d, who);
        return switch (result.status()) {
            case RECORDED -> HttpResponses.redirectTo(".");
            case NOT_AUTHORISED, SELF_APPROVAL -> HttpResponses.errorWithoutStack(403, result.message());
            case UNKNOWN_USER -> HttpResponses.errorWithoutStack(404, result.message());
            default -> HttpResponses.errorWithoutStack(409, result.message());
        };
    }
}
