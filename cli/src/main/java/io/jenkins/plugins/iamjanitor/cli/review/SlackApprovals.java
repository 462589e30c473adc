package io.jenkins.plugins.iamjanitor.cli.review;

import io.jenkins.plugins.iamjanitor.core.approval.ApprovalHandle;
import io.jenkins.plugins.iamjanitor.core.approval.ApprovalOutcome;
import io.jenkins.plugins.iamjanitor.core.approval.ApprovalRequest;
import io.jenkins.plugins.iamjanitor.core.approval.DecisionFeed;
import io.jenkins.plugins.iamjanitor.core.approval.DecisionListener;
import io.jenkins.plugins.iamjanitor.core.approval.UserDecision;
import io.jenkins.plugins.iamjanitor.core.port.ApprovalChannel;
import io.jenkins.plugins.iamjanitor.core.review.ApprovalResumption;
import io.jenkins.plugins.iamjanitor.integrations.slack.SlackApprovalChannel;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * The Slack channel as a review sees it: a resumed review re-registers the request an earlier process posted, so clicks
 * on those messages count again, instead of posting it anew; decisions are fed to the waiting review as they arrive.
 */
final class SlackApprovals implements ApprovalChannel, ApprovalResumption, DecisionFeed {
    private final SlackApprovalChannel slack;

    SlackApprovals(SlackApprovalChannel slack) {
        this.slack = slack;
    }

    @Override
    public ApprovalHandle post(ApprovalRequest request) {
        return slack.post(request);
    }

    @Override
    public ApprovalOutcome await(ApprovalHandle handle, Duration timeout) {
        return slack.await(handle, timeout);
    }

    @Override
    public void resume(ApprovalRequest request, ApprovalHandle handle) {
        resume(request, handle, List.of());
    }

    /** The decisions an earlier process saved stand; clicks on them are "already decided". */
    @Override
    public void resume(ApprovalRequest request, ApprovalHandle handle, List<UserDecision> earlier) {
        if (!slack.knows(request.reviewId())) {
            slack.resume(request, handle, earlier);
        }
    }

    @Override
    public void addDecisionListener(DecisionListener listener) {
        slack.decisions().addListener(listener);
    }

    @Override
    public void removeDecisionListener(DecisionListener listener) {
        slack.decisions().removeListener(listener);
    }

    @Override
    public AutoCloseable followDecisions(String reviewId, Consumer<UserDecision> listener) {
        DecisionListener follower = new DecisionListener() {
            @Override
            public void onDecision(String id, UserDecision decision) {
                if (id.equals(reviewId)) {
                    listener.accept(decision);
                }
            }

            @Override
            public void onReviewComplete(ApprovalOutcome outcome) {
                // the workflow takes the whole outcome from await
            }
        };
        slack.decisions().addListener(follower);
        return () -> slack.decisions().removeListener(follower);
    }
}
