package io.jenkins.plugins.iamjanitor.plugin;

import io.jenkins.plugins.iamjanitor.core.approval.Decision;
import io.jenkins.plugins.iamjanitor.core.approval.DecisionResult;
import io.jenkins.plugins.iamjanitor.core.approval.DecisionResult.Status;
import io.jenkins.plugins.iamjanitor.core.approval.UserDecision;
import io.jenkins.plugins.iamjanitor.core.policy.Verdict;
import java.time.Duration;
import java.util.List;

/**
 * A click on the build's IAM review page, judged for the paused step: only a configured Jenkins approver, never about
 * their own IAM user, the first decision per user standing across both channels. The decision then shows in Slack.
 */
final class JenkinsDecisions {
    private final ApprovalStepExecution execution;
    private final ApprovalWait wait;
    private final JanitorServices services;

    JenkinsDecisions(ApprovalStepExecution execution, ApprovalWait wait, JanitorServices services) {
        this.execution = execution;
        this.wait = wait;
        this.services = services;
    }

    DecisionResult decide(String userName, Decision decision, JenkinsApprover who) {
        ApprovalWait w = wait;
        if (w == null || !who.allowedBy(w.jenkinsApprovers())) {
            return new DecisionResult(Status.NOT_AUTHORISED, List.of(),
                    "You are not a Jenkins approver of this review; nothing was changed.");
        }
        if (w.finished()) {
            return new DecisionResult(Status.CLOSED, List.of(), "This review is no longer waiting; nothing changed.");
        }
        Verdict candidate = execution.review().record().candidate(userName).orElse(null);
        if (candidate == null) {
            return new DecisionResult(Status.UNKNOWN_USER, List.of(), userName + " is not part of this review.");
        }
        if (who.isSamePersonAs(candidate.user())) {
            return new DecisionResult(Status.SELF_APPROVAL, List.of(), "You cannot decide about your own account ("
                    + userName + "); ask another approver. Nothing was changed.");
        }
        UserDecision d = new UserDecision(userName, decision, who.id(), who.name(), services.clock().instant(),
                JenkinsApprover.CHANNEL);
        if (w.slack() && !offerToSlack(w, d)) {
            // A Slack click on this user won the race; it reaches the record through the registry's listener.
            return new DecisionResult(Status.ALREADY_DECIDED, List.of(), "Already decided; the first decision stands.");
        }
        DecisionResult result = execution.record(d);
        if (result.status() == Status.RECORDED && w.slack() && w.handle() != null) {
            ApprovalWaits.get().scheduler().schedule(Duration.ZERO,
                    () -> execution.slackQuietly(() -> services.reviews().refresh(w.reviewId())));
        }
        return result;
    }

    /** In-memory only (no network): the Slack registry arbitrates between a click and a page decision. */
    private boolean offerToSlack(ApprovalWait w, UserDecision d) {
        try {
            return services.reviews().recordElsewhere(w.reviewId(), d);
        } catch (RuntimeException e) {
            execution.progress("Slack: " + e.getMessage());
            return true;
        }
    }
}
