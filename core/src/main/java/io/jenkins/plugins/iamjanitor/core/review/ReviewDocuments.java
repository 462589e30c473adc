package io.jenkins.plugins.iamjanitor.core.review;

import io.jenkins.plugins.iamjanitor.core.activity.ActivityEvent;
import io.jenkins.plugins.iamjanitor.core.approval.UserDecision;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionResult;
import io.jenkins.plugins.iamjanitor.core.doc.Document;
import io.jenkins.plugins.iamjanitor.core.policy.CredentialEvidence;
import io.jenkins.plugins.iamjanitor.core.policy.Verdict;
import io.jenkins.plugins.iamjanitor.core.ticket.ReviewTicket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** What the review writes on its ticket: the description, the CloudTrail evidence and the outcome. */
public final class ReviewDocuments {
    public static final String LABEL = "iam-janitor";

    private ReviewDocuments() {
    }

    public static ReviewTicket ticket(ReviewRecord record, Map<String, Object> fields) {
        List<String> users = record.candidates().stream().map(v -> v.user().userName()).toList();
        String summary = "IAM Janitor: " + users.size() + " inactive user" + (users.size() == 1 ? "" : "s") + " in "
                + record.accountId();
        Document.Builder d = Document.builder()
                .paragraph("Access review " + record.reviewId() + " of AWS account " + record.accountId()
                        + (record.dryRun() ? " (dry run: nothing is deleted)." : "."))
                .heading(3, "Users under review")
                .table(List.of("User", "Days inactive", "Last activity", "Decision", "Exemption notes"),
                        record.candidates().stream().map(v -> List.of(v.user().userName(),
                                v.daysInactive() < 0 ? "never active" : Long.toString(v.daysInactive()),
                                credentialsLine(v), decisionLine(record, v.user().userName()),
                                v.reason() == null ? "" : v.reason())).toList());
        d.heading(3, "Approval record");
        if (record.approval() == null || record.approval().decisions().isEmpty()) {
            d.paragraph("No decision was recorded.");
        } else {
            d.bullets(record.approval().decisions().stream().map(ReviewDocuments::approvalLine).toList());
        }
        if (record.approval() != null && record.approval().timedOut()) {
            d.paragraph("The approval request timed out: users without a decision are not approved.");
        }
        List<String> labels = List.of(LABEL, record.accountId());
        return new ReviewTicket(record.reviewId(), record.accountId(), users, summary, d.build(), labels, fields);
    }

    public static Document evidence(ReviewRecord record) {
        Document.Builder d = Document.builder().heading(3, "CloudTrail evidence");
        if (record.evidence() == null || record.evidence().isEmpty()) {
            return d.paragraph("No approved users: no CloudTrail lookup was needed.").build();
        }
        for (EvidenceSummary e : record.evidence()) {
            d.heading(4, e.userName());
            if (e.totalEvents() == 0) {
                d.paragraph("No events in " + days(e.since(), record) + " days.");
            } else {
                d.paragraph(e.totalEvents() + " events; by source: " + e.countsBySource().entrySet().stream()
                        .map(x -> x.getKey() + " " + x.getValue()).collect(Collectors.joining(", ")) + ".");
                if (e.lastConsoleLogin() != null) {
                    d.paragraph("Last console sign-in: " + loginLine(e.lastConsoleLogin()));
                }
                d.table(List.of("Time", "Event", "Source", "Region", "Source IP", "Access key", "Error"),
                        e.recent().stream().map(ReviewDocuments::eventRow).toList());
            }
            if (e.eventsAfterEvidence() > 0) {
                d.paragraph("Note: " + e.eventsAfterEvidence() + " event(s) are newer than the last activity the"
                        + " approver saw; the live re-check before deletion decides.");
            }
            e.failedRegions().forEach((region, error) -> d.paragraph("Region " + region + " not searched: " + error));
        }
        return d.build();
    }

    public static Document outcome(ReviewRecord record) {
        Document.Builder d = Document.builder().heading(3, record.dryRun() ? "Outcome (dry run)" : "Outcome");
        if (record.gate() != null && !record.gate().proceed()) {
            d.paragraph("Stopped at the confirmation gate by " + record.gate().by()
                    + (record.gate().note() == null ? "" : ": " + record.gate().note()) + ". Nothing was deleted.");
        }
        List<List<String>> rows = new ArrayList<>();
        for (Verdict v : record.candidates()) {
            String user = v.user().userName();
            DeletionResult r = record.deletionFor(user).orElse(null);
            rows.add(List.of(user, decisionLine(record, user), r == null ? "not deleted" : r.status().name(),
                    r == null || r.reason() == null ? "" : r.reason(),
                    r == null || r.backupFile() == null ? "" : r.backupFile()));
        }
        d.table(List.of("User", "Decision", "Result", "Reason", "Backup"), rows);
        record.notes().forEach(d::paragraph);
        return d.build();
    }

    static String decisionLine(ReviewRecord record, String user) {
        return record.decisionFor(user)
                .map(x -> x.decision().name().toLowerCase() + " by " + x.approverName())
                .orElse(record.approval() == null ? "pending" : "no decision (not approved)");
    }

    static String approvalLine(UserDecision d) {
        return d.userName() + ": " + d.decision().name().toLowerCase() + " by " + d.approverName() + " ("
                + d.approverId() + ") at " + d.decidedAt() + " via " + d.channel();
    }

    static String credentialsLine(Verdict v) {
        return v.evidence().stream().map(ReviewDocuments::evidenceLine).collect(Collectors.joining("; "));
    }

    static String evidenceLine(CredentialEvidence e) {
        String what = e.kind().name().toLowerCase().replace('_', ' ') + (e.id() == null ? "" : " " + e.id());
        String basis = switch (e.basis()) {
            case LAST_USED -> "last used " + e.date();
            case CREATED_NEVER_USED -> "never used, created " + e.date();
            case UNKNOWN -> "no last-use data";
            case DISABLED -> "disabled";
        };
        return what + ": " + basis;
    }

    static String loginLine(ActivityEvent e) {
        return e.eventTime() + " " + (e.consoleLoginResult() == null ? "" : e.consoleLoginResult())
                + (e.mfaUsed() == null ? "" : e.mfaUsed() ? ", MFA used" : ", no MFA")
                + (e.sourceIp() == null ? "" : " from " + e.sourceIp());
    }

    static List<String> eventRow(ActivityEvent e) {
        return List.of(String.valueOf(e.eventTime()), nz(e.eventName()), nz(e.eventSource()), nz(e.region()),
                nz(e.sourceIp()), nz(e.accessKeyId()), nz(e.errorCode()));
    }

    private static long days(Instant since, ReviewRecord record) {
        Instant end = record.updatedAt() == null ? record.startedAt() : record.updatedAt();
        return since == null || end == null ? 90 : Math.max(0, java.time.Duration.between(since, end).toDays());
    }

    static String nz(String s) {
        return s == null ? "" : s;
    }
}
