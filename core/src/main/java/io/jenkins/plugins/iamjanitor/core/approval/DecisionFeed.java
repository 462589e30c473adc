package io.jenkins.plugins.iamjanitor.core.approval;

/**
 * Implemented by an approval channel that can tell decisions as they are recorded (Slack does, through
 * {@link ReviewDecisions}), so a waiting review can report each one at once instead of only at the end.
 */
public interface DecisionFeed {
    void addDecisionListener(DecisionListener listener);

    void removeDecisionListener(DecisionListener listener);
}
