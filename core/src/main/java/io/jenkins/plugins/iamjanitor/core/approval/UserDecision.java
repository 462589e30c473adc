package io.jenkins.plugins.iamjanitor.core.approval;

import java.time.Instant;
import java.util.Objects;

/**
 * Who decided what about one user, when, and through which channel.
 *
 * @param approverId   the approver's identity in that channel (Slack user id, Jenkins user id, CLI --approved-by)
 * @param approverName display name, for people; may equal approverId
 * @param channel      e.g. {@code slack:C0123}, {@code jenkins-input}, {@code cli}
 */
public record UserDecision(
        String userName, Decision decision, String approverId, String approverName, Instant decidedAt, String channel) {
    public UserDecision {
        Objects.requireNonNull(userName, "userName");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(approverId, "approverId");
        Objects.requireNonNull(decidedAt, "decidedAt");
        Objects.requireNonNull(channel, "channel");
    }
}
