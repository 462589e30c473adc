package io.jenkins.plugins.iamjanitor.plugin;

import io.jenkins.plugins.iamjanitor.core.approval.ApprovalOutcome;
import io.jenkins.plugins.iamjanitor.core.approval.ApprovalRecord;
import io.jenkins.plugins.iamjanitor.core.approval.Decision;
import io.jenkins.plugins.iamjanitor.core.approval.UserDecision;
import io.jenkins.plugins.iamjanitor.core.policy.Verdict;
import io.jenkins.plugins.iamjanitor.core.review.ReviewRecord;
import io.jenkins.plugins.iamjanitor.core.review.ReviewStage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The approval part of a build's review record: adding a decision as it arrives (the first per user stands), the
 * plain result {@code slackAskApproval} returns, and (legacy) reading approvals out of a script-supplied map.
 */
final class ApprovalRecords {
    private ApprovalRecords() {
    }

    /** The decision is about a candidate who has none yet: the first decision per user stands. */
    static boolean accepts(ReviewRecord record, UserDecision d) {
        return record.candidate(d.userName()).isPresent() && record.decisionFor(d.userName()).isEmpty();
    }

    /** The record with one more decision, still waiting for the rest (the stage never moves back). */
    static ReviewRecord withDecision(ReviewRecord record, UserDecision d, Instant now) {
        List<UserDecision> all = new ArrayList<>(record.approval() == null ? List.of()
                : record.approval().decisions());
        all.add(d);
        return at(record.withApproval(new ApprovalOutcome(record.reviewId(), ordered(record, all), false), now),
                record.stage(), ReviewStage.APPROVAL_REQUESTED, now);
    }

    /** The record with the wait ended: the decisions as they are, undecided users not approved. */
    static ReviewRecord finished(ReviewRecord record, boolean timedOut, Instant now) {
        List<UserDecision> all = record.approval() == null ? List.of() : record.approval().decisions();
        return at(record.withApproval(new ApprovalOutcome(record.reviewId(), all, timedOut), now), record.stage(),
                ReviewStage.APPROVAL_DECIDED, now);
    }

    static boolean allDecided(ReviewRecord record) {
        return record.candidates().stream().allMatch(v -> record.decisionFor(v.user().userName()).isPresent());
    }

    /** {@code slackAskApproval}'s result: reviewId, approved, kept, undecided (user names), timedOut. */
    static Map<String, Object> result(ReviewRecord record) {
        List<Object> approved = new ArrayList<>();
        List<Object> kept = new ArrayList<>();
        List<Object> undecided = new ArrayList<>();
        for (Verdict v : record.candidates()) {
            String user = v.user().userName();
            UserDecision d = record.decisionFor(user).orElse(null);
            (d == null ? undecided : d.decision() == Decision.APPROVE ? approved : kept).add(user);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("reviewId", record.reviewId());
        m.put("approved", approved);
        m.put("kept", kept);
        m.put("undecided", undecided);
        m.put("timedOut", record.approval() != null && record.approval().timedOut());
        return m;
    }

    private static List<UserDecision> ordered(ReviewRecord record, List<UserDecision> all) {
        List<UserDecision> out = new ArrayList<>();
        for (Verdict v : record.candidates()) {
            all.stream().filter(d -> d.userName().equals(v.user().userName())).findFirst().ifPresent(out::add);
        }
        return out;
    }

    private static ReviewRecord at(ReviewRecord changed, ReviewStage before, ReviewStage wanted, Instant now) {
        return changed.atStage(before.reached(wanted) ? before : wanted, now);
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
