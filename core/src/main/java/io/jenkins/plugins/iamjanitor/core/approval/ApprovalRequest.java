package io.jenkins.plugins.iamjanitor.core.approval;

import io.jenkins.plugins.iamjanitor.core.policy.Verdict;
import java.util.List;

/**
 * What an approver is asked to decide.
 *
 * @param reviewId   stable id of the review (also the key that routes clicks back to it)
 * @param channel    where to ask (Slack channel id or name)
 * @param approvers  who may decide (Slack user ids or user-group ids/handles); empty means nobody
 * @param message    an optional intro line from the pipeline
 * @param buildUrl   link to the Jenkins build; may be null
 * @param ticketUrl  link to the review ticket; may be null
 */
public record ApprovalRequest(
        String reviewId,
        String accountId,
        List<Verdict> candidates,
        String channel,
        List<String> approvers,
        String message,
        String buildUrl,
        String ticketUrl) {
    public ApprovalRequest {
        candidates = List.copyOf(candidates);
        approvers = approvers == null ? List.of() : List.copyOf(approvers);
    }
}
