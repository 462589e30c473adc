package io.jenkins.plugins.iamjanitor.core.approval;

import java.time.Instant;
import java.util.List;

/**
 * Where a posted request lives, as plain strings so a paused Pipeline step can keep it across a restart.
 *
 * @param postedAt when the request was posted (null in records written before it was kept): a resumed review waits
 *                 only for what is left of the window
 */
public record ApprovalHandle(String reviewId, String channel, List<String> messageIds, Instant postedAt) {
    public ApprovalHandle {
        messageIds = List.copyOf(messageIds);
    }

    public ApprovalHandle(String reviewId, String channel, List<String> messageIds) {
        this(reviewId, channel, messageIds, null);
    }

    /** The same handle stamped with the time the request was posted: the approval window runs from there. */
    public ApprovalHandle postedAt(Instant when) {
        return new ApprovalHandle(reviewId, channel, messageIds, when);
    }
}
