package io.jenkins.plugins.iamjanitor.plugin;

import io.jenkins.plugins.iamjanitor.core.approval.ApprovalHandle;
import io.jenkins.plugins.iamjanitor.core.approval.ApprovalRequest;
import io.jenkins.plugins.iamjanitor.core.policy.Verdict;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The state of a paused {@code slackAskApproval}: which channels ask whom, until when, and where the Slack messages
 * are. Strings and epoch millis only, so Pipeline persists it with the program. The decisions themselves live in the
 * build's review record (BuildReview), written as each one arrives.
 */
final class ApprovalWait implements Serializable {
    private static final long serialVersionUID = 2L;
    static final String WHERE_TO_CONFIGURE = "configure approvers in Manage Jenkins » System » IAM Janitor "
            + "(Slack 'Approvers' and/or 'Jenkins approvers')";

    private final String reviewId;
    private final boolean slack;
    private final String slackChannel;
    private final ArrayList<String> slackApprovers;
    private final ArrayList<String> jenkinsApprovers;
    private final String message;
    private final String buildUrl;
    private final long deadlineMillis;
    private String postedChannel;
    private ArrayList<String> messageIds;
    private boolean finished;

    private ApprovalWait(String reviewId, boolean slack, String slackChannel, List<String> slackApprovers,
            List<String> jenkinsApprovers, String message, String buildUrl, Instant deadline) {
        this.reviewId = reviewId;
        this.slack = slack;
        this.slackChannel = slackChannel;
        this.slackApprovers = new ArrayList<>(slackApprovers);
        this.jenkinsApprovers = new ArrayList<>(jenkinsApprovers);
        this.message = message;
        this.buildUrl = buildUrl;
        this.deadlineMillis = deadline.toEpochMilli();
    }

    /** What the administrator configured; a step's arguments can only choose among it. */
    record Configured(boolean slackConfigured, String defaultChannel, List<String> slackApprovers,
            List<String> jenkinsApprovers) {
    }

    /** What the Jenkinsfile asked for; null means "as configured". */
    record Asked(List<String> channels, String channel, List<String> approvers, List<String> jenkinsApprovers,
            String message) {
    }

    /**
     * Decides the channels and approvers. Approvers are narrowed, never widened: an approver the administrator did
     * not configure is refused, and with none configured nobody can approve (the step fails saying where to
     * configure them). Without Slack configured the build's IAM review page is the only channel.
     */
    static ApprovalWait plan(String reviewId, Configured config, Asked asked, String buildUrl, Instant deadline) {
        List<String> channels = asked.channels() == null ? null : normalise(asked.channels());
        if (channels != null && channels.contains("slack") && !config.slackConfigured()) {
            throw StepArguments.invalid("channels", "Slack is not configured (no bot token in Manage Jenkins » "
                    + "System » IAM Janitor); use channels: ['jenkins']");
        }
        List<String> slackApprovers = narrow("approvers", asked.approvers(), config.slackApprovers());
        List<String> jenkinsApprovers = narrow("jenkinsApprovers", asked.jenkinsApprovers(),
                config.jenkinsApprovers());
        boolean slack = channels == null ? config.slackConfigured() && !slackApprovers.isEmpty()
                : channels.contains("slack");
        boolean jenkins = channels == null || channels.contains("jenkins");
        if (slack && slackApprovers.isEmpty()) {
            throw StepArguments.invalid("approvers", "nobody can approve in Slack: " + WHERE_TO_CONFIGURE);
        }
        if (!jenkins) {
            jenkinsApprovers = List.of();
        }
        if (!slack && jenkinsApprovers.isEmpty()) {
            throw StepArguments.invalid("approvers", "nobody can approve: " + WHERE_TO_CONFIGURE);
        }
        String slackChannel = asked.channel() != null ? asked.channel() : config.defaultChannel();
        if (slack && slackChannel == null) {
            throw StepArguments.invalid("channel", "no Slack channel given and no default channel configured");
        }
        return new ApprovalWait(reviewId, slack, slack ? slackChannel : null, slack ? slackApprovers : List.of(),
                jenkinsApprovers, asked.message(), buildUrl, deadline);
    }

    private static List<String> normalise(List<String> channels) {
        List<String> out = new ArrayList<>();
        for (String c : StepArguments.strings("channels", channels)) {
            String v = c.trim().toLowerCase(Locale.ROOT);
            if (!v.equals("slack") && !v.equals("jenkins")) {
                throw StepArguments.invalid("channels", "'" + c + "' is neither slack nor jenkins");
            }
            out.add(v);
        }
        if (out.isEmpty()) {
            throw StepArguments.invalid("channels", "name at least one of slack, jenkins");
        }
        return out;
    }

    private static List<String> narrow(String argument, List<String> chosen, List<String> configured) {
        if (chosen == null) {
            return List.copyOf(configured);
        }
        List<String> ids = StepArguments.strings(argument, chosen);
        for (String id : ids) {
            if (configured.stream().noneMatch(c -> c.equalsIgnoreCase(id.trim()))) {
                throw StepArguments.invalid(argument, id + " is not a configured approver (a Jenkinsfile may narrow "
                        + "the configured approvers, never widen them); " + WHERE_TO_CONFIGURE);
            }
        }
        return ids.stream().map(String::trim).toList();
    }

    ApprovalRequest request(String accountId, List<Verdict> candidates) {
        return request(accountId, null, candidates);
    }

    /** @param accountAlias the alias the scan read from IAM (the review's record), shown beside the id; may be null */
    ApprovalRequest request(String accountId, String accountAlias, List<Verdict> candidates) {
        return new ApprovalRequest(reviewId, accountId, candidates, slackChannel, slackApprovers, message, buildUrl,
                null, accountAlias);
    }

    void posted(ApprovalHandle handle) {
        postedChannel = handle.channel();
        messageIds = new ArrayList<>(handle.messageIds());
    }

    /** Where the Slack messages are; null before they were posted. */
    ApprovalHandle handle() {
        return messageIds == null ? null : new ApprovalHandle(reviewId, postedChannel, messageIds);
    }

    String reviewId() {
        return reviewId;
    }

    boolean slack() {
        return slack;
    }

    String slackChannel() {
        return slackChannel;
    }

    List<String> jenkinsApprovers() {
        return List.copyOf(jenkinsApprovers);
    }

    Instant deadline() {
        return Instant.ofEpochMilli(deadlineMillis);
    }

    boolean finished() {
        return finished;
    }

    void finish() {
        finished = true;
    }

    String channelsText() {
        String page = jenkinsApprovers.isEmpty() ? "" : "the build's IAM review page (" + jenkinsApprovers + ")";
        String inSlack = slack ? "Slack " + slackChannel + " (" + slackApprovers + ")" : "";
        return page.isEmpty() ? inSlack : inSlack.isEmpty() ? page : inSlack + " and " + page;
    }
}
