package io.jenkins.plugins.iamjanitor.core.approval;

import java.util.List;

/** Where a posted request lives, as plain strings so a paused Pipeline step can keep it across a restart. */
public record ApprovalHandle(String reviewId, String channel, List<String> messageIds) {
    public ApprovalHandle {
        messageIds = List.copyOf(messageIds);
    }
}
