package io.jenkins.plugins.iamjanitor.plugin;

import io.jenkins.plugins.iamjanitor.core.approval.ApprovalHandle;
import io.jenkins.plugins.iamjanitor.core.approval.ApprovalRequest;
import io.jenkins.plugins.iamjanitor.core.approval.UserDecision;
import java.util.List;

/**
 * Where clicks are judged and recorded while a {@code slackAskApproval} step waits (the core decision registry behind
 * the Slack channel). Posting a request opens its review; these calls cover the rest of its life.
 */
public interface ReviewRegistry {
    /** After a controller restart: clicks on the posted messages count again, with the decisions kept. */
    void resume(ApprovalRequest request, ApprovalHandle handle, List<UserDecision> earlier);

    /**
     * The decisions recorded so far for this review (empty when the review is not known here). A step reads them
     * right after posting and after a restart, so a click that arrived before the step could be reached still counts.
     */
    List<UserDecision> decisions(String reviewId);

    /**
     * A decision made in another channel (the Jenkins page), offered to the Slack review before it is recorded: the
     * registry keeps the first decision per user whichever channel made it, so both channels agree on who won.
     *
     * @return false when the registry already holds another decision about that user (that one stands); true when it
     *         holds this one, or does not know the review (nothing was posted to Slack)
     */
    boolean recordElsewhere(String reviewId, UserDecision decision);

    /** Shows the current decisions in the posted messages (network: call it off the request and CPS threads). */
    void refresh(String reviewId);

    /** The step is done (decided, timed out or stopped): late clicks change nothing and the messages say so. */
    void close(String reviewId);
}
