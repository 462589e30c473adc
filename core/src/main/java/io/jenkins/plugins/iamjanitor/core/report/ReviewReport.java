package io.jenkins.plugins.iamjanitor.core.report;

import io.jenkins.plugins.iamjanitor.core.activity.ActivityEvent;
import io.jenkins.plugins.iamjanitor.core.approval.UserDecision;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionResult;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionStatus;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionStep;
import io.jenkins.plugins.iamjanitor.core.doc.Document;
import io.jenkins.plugins.iamjanitor.core.approval.Candidate;
import io.jenkins.plugins.iamjanitor.core.model.IamUser;
import io.jenkins.plugins.iamjanitor.core.model.Tag;
import io.jenkins.plugins.iamjanitor.core.policy.CredentialEvidence;
import io.jenkins.plugins.iamjanitor.core.policy.Verdict;
import io.jenkins.plugins.iamjanitor.core.review.EvidenceSummary;
import io.jenkins.plugins.iamjanitor.core.review.ReviewRecord;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The human-readable report of a review as a format-neutral {@link Document}; {@link MarkdownRenderer} and
 * {@link HtmlRenderer} turn it into files. The summary counts come first, then one section per user under review.
 */
public final class ReviewReport {

    private ReviewReport() {
    }

    public static String title(ReviewRecord r) {
        return "IAM Janitor review " + r.reviewId();
    }

    /** Everything after the summary counts (the HTML page shows those as cards, Markdown as a table). */
    public static Document body(ReviewRecord r) {
        Document.Builder d = Document.builder();
        d.paragraph("Account " + nz(r.accountId()) + " · " + (r.dryRun() ? "dry run (nothing deleted)" : "execute")
                + " · " + r.status().name().toLowerCase().replace('_', ' ') + " after stage " + r.stage()
                + " · started " + t(r.startedAt())
                + (r.finishedAt() == null ? "" : " · finished " + t(r.finishedAt())));
        if (r.ticket() != null) {
            if (r.ticket().url() != null) {
                d.link("Ticket " + r.ticket().key(), r.ticket().url());
            } else {
                d.paragraph("Ticket " + r.ticket().key());
            }
        }
        if (r.approvalHandle() != null) {
            d.paragraph("Approval asked in " + r.approvalHandle().channel()
                    + (r.approval() != null && r.approval().timedOut() ? "; the request timed out." : "."));
        }
        if (r.gate() != null) {
            d.paragraph("Confirmation gate: " + (r.gate().proceed() ? "confirmed" : "stopped") + " by " + r.gate().by()
                    + " at " + t(r.gate().at()) + (r.gate().note() == null ? "" : " (" + r.gate().note() + ")"));
        }
        if (!r.notes().isEmpty()) {
            d.heading(2, "Notes").bullets(r.notes());
        }
        d.heading(2, "Users under review");
        if (r.candidates().isEmpty()) {
            d.paragraph("No inactive users.");
        }
        for (Verdict v : r.candidates()) {
            user(d, r, v);
        }
        if (r.scan() != null && !r.scan().exemptUsers().isEmpty()) {
            d.heading(2, "Exempt users (never touched)").bullets(r.scan().exemptUsers());
        }
        return d.build();
    }

    /** The whole report including the summary table, for formats without a special summary layout. */
    public static Document full(ReviewRecord r) {
        Document.Builder d = Document.builder().heading(1, title(r)).heading(2, "Summary");
        d.table(List.of("", "Count"), ReportSummary.of(r).asRows().entrySet().stream()
                .map(e -> List.of(e.getKey(), Integer.toString(e.getValue()))).toList());
        return d.append(body(r)).build();
    }

    private static void user(Document.Builder d, ReviewRecord r, Verdict v) {
        IamUser u = v.user();
        d.heading(3, u.userName());
        d.paragraph("ARN " + nz(u.arn()) + " · path " + u.path() + " · created " + t(u.createDate()) + " · "
                + (v.daysInactive() < 0 ? "never active" : v.daysInactive() + " days inactive")
                + (v.lastActivity() == null ? "" : " (last activity " + t(v.lastActivity()) + ")"));
        d.paragraph("Why flagged: " + nz(v.reason()));
        if (!Candidate.of(u).ownerKnown()) {
            d.paragraph("Owner unknown: no tag names who owns this user, so self-approval could not be ruled out.");
        }
        if (u.tags() != null && !u.tags().isEmpty()) {
            d.paragraph("Tags: " + u.tags().stream().map(ReviewReport::tag).collect(Collectors.joining(", ")));
        }
        if (u.groups() != null && !u.groups().isEmpty()) {
            d.paragraph("Groups: " + String.join(", ", u.groups()));
        }
        d.table(List.of("Credential", "Id", "Basis", "Date", "Counts as activity", "Detail"),
                v.evidence().stream().map(ReviewReport::evidenceRow).toList());
        outcome(d, r, u.userName());
        r.evidenceFor(u.userName()).ifPresent(e -> cloudTrail(d, e));
        r.deletionFor(u.userName()).ifPresent(x -> steps(d, x));
    }

