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

    /** E.g. "IAM Janitor access review of account 123456789012, 2026-11-29 13:05:09 UTC". */
    public static String title(ReviewRecord r) {
        return "IAM Janitor access review of account " + (r.accountId() == null ? "(unknown)" : r.accountId())
                + (r.startedAt() == null ? "" : ", " + ReportDates.format(r.startedAt()));
    }

    /** Mode, status, ticket, where approval was asked and the gate's answer. */
    public static Document header(ReviewRecord r) {
        Document.Builder d = Document.builder();
        d.paragraph("Review " + r.reviewId() + " · " + (r.dryRun() ? "dry run (nothing deleted)" : "execute")
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
        return d.build();
    }

    /** What an operator should know (timeouts, why the ticket stayed open, halts); empty when nothing. */
    public static Document notes(ReviewRecord r) {
        Document.Builder d = Document.builder();
        if (!r.notes().isEmpty()) {
            d.heading(2, "Notes").bullets(r.notes().stream().map(ReportDates::inText).toList());
        }
        return d.build();
    }

    /** The overview table's column headers, in order (every renderer uses these). */
    public static final List<String> OVERVIEW_HEADERS = List.of("User", "Verdict", "Days inactive",
            "Driving credential", "Decision", "Outcome", "Backup");

    /** The overview as a plain table: one row per user, the cells of {@link #OVERVIEW_HEADERS}. */
    public static Document overview(ReportModel m) {
        Document.Builder d = Document.builder().heading(2, "Overview");
        if (m.overview().isEmpty()) {
            return d.paragraph("No users were scanned.").build();
        }
        return d.table(OVERVIEW_HEADERS, m.overview().stream().map(ReviewReport::overviewCells).toList()).build();
    }

    /** The cells of one overview row, in the order of {@link #OVERVIEW_HEADERS} (also the Jenkins build page). */
    public static List<String> overviewCells(OverviewRow o) {
        return List.of(o.userName() + " (" + o.accountId() + ")", o.verdict(), days(o.daysInactive()), o.driving(),
                o.decision() + (o.decidedBy().isEmpty() ? "" : " by " + o.decidedBy())
                        + (o.channel().isEmpty() ? "" : " via " + o.channel()),
                o.outcome() + (o.outcomeReason().isEmpty() ? "" : ": " + o.outcomeReason()), o.backup());
    }

    /** The users a reviewer checks by hand: unknown activity, grace period, exempt (each section only when any). */
    public static Document sections(ReportModel m) {
        Document.Builder d = Document.builder();
        if (!m.unknownActivity().isEmpty()) {
            d.heading(2, "Unknown activity (not flagged: check by hand)");
            d.paragraph("AWS keeps no last-used data for these credentials, so the policy cannot tell whether the user"
                    + " is idle.");
            d.table(List.of("User", "No last-used data", "Days inactive otherwise", "Verdict"),
                    m.unknownActivity().stream().map(u -> List.of(u.userName(),
                            u.noLastUsedData().isEmpty() ? "(details could not be read)"
                                    : String.join(", ", u.noLastUsedData()),
                            days(u.daysInactive()), nz(ReportDates.inText(u.reason())))).toList());
        }
        if (!m.gracePeriod().isEmpty()) {
            d.heading(2, "Grace period (created recently: not flagged yet)");
            d.table(List.of("User", "Created", "Days inactive", "Verdict"), m.gracePeriod().stream()
                    .map(u -> List.of(u.userName(), t(u.createDate()), days(u.daysInactive()),
                            nz(ReportDates.inText(u.reason())))).toList());
        }
        if (!m.exempt().isEmpty()) {
            d.heading(2, "Exempt users (never touched)");
            d.table(List.of("User", "Exemption rule", "Reason", "Days inactive"), m.exempt().stream()
                    .map(u -> List.of(u.userName(), nz(u.reason()).replaceFirst("^exempt: ", ""),
                            u.exemptionReason() == null ? "(no reason recorded)" : u.exemptionReason(),
                            days(u.daysInactive()))).toList());
        }
        return d.build();
    }

    /** One section per user under review. */
    public static Document details(ReviewRecord r) {
        Document.Builder d = Document.builder().heading(2, "Users under review");
        if (r.candidates().isEmpty()) {
            d.paragraph("No inactive users.");
        }
        for (Verdict v : r.candidates()) {
            user(d, r, v);
        }
        return d.build();
    }

    /** Everything after the summary counts (the HTML page shows those as cards, Markdown as a table). */
    public static Document body(ReviewRecord r) {
        ReportModel m = ReportModel.of(r);
        return Document.builder().append(header(r)).append(overview(m)).append(notes(r)).append(sections(m))
                .append(details(r))
                .build();
    }

    /** The whole report including the summary table, for formats without a special summary layout. */
    public static Document full(ReviewRecord r) {
        ReportModel m = ReportModel.of(r);
        Document.Builder d = Document.builder().heading(1, title(r)).heading(2, "Summary");
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("Users scanned", Integer.toString(m.usersScanned())));
        m.population().forEach(c -> rows.add(List.of("· " + c.label(), Integer.toString(c.count()))));
        m.outcomes().forEach(c -> rows.add(List.of(c.label(), Integer.toString(c.count()))));
        d.table(List.of("", "Count"), rows);
        return d.append(header(r)).append(overview(m)).append(notes(r)).append(sections(m))
                .append(details(r)).build();
    }

    private static void user(Document.Builder d, ReviewRecord r, Verdict v) {
        IamUser u = v.user();
        d.heading(3, u.userName());
        d.paragraph("ARN " + nz(u.arn()) + " · path " + u.path() + " · created " + t(u.createDate()) + " · "
                + (v.daysInactive() < 0 ? "never active" : v.daysInactive() + " days inactive")
                + (v.lastActivity() == null ? "" : " (last activity " + t(v.lastActivity()) + ")"));
        d.paragraph("Why flagged: " + nz(ReportDates.inText(v.reason())));
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
        r.evidenceFor(u.userName()).ifPresent(e -> cloudTrail(d, r, e));
        r.deletionFor(u.userName()).ifPresent(x -> steps(d, x));
        d.paragraph("Stage: " + io.jenkins.plugins.iamjanitor.core.review.UserStage.of(r, u.userName()).describe());
        r.deletionFor(u.userName()).map(DeletionResult::quarantine).ifPresent(q -> quarantine(d, q));
    }

    /** The quarantine's calls and, for a user wanted back, what happened meanwhile. */
    private static void quarantine(Document.Builder d,
            io.jenkins.plugins.iamjanitor.core.deletion.QuarantineState q) {
        if (!q.calls().isEmpty()) {
            d.paragraph(q.since() == null ? "Quarantine calls planned (dry run):" : "Quarantine calls:");
            d.bullets(q.calls());
        }
        if (!q.signs().isEmpty()) {
            d.paragraph("Wanted back? What happened during the quarantine:");
            d.bullets(q.signs());
        }
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
                result == null ? "" : nz(ReportDates.inText(result.reason())),
                result == null ? "" : nz(result.backupFile()))));
    }

    private static void cloudTrail(Document.Builder d, ReviewRecord r, EvidenceSummary e) {
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
            List<EventsAfterEvidence.Note> notes = EventsAfterEvidence.of(r, e);
            d.paragraph("CloudTrail shows " + e.eventsAfterEvidence() + " event(s) newer than the evidence the"
                    + " approver saw" + (notes.size() < e.eventsAfterEvidence() ? " (the newest "
                    + notes.size() + " are kept in the record)" : "") + ":");
            d.bullets(notes.stream().map(n -> t(n.eventTime()) + " " + nz(n.eventName()) + " ("
                    + nz(n.eventSource()) + "): " + n.why()).toList());
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
                e.counts() ? "yes" : "no", nz(ReportDates.inText(e.detail())));
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

    private static String t(Instant instant) {
        return ReportDates.format(instant);
    }

    private static String days(long days) {
        return days < 0 ? "unknown" : Long.toString(days);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
