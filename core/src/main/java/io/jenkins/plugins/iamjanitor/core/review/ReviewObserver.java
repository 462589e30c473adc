package io.jenkins.plugins.iamjanitor.core.review;

/**
 * Told after each stage is completed and durably recorded: the CLI demo narrates from it, and tests use it to stop
 * a review at a chosen point (by throwing), the way a crash would.
 */
@FunctionalInterface
public interface ReviewObserver {
    ReviewObserver NONE = record -> { };

    void stageCompleted(ReviewRecord record);
}
