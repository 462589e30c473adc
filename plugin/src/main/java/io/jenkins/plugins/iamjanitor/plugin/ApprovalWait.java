package io.jenkins.plugins.iamjanitor.plugin;

import io.jenkins.plugins.iamjanitor.core.approval.ApprovalHandle;
import io.jenkins.plugins.iamjanitor.core.approval.ApprovalRequest;
import io.jenkins.plugins.iamjanitor.core.approval.Decision;
import io.jenkins.plugins.iamjanitor.core.approval.UserDecision;
import io.jenkins.plugins.iamjanitor.core.policy.Verdict;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The state of a paused {@code slackAskApproval}: ids, strings and epoch millis only, so Pipeline can persist it with
 * the program and a restarted controller picks up where it left off. The first decision per user stands.
 */
final class ApprovalWait implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String reviewId;
    private final String channel;
    private final String requestedChannel;
    private final String accountId;
    private final String message;
    private final String buildUrl;
    private final ArrayList<Map<String, Object>> users;
    private final ArrayList<String> messageIds;
    private final ArrayList<String> userNames;
    private final LinkedHashMap<String, String> evidenceAsOf;
    private final ArrayList<String> approvers;
    private final long deadlineMillis;
    private final LinkedHashMap<String, Recorded> decisions = new LinkedHashMap<>();
    private boolean finished;

    private ApprovalWait(ApprovalRequest request, ApprovalHandle handle, List<Map<String, Object>> users,
            Instant deadline) {
        this.reviewId = handle.reviewId();
        this.channel = handle.channel();
        this.requestedChannel = request.channel();
        this.accountId = request.accountId();
        this.message = request.message();
        this.buildUrl = request.buildUrl();
        this.users = new ArrayList<>();
        users.forEach(u -> this.users.add(new LinkedHashMap<>(u)));
        this.messageIds = new ArrayList<>(handle.messageIds());
        this.userNames = new ArrayList<>();
        this.evidenceAsOf = new LinkedHashMap<>();
        for (Map<String, Object> u : users) {
            String name = String.valueOf(u.get("user"));
            userNames.add(name);
            Object evidence = u.get("evidenceAsOf") != null ? u.get("evidenceAsOf") : u.get("lastActivity");
            evidenceAsOf.put(name, evidence == null ? null : evidence.toString());
        }
        this.approvers = new ArrayList<>(request.approvers());
        this.deadlineMillis = deadline.toEpochMilli();
    }

    /** @param users the step's users argument, already validated: plain maps of strings, numbers and lists */
    static ApprovalWait begin(ApprovalRequest request, ApprovalHandle handle, List<Map<String, Object>> users,
            Instant deadline) {
        return new ApprovalWait(request, handle, users, deadline);
    }

    /** The request as first posted, rebuilt from the kept values, to re-attach the review after a restart. */
    ApprovalRequest request(Instant now) {
        List<Verdict> candidates = new ArrayList<>();
        users.forEach(u -> candidates.add(PipelineValues.verdict(u, now)));
        return new ApprovalRequest(reviewId, accountId, candidates, requestedChannel, approvers, message, buildUrl,
                null);
    }

    ApprovalHandle handle() {
        return new ApprovalHandle(reviewId, channel, messageIds);
    }

    String reviewId() {
        return reviewId;
    }

    String channel() {
        return channel;
    }

    List<String> userNames() {
        return List.copyOf(userNames);
    }

    List<String> approvers() {
        return List.copyOf(approvers);
    }

    Instant deadline() {
        return Instant.ofEpochMilli(deadlineMillis);
    }

    boolean finished() {
        return finished;
    }

    /** Records a decision about one of our users; false when ignored (other user, already decided, finished). */
    boolean record(UserDecision d) {
        if (finished || !userNames.contains(d.userName()) || decisions.containsKey(d.userName())) {
            return false;
        }
        decisions.put(d.userName(), new Recorded(d));
        return true;
    }

    boolean allDecided() {
        return decisions.keySet().containsAll(userNames);
    }

    List<UserDecision> decisions() {
        return decisions.values().stream().map(Recorded::toDecision).toList();
    }

    String status() {
        return finished ? "approval finished"
                : "waiting for " + (userNames.size() - decisions.size()) + " of " + userNames.size()
                        + " decision(s) in Slack " + channel + " until " + deadline();
    }

    /** Ends the wait and returns the step's result: plain lists, maps and strings. */
    Map<String, Object> finish(boolean timedOut) {
        finished = true;
        List<Object> approved = new ArrayList<>();
        List<Object> kept = new ArrayList<>();
        List<Object> rows = new ArrayList<>();
        Recorded lastApproval = null;
        for (String user : userNames) {
            Recorded r = decisions.get(user);
            if (r == null) {
                continue;
            }
            if (Decision.valueOf(r.decision) == Decision.APPROVE) {
                approved.add(user);
                if (lastApproval == null || r.decidedAtMillis >= lastApproval.decidedAtMillis) {
                    lastApproval = r;
                }
            } else {
                kept.add(user);
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("user", user);
            row.put("decision", r.decision);
            row.put("approverId", r.approverId);
            row.put("approverName", r.approverName);
            row.put("decidedAt", Instant.ofEpochMilli(r.decidedAtMillis).toString());
            row.put("channel", r.channel);
            row.put("evidenceAsOf", evidenceAsOf.get(user));
            rows.add(row);
        }
        List<Object> undecided = new ArrayList<>(userNames);
        undecided.removeAll(decisions.keySet());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("reviewId", reviewId);
        m.put("approved", approved);
        m.put("kept", kept);
        m.put("undecided", undecided);
        m.put("approver", lastApproval == null ? null : lastApproval.approverId);
        m.put("approverName", lastApproval == null ? null : lastApproval.approverName);
        m.put("decidedAt", lastApproval == null ? null : Instant.ofEpochMilli(lastApproval.decidedAtMillis).toString());
        m.put("channel", channel);
        m.put("messageTs", messageIds.isEmpty() ? null : messageIds.get(0));
        m.put("timedOut", timedOut);
        m.put("decisions", rows);
        return m;
    }

    /** One decision in serializable form. */
    private static final class Recorded implements Serializable {
        private static final long serialVersionUID = 1L;
        private final String userName;
        private final String decision;
        private final String approverId;
        private final String approverName;
        private final long decidedAtMillis;
        private final String channel;

        Recorded(UserDecision d) {
            this.userName = d.userName();
            this.decision = d.decision().name();
            this.approverId = d.approverId();
            this.approverName = d.approverName();
            this.decidedAtMillis = d.decidedAt().toEpochMilli();
            this.channel = d.channel();
        }

        UserDecision toDecision() {
            return new UserDecision(userName, Decision.valueOf(decision), approverId, approverName,
                    Instant.ofEpochMilli(decidedAtMillis), channel);
        }
    }
}
