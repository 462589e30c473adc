package io.jenkins.plugins.iamjanitor.plugin;

import io.jenkins.plugins.iamjanitor.core.approval.UserDecision;
import java.util.List;

/**
 * Where clicks are checked and recorded while a {@code slackAskApproval} step waits (the core decision registry).
 * A paused step re-opens its review with the decisions it persisted, so a controller restart loses nothing.
 */
public interface ReviewRegistry {
    void open(String reviewId, String channel, List<String> userNames, List<String> approverIds,
            List<UserDecision> earlier);

    void close(String reviewId);

    ReviewRegistry NONE = new ReviewRegistry() {
        @Override
        public void open(String reviewId, String channel, List<String> userNames, List<String> approverIds,
                List<UserDecision> earlier) {
        }

        @Override
        public void close(String reviewId) {
        }
    };
}
