package io.jenkins.plugins.iamjanitor.core.review;

import io.jenkins.plugins.iamjanitor.core.activity.ActivitySummary;
import io.jenkins.plugins.iamjanitor.core.activity.ActivitySummaryDocument;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionResult;
import io.jenkins.plugins.iamjanitor.core.doc.Document;
import io.jenkins.plugins.iamjanitor.core.policy.Verdict;
import io.jenkins.plugins.iamjanitor.core.ticket.ReviewTicket;
import io.jenkins.plugins.iamjanitor.core.ticket.ReviewTicketComposer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the review writes on its ticket: the description, the CloudTrail evidence and the outcome. */
public final class ReviewDocuments {
    private ReviewDocuments() {
    }

    /** The ticket as every IAM Janitor entry point files it (users table, approval record, labels). */
    public static ReviewTicket ticket(ReviewRecord record, Map<String, Object> fields, String buildUrl) {
        return ticket(record, fields, buildUrl, null);
    }

    /** With the account's name (alias) beside its id in the summary and description; null for none. */
    public static ReviewTicket ticket(ReviewRecord record, Map<String, Object> fields, String buildUrl,
            String accountAlias) {
        return new ReviewTicketComposer().compose(new ReviewTicketComposer.Input(record.reviewId(),
                record.accountId(), accountAlias, record.candidates(), notes(record), record.approval(), buildUrl,
                fields));
    }

    /** Why each user was flagged, and that a dry run deletes nothing, for the ticket's notes column. */
    private static Map<String, String> notes(ReviewRecord record) {
        Map<String, String> notes = new java.util.LinkedHashMap<>();
        record.candidates().forEach(v -> notes.put(v.user().userName(), (v.reason() == null ? "" : v.reason())
                + (record.dryRun() ? " (dry run: not deleted)" : "")));
        return notes;
    }

    public static Document evidence(ReviewRecord record, Instant now) {
        Document.Builder d = Document.builder().heading(3, "CloudTrail evidence");
        if (record.evidence() == null || record.evidence().isEmpty()) {
            return d.paragraph("No approved users: no CloudTrail lookup was needed.").build();
        }
        for (EvidenceSummary e : record.evidence()) {
            d.append(ActivitySummaryDocument.render(new ActivitySummary(e.userName(), e.since(), now, e.totalEvents(),
                    e.recent(), e.countsBySource(), Optional.ofNullable(e.lastConsoleLogin()), e.failedRegions()), 4));
            if (e.eventsAfterEvidence() > 0) {
                d.paragraph("Note: " + e.eventsAfterEvidence() + " event(s) are newer than the last activity the"
                        + " approver saw; the live re-check before deletion decides.");
            }
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
            UserStage stage = UserStage.of(record, user);
            rows.add(List.of(user, decisionLine(record, user), r == null ? "not deleted" : r.status().name(),
                    r == null || r.reason() == null ? "" : r.reason(),
                    r == null || r.backupFile() == null ? "" : r.backupFile(), stage.path(),
                    stage.nextAction() == null ? "" : stage.nextAction() + (stage.nextAt() == null ? ""
                            : " on or after " + stage.nextDate())));
        }
        d.table(List.of("User", "Decision", "Result", "Reason", "Backup", "Stage", "Next action"), rows);
        record.notes().forEach(d::paragraph);
        return d.build();
    }

    static String decisionLine(ReviewRecord record, String user) {
        return record.decisionFor(user)
                .map(x -> x.decision().name().toLowerCase() + " by " + x.approverName())
                .orElse(record.approval() == null ? "pending" : "no decision (not approved)");
    }

    static String nz(String s) {
        return s == null ? "" : s;
    }
}
