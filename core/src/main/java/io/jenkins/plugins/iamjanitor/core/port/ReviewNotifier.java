package io.jenkins.plugins.iamjanitor.core.port;

import io.jenkins.plugins.iamjanitor.core.review.ReviewRecord;
import java.util.List;

/**
 * Tells a review's approvers, where they were asked (Slack: the review's channel), that a user changed stage after
 * the review itself ended: quarantined users deleted, wanted back, or released.
 */
@FunctionalInterface
public interface ReviewNotifier {
    ReviewNotifier NONE = (record, title, lines) -> { };

    /** @param lines one line per user, stage and evidence included; never secrets */
    void notify(ReviewRecord record, String title, List<String> lines);
}
