package io.jenkins.plugins.iamjanitor.core.review;

/** Whether a review can still be resumed. */
public enum ReviewStatus {
    IN_PROGRESS,
    COMPLETED,
    /** Given up by an operator (CLI {@code --new-review}); never resumed. */
    ABANDONED
}
