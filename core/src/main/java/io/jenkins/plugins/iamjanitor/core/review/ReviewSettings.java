package io.jenkins.plugins.iamjanitor.core.review;

import io.jenkins.plugins.iamjanitor.core.deletion.DeletionSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How one review runs.
 *
 * @param reviewId         resume or create this review; null: resume the account's unfinished review, else start
 *                         a new one with an id derived from the clock
 * @param accountId        the AWS account under review
 * @param approvalChannel  where to ask (Slack channel id or name)
 * @param approvers        who may decide (Slack user ids or user groups)
 * @param approvalTimeout  how long to wait for decisions; undecided users are not approved
 * @param message          intro line of the approval request; may be null
 * @param buildUrl         link to the Jenkins build; may be null
 * @param activityRegions  CloudTrail regions to search (us-east-1 first)
 * @param activityLookback how far back to look in CloudTrail (it keeps 90 days)
 * @param ticketFields     extra ticket fields (components, priority, assignee, custom fields)
 * @param doneStatus       the ticket status to move to once every approved user is handled, e.g. "Done"
 * @param deletion         dry-run and the per-review cap; the {@code UserDeleter} must be built with the same
 * @param accountAlias     the account's name, shown beside its id in the approval request and the ticket (an AWS
 *                         Organizations account name); may be null
 */
public record ReviewSettings(
        String reviewId,
        String accountId,
        String approvalChannel,
        List<String> approvers,
        Duration approvalTimeout,
        String message,
        String buildUrl,
        List<String> activityRegions,
        Duration activityLookback,
        Map<String, Object> ticketFields,
        String doneStatus,
        DeletionSettings deletion,
        String accountAlias) {

    public static final Duration DEFAULT_LOOKBACK = Duration.ofDays(90);

    public ReviewSettings {
        Objects.requireNonNull(accountId, "accountId");
        approvers = approvers == null ? List.of() : List.copyOf(approvers);
        Objects.requireNonNull(approvalTimeout, "approvalTimeout");
        activityRegions = activityRegions == null || activityRegions.isEmpty()
                ? List.of("us-east-1") : List.copyOf(activityRegions);
        activityLookback = activityLookback == null ? DEFAULT_LOOKBACK : activityLookback;
        ticketFields = ticketFields == null ? Map.of() : Map.copyOf(ticketFields);
        doneStatus = doneStatus == null || doneStatus.isBlank() ? "Done" : doneStatus;
        deletion = deletion == null ? DeletionSettings.defaults() : deletion;
    }

    /** Settings without an account alias. */
    public ReviewSettings(String reviewId, String accountId, String approvalChannel, List<String> approvers,
            Duration approvalTimeout, String message, String buildUrl, List<String> activityRegions,
            Duration activityLookback, Map<String, Object> ticketFields, String doneStatus,
            DeletionSettings deletion) {
        this(reviewId, accountId, approvalChannel, approvers, approvalTimeout, message, buildUrl, activityRegions,
                activityLookback, ticketFields, doneStatus, deletion, null);
    }

    public boolean dryRun() {
        return deletion.dryRun();
    }
}