    /** Who decided what, when and where, and what came of it: one row, so statuses line up across users. */
    private static void outcome(Document.Builder d, ReviewRecord r, String user) {
        UserDecision decision = r.decisionFor(user).orElse(null);
        DeletionResult result = r.deletionFor(user).orElse(null);
        String what = decision != null ? decision.decision().name()
                : r.approval() == null ? "pending" : "no decision (not approved)";
        String by = decision == null ? "" : decision.approverName() + " (" + decision.approverId() + ")";
        d.table(List.of("Decision", "By", "At", "Channel", "Result", "Reason", "Backup"), List.of(List.of(what, by,
                decision == null ? "" : t(decision.decidedAt()), decision == null ? "" : nz(decision.channel()),
                result == null ? "not deleted" : result.status().name(),
                result == null ? "" : nz(result.reason()), result == null ? "" : nz(result.backupFile()))));
    }

    private static void cloudTrail(Document.Builder d, EvidenceSummary e) {
        if (e.totalEvents() == 0) {
            d.paragraph("CloudTrail: no events since " + t(e.since()) + ".");
        } else {
            d.paragraph("CloudTrail: " + e.totalEvents() + " event(s) since " + t(e.since()) + "; by source: "
                    + e.countsBySource().entrySet().stream().map(x -> x.getKey() + " " + x.getValue())
                    .collect(Collectors.joining(", "))
                    + (e.lastConsoleLogin() == null ? "" : "; last console sign-in " + login(e.lastConsoleLogin())));
            d.table(List.of("Time", "Event", "Source", "Region", "Source IP", "User agent", "Access key", "Error"),
                    e.recent().stream().map(ReviewReport::eventRow).toList());
        }
        if (e.eventsAfterEvidence() > 0) {
            d.paragraph("CloudTrail shows " + e.eventsAfterEvidence() + " event(s) newer than the evidence the"
                    + " approver saw.");
        }
        for (Map.Entry<String, String> f : e.failedRegions().entrySet()) {
            d.paragraph("CloudTrail region " + f.getKey() + " could not be searched: " + f.getValue());
        }
    }

    private static void steps(Document.Builder d, DeletionResult x) {
        if (!x.plan().isEmpty()) {
            d.paragraph(x.status() == DeletionStatus.PLANNED ? "IAM calls planned (dry run):" : "IAM calls made:");
            List<String> steps = new ArrayList<>();
            for (DeletionStep s : x.plan()) {
                steps.add(s.describe());
            }
            d.bullets(steps);
        }
    }
    private static List<String> evidenceRow(CredentialEvidence e) {
        return List.of(e.kind().name().toLowerCase().replace('_', ' '), nz(e.id()),
                e.basis().name().toLowerCase().replace('_', ' '), t(e.date()),
                e.counts() ? "yes" : "no", nz(e.detail()));
    }

    private static List<String> eventRow(ActivityEvent e) {
        return List.of(t(e.eventTime()), nz(e.eventName()), nz(e.eventSource()), nz(e.region()),
                nz(e.sourceIp()), nz(e.userAgent()), nz(e.accessKeyId()), nz(e.errorCode()));
    }

    private static String login(ActivityEvent e) {
        return t(e.eventTime()) + (e.consoleLoginResult() == null ? "" : " " + e.consoleLoginResult())
                + (e.mfaUsed() == null ? "" : e.mfaUsed() ? " with MFA" : " without MFA");
    }

    private static String tag(Tag t) {
        return t.value().isEmpty() ? t.key() : t.key() + "=" + t.value();
    }

    /** To the second: sub-second digits only make a report harder to read. */
    private static String t(Instant instant) {
        return instant == null ? "" : instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
