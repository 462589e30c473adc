package io.jenkins.plugins.iamjanitor.plugin;

import io.jenkins.plugins.iamjanitor.core.approval.ApprovalOutcome;
import io.jenkins.plugins.iamjanitor.core.approval.ApprovalRecord;
import io.jenkins.plugins.iamjanitor.core.approval.Decision;
import io.jenkins.plugins.iamjanitor.core.approval.UserDecision;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads the approvals out of {@code slackAskApproval}'s result: one record per approved target user. */
final class ApprovalRecords {
    private ApprovalRecords() {
    }

    static List<ApprovalRecord> approvedOnly(Map<String, Object> approval, List<String> targets, String ticketKey) {
        if (!(approval.get("decisions") instanceof List<?> rows)) {
            throw StepArguments.invalid("approval", "has no decisions: pass the result of slackAskApproval");
        }
        List<ApprovalRecord> out = new ArrayList<>();
        for (String target : targets) {
            for (Object r : rows) {
                if (r instanceof Map<?, ?> row && target.equals(row.get("user"))
                        && "APPROVE".equals(String.valueOf(row.get("decision")))) {
                    Instant decidedAt = StepArguments.instant("approval.decisions.decidedAt", row.get("decidedAt"));
                    if (decidedAt == null || row.get("approverId") == null || row.get("channel") == null) {
                        throw StepArguments.invalid("approval", "the decision about " + target
                                + " lacks approver, time or channel");
                    }
                    out.add(new ApprovalRecord(target, row.get("approverId").toString(),
                            String.valueOf(row.get("approverName")), decidedAt, row.get("channel").toString(),
                            ticketKey, StepArguments.instant("approval.decisions.evidenceAsOf",
                                    row.get("evidenceAsOf"))));
                    break;
                }
            }
        }
        return out;
    }

    /** Every decision of the approval map, as core's outcome (for the ticket's approval section). */
    static ApprovalOutcome outcome(Map<String, Object> approval) {
        List<UserDecision> decisions = new ArrayList<>();
        if (approval.get("decisions") instanceof List<?> rows) {
            for (Object r : rows) {
                if (r instanceof Map<?, ?> row && row.get("user") != null && row.get("approverId") != null
                        && row.get("channel") != null) {
                    Decision d = "APPROVE".equals(String.valueOf(row.get("decision"))) ? Decision.APPROVE
                            : Decision.KEEP;
                    decisions.add(new UserDecision(row.get("user").toString(), d, row.get("approverId").toString(),
                            String.valueOf(row.get("approverName")),
                            StepArguments.instant("approval.decisions.decidedAt", row.get("decidedAt")),
                            row.get("channel").toString()));
                }
            }
        }
        return new ApprovalOutcome(String.valueOf(approval.get("reviewId")), decisions,
                Boolean.TRUE.equals(approval.get("timedOut")));
    }
}
