package io.jenkins.plugins.iamjanitor.core.approval;

import java.util.List;

/** All decisions made on a review. A user without a decision (e.g. on timeout) is not approved. */
public record ApprovalOutcome(String reviewId, List<UserDecision> decisions, boolean timedOut) {
    public ApprovalOutcome {
        decisions = List.copyOf(decisions);
    }

    public List<UserDecision> approved() {
        return decisions.stream().filter(d -> d.decision() == Decision.APPROVE).toList();
    }

    public List<UserDecision> kept() {
        return decisions.stream().filter(d -> d.decision() == Decision.KEEP).toList();
    }
}
