package io.jenkins.plugins.iamjanitor.core.approval;

/**
 * Told about decisions as they are recorded. An asynchronous caller (a paused Pipeline step, keyed by reviewId)
 * persists each decision and completes when the review is fully decided. Called on the deciding thread; keep it quick.
 */
public interface DecisionListener {
    default void onDecision(String reviewId, UserDecision decision) {
    }

    /** Every candidate has a decision, or the review timed out ({@code outcome.timedOut()}). Called once per review. */
    void onReviewComplete(ApprovalOutcome outcome);
}
