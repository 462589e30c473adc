package io.jenkins.plugins.iamjanitor.integrations.slack;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.jenkins.plugins.iamjanitor.core.port.ReviewNotifier;
import io.jenkins.plugins.iamjanitor.core.review.ReviewRecord;
import java.util.List;

/**
 * Posts a review's follow-ups (quarantined users deleted, wanted back, released) in the channel the approval was
 * asked in, as a reply in the thread of the review message so the approvers see it where they decided.
 */
public final class SlackReviewNotifier implements ReviewNotifier {
    private static final int MAX_SECTION = 2900;
    private final SlackWebClient slack;
    private final String fallbackChannel;

    /** @param fallbackChannel used when the record holds no Slack handle (e.g. approved on the Jenkins page) */
    public SlackReviewNotifier(SlackWebClient slack, String fallbackChannel) {
        this.slack = slack;
        this.fallbackChannel = fallbackChannel;
    }

    @Override
    public void notify(ReviewRecord record, String title, List<String> lines) {
        String channel = record.approvalHandle() != null ? record.approvalHandle().channel() : fallbackChannel;
        if (channel == null) {
            return;
        }
        String header = "*" + title + "* - review " + record.reviewId()
                + (record.ticket() == null ? "" : " (" + record.ticket().key() + ")");
        String body = String.join("\n", lines);
        if (body.length() > MAX_SECTION) {
            body = body.substring(0, MAX_SECTION) + "\n... (see the ticket and the report)";
        }
        ArrayNode blocks = slack.json().createArrayNode();
        blocks.addObject().put("type", "section").putObject("text").put("type", "mrkdwn").put("text", header);
        blocks.addObject().put("type", "section").putObject("text").put("type", "mrkdwn").put("text", body);
        slack.postMessage(channel, title + " - review " + record.reviewId(), blocks);
    }
}
