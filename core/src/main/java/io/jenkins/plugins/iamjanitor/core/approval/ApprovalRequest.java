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
 * @param accountAlias the account's name beside its id wherever users are named (an AWS Organizations account
 *                   name); may be null
 */
public record ApprovalRequest(
        String reviewId,
        String accountId,
        List<Verdict> candidates,
        String channel,
        List<String> approvers,
        String message,
        String buildUrl,
        String ticketUrl,
        String accountAlias) {
    public ApprovalRequest {
        candidates = List.copyOf(candidates);
        approvers = approvers == null ? List.of() : List.copyOf(approvers);
    }

    /** A request without an account alias. */
    public ApprovalRequest(String reviewId, String accountId, List<Verdict> candidates, String channel,
            List<String> approvers, String message, String buildUrl, String ticketUrl) {
        this(reviewId, accountId, candidates, channel, approvers, message, buildUrl, ticketUrl, null);
    }

    /** The account as people read it: {@code 123456789012 (prod-web)}, or the id alone without an alias. */
    public String accountLabel() {
        return accountAlias == null || accountAlias.isBlank() ? accountId : accountId + " (" + accountAlias + ")";
    }
}
