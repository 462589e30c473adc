package io.jenkins.plugins.iamjanitor.core.approval;

import java.util.List;

/**
 * What became of one click.
 *
 * @param recorded decisions newly recorded by this click (empty when refused or when all were already decided)
 * @param message  one line for the person who clicked
 */
public record DecisionResult(Status status, List<UserDecision> recorded, String message) {
    public enum Status {
        /** At least one decision was recorded. */
        RECORDED,
        /** Everything targeted was already decided; the first decision stands (double click). */
        ALREADY_DECIDED,
        NOT_AUTHORISED,
        SELF_APPROVAL,
        UNKNOWN_REVIEW,
        UNKNOWN_USER,
        /** The review timed out or was closed; late clicks change nothing. */
        CLOSED
    }

    public DecisionResult {
        recorded = List.copyOf(recorded);
    }

    public boolean refused() {
        return status != Status.RECORDED && status != Status.ALREADY_DECIDED;
    }

    static DecisionResult refuse(Status status, String message) {
        return new DecisionResult(status, List.of(), message);
    }
}
