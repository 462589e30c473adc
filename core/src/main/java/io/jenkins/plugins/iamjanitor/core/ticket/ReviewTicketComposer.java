package io.jenkins.plugins.iamjanitor.core.ticket;

import io.jenkins.plugins.iamjanitor.core.approval.ApprovalOutcome;
import io.jenkins.plugins.iamjanitor.core.approval.UserDecision;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionResult;
import io.jenkins.plugins.iamjanitor.core.doc.Document;
import io.jenkins.plugins.iamjanitor.core.policy.CredentialEvidence;
import io.jenkins.plugins.iamjanitor.core.policy.Verdict;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Builds what the review ticket says: the summary, a description with the users table (name, days inactive, last use
 * per credential, exemption notes) and the approval record, the labels, and the comments added later (approval,
 * deletion outcome). Format-neutral: the tracker adapter renders the {@link Document}.
 */
public final class ReviewTicketComposer {
    /** Every review ticket carries this label; the tracker finds open reviews by it plus the account id. */
    public static final String LABEL = "iam-janitor";
    public static final List<String> USER_TABLE_HEADERS =
            List.of("User", "Days inactive", "Last use per credential", "Exemption notes");

    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MINUTE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    /**
     * What the ticket is about.
     *
     * @param accountAlias    shown beside the id when known; may be null
     * @param candidates      the users under review (their verdicts)
     * @param exemptionNotes  per user name, a note for the approver (e.g. "exempt tag removed 2024-05-01"); may be null
     * @param approval        the decisions so far; null while pending
     * @param buildUrl        link to the Jenkins build; may be null
     * @param fields          tracker extras (components, priority, assignee, custom fields); may be null
     */
    public record Input(
            String reviewId,
            String accountId,
            String accountAlias,
            List<Verdict> candidates,
            Map<String, String> exemptionNotes,
            ApprovalOutcome approval,
            String buildUrl,
            Map<String, Object> fields) {
        public Input {
            Objects.requireNonNull(reviewId, "reviewId");
            Objects.requireNonNull(accountId, "accountId");
            candidates = List.copyOf(candidates);
            exemptionNotes = exemptionNotes == null ? Map.of() : Map.copyOf(exemptionNotes);
            fields = fields == null ? Map.of() : Map.copyOf(fields);
        }
    }

    public ReviewTicket compose(Input input) {
        List<String> users = input.candidates().stream().map(v -> v.user().userName()).toList();
        return new ReviewTicket(input.reviewId(), input.accountId(), users, summary(input), description(input),
                List.of(LABEL, input.accountId()), input.fields());
    }

    public static String summary(Input input) {
        int n = input.candidates().size();
        return "IAM Janitor: " + n + " inactive user" + (n == 1 ? "" : "s") + " in " + input.accountId()
                + (input.accountAlias() == null || input.accountAlias().isBlank() ? ""
                        : " (" + input.accountAlias() + ")");
    }

    private Document description(Input input) {
        String account = input.accountId()
                + (input.accountAlias() == null || input.accountAlias().isBlank() ? "" : " (" + input.accountAlias() + ")");
        Document.Builder doc = Document.builder()
                .paragraph("IAM Janitor found " + input.candidates().size() + " IAM user(s) in AWS account " + account
                        + " with no activity for longer than the policy threshold. Review id: " + input.reviewId() + ".")
                .heading(2, "Users under review")
                .table(USER_TABLE_HEADERS, userRows(input));
        doc.heading(2, "Approval");
        if (input.approval() == null) {
            doc.paragraph("Pending: nothing is deleted until an approver decides.");
        } else {
            doc.append(approvalSection(input.approval()));
        }
        if (input.buildUrl() != null && !input.buildUrl().isBlank()) {
            doc.link("Jenkins build", input.buildUrl());
        }
        doc.paragraph("Only approved users are deleted, after a fresh activity re-check and a backup snapshot.");
        return doc.build();
    }

