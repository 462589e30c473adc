package io.jenkins.plugins.iamjanitor.core.review;

import io.jenkins.plugins.iamjanitor.core.approval.UserDecision;
import java.util.List;
import java.util.function.Consumer;
import io.jenkins.plugins.iamjanitor.core.approval.ApprovalHandle;
import io.jenkins.plugins.iamjanitor.core.approval.ApprovalRequest;

/**
 * Implemented by an {@link io.jenkins.plugins.iamjanitor.core.port.ApprovalChannel} that keeps posted requests in
 * memory (Slack): a review resumed in a new process calls this before waiting again on a request posted by the
 * earlier process, instead of posting it a second time.
 */
@FunctionalInterface
public interface ApprovalResumption {

    void resume(ApprovalRequest request, ApprovalHandle handle);

    /**
     * As {@link #resume(ApprovalRequest, ApprovalHandle)}, with the decisions recorded before the earlier process
     * stopped: they stand (Slack shows them as decided), and only the rest is still open.
     */
    default void resume(ApprovalRequest request, ApprovalHandle handle, List<UserDecision> earlier) {
        resume(request, handle);
    }

    /**
     * Tells {@code listener} about each decision of the review as it is recorded, so the review record can keep it
     * before the whole outcome is in. Closing the result stops it. Default: the channel cannot (nothing is told).
     */
    default AutoCloseable followDecisions(String reviewId, Consumer<UserDecision> listener) {
        return () -> { };
    }
}
