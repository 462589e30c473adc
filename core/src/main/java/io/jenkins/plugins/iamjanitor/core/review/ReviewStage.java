package io.jenkins.plugins.iamjanitor.core.review;

/** The stages of a review, in the order they run. A record stores the last stage it completed. */
public enum ReviewStage {
    STARTED,
    SCANNED,
    APPROVAL_REQUESTED,
    APPROVAL_DECIDED,
    TICKET_OPENED,
    EVIDENCE_ADDED,
    CONFIRMED,
    DELETED,
    OUTCOME_COMMENTED,
    TICKET_TRANSITIONED,
    REPORTED;

    public boolean reached(ReviewStage other) {
        return compareTo(other) >= 0;
    }
}