    private List<List<String>> userRows(Input input) {
        List<List<String>> rows = new ArrayList<>();
        for (Verdict v : input.candidates()) {
            String name = v.user().userName();
            rows.add(List.of(name, v.daysInactive() < 0 ? "never active" : String.valueOf(v.daysInactive()),
                    lastUse(v.evidence()), input.exemptionNotes().getOrDefault(name, "none")));
        }
        return rows;
    }

    /** One line per credential, e.g. "access key AKIA...: last used 2024-05-01 (s3 in eu-west-1)". */
    static String lastUse(List<CredentialEvidence> evidence) {
        if (evidence.isEmpty()) {
            return "no credentials";
        }
        List<String> lines = new ArrayList<>();
        for (CredentialEvidence e : evidence) {
            String what = kindLabel(e) + (e.id() == null ? "" : " " + e.id());
            String when = switch (e.basis()) {
                case LAST_USED -> "last used " + day(e.date());
                case CREATED_NEVER_USED -> "never used (created " + day(e.date()) + ")";
                case UNKNOWN -> "no last-used data";
                case DISABLED -> "disabled" + (e.date() == null ? "" : " (last " + day(e.date()) + ")");
            };
            lines.add(what + ": " + when + (e.detail() == null || e.detail().isBlank() ? "" : " - " + e.detail()));
        }
        return String.join("\n", lines);
    }

    private static String kindLabel(CredentialEvidence e) {
        return switch (e.kind()) {
            case CONSOLE_PASSWORD -> "console password";
            case ACCESS_KEY -> "access key";
            case SSH_PUBLIC_KEY -> "SSH key";
            case SIGNING_CERTIFICATE -> "signing certificate";
            case SERVICE_SPECIFIC_CREDENTIAL -> "service credential";
            case MFA_DEVICE -> "MFA device";
            case USER -> "user";
        };
    }

    /** The decisions as a table: who decided what, when, through which channel. */
    public Document approvalSection(ApprovalOutcome approval) {
        Document.Builder doc = Document.builder();
        if (approval.decisions().isEmpty()) {
            doc.paragraph(approval.timedOut() ? "The approval request timed out with no decision; every user is kept."
                    : "No decision yet.");
            return doc.build();
        }
        List<List<String>> rows = new ArrayList<>();
        for (UserDecision d : approval.decisions()) {
            String who = d.approverName() == null || d.approverName().equals(d.approverId())
                    ? d.approverId() : d.approverName() + " (" + d.approverId() + ")";
            rows.add(List.of(d.userName(), d.decision().name(), who, MINUTE.format(d.decidedAt()), d.channel()));
        }
        doc.table(List.of("User", "Decision", "Approver", "Decided at", "Channel"), rows);
        if (approval.timedOut()) {
            doc.paragraph("The approval request timed out; users without a decision are kept.");
        }
        return doc.build();
    }

    /** A comment recording the approval outcome. */
    public Document approvalComment(ApprovalOutcome approval) {
        return Document.builder()
                .paragraph("Approval recorded: " + approval.approved().size() + " approved, " + approval.kept().size()
                        + " kept.")
                .append(approvalSection(approval))
                .build();
    }

    /** A comment recording how each approved user's deletion ended. */
    public Document deletionComment(List<DeletionResult> results) {
        List<List<String>> rows = new ArrayList<>();
        for (DeletionResult r : results) {
            rows.add(List.of(r.userName(), r.status().name(), r.reason() == null ? "" : r.reason(),
                    r.backupFile() == null ? "" : r.backupFile()));
        }
        return Document.builder()
                .paragraph("Deletion outcome for " + results.size() + " approved user(s).")
                .table(List.of("User", "Status", "Reason", "Backup"), rows)
                .build();
    }

    private static String day(Instant instant) {
        return instant == null ? "unknown date" : DAY.format(instant);
    }
}
