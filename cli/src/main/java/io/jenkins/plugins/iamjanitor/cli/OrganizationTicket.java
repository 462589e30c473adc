package io.jenkins.plugins.iamjanitor.cli;

import io.jenkins.plugins.iamjanitor.core.doc.Document;
import io.jenkins.plugins.iamjanitor.core.org.AccountFilter;
import io.jenkins.plugins.iamjanitor.core.org.AccountOutcome;
import io.jenkins.plugins.iamjanitor.core.org.OrganizationRun;
import io.jenkins.plugins.iamjanitor.core.port.TicketTracker;
import io.jenkins.plugins.iamjanitor.core.review.ReviewRecord;
import io.jenkins.plugins.iamjanitor.core.ticket.ReviewTicket;
import io.jenkins.plugins.iamjanitor.core.ticket.TicketRef;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The umbrella ticket of a {@code review --organization} run: one ticket for the run, filed after the accounts'
 * reviews (so that it can name their tickets), with a table of every account, and each account's own review ticket
 * linked to it. It is found again, not duplicated, on a re-run the same (UTC) day from the same account: its review
 * label is {@code iam-janitor-review-org-<run account>-<date>}; a re-run comments the current table on it.
 */
final class OrganizationTicket {
    static final String LABEL = "iam-janitor-organization";
    private static final List<String> HEADERS =
            List.of("Account", "Name", "Result", "Inactive", "Approved", "Outcome or failure", "Ticket");

    /** One account of the run as the umbrella shows it; {@code ticketKey} null when the account has no ticket. */
    record Row(String accountId, String name, String result, String inactive, String approved, String detail,
            String ticketKey) {
        List<String> cells() {
            return List.of(accountId, name, result, inactive, approved, detail, ticketKey == null ? "-" : ticketKey);
        }
    }

    /** What filing did: the umbrella, the tickets newly linked, and one line per link that failed. */
    record Filed(TicketRef umbrella, List<String> linked, List<String> failures) {
    }

    private final TicketTracker tracker;
    private final Clock clock;

    OrganizationTicket(TicketTracker tracker, Clock clock) {
        this.tracker = tracker;
        this.clock = clock;
    }

    static List<Row> rows(OrganizationRun<ReviewRecord> run) {
        List<Row> rows = new ArrayList<>();
        for (AccountOutcome<ReviewRecord> o : run.outcomes()) {
            ReviewRecord r = o.result();
            rows.add(new Row(o.account().id(), o.account().name(), o.failed() ? "FAILED" : "OK",
                    r == null ? "-" : String.valueOf(r.candidates().size()),
                    r == null ? "-" : String.valueOf(r.approvedCandidates().size()),
                    o.failed() ? o.failure() : r.status().name().toLowerCase(java.util.Locale.ROOT),
                    r == null || r.ticket() == null ? null : r.ticket().key()));
        }
        for (AccountFilter.Skipped s : run.skipped()) {
            rows.add(new Row(s.account().id(), s.account().name(), "SKIPPED", "-", "-", s.reason(), null));
        }
        return rows;
    }

    /**
     * Opens (or finds) the umbrella and links every account ticket to it. A link that fails is reported and the
     * others are still made; the umbrella itself failing throws, as any tracker call does.
     *
     * @param runAccount the account the run's credentials belong to (management or delegated administrator)
     */
    Filed file(String runAccount, List<Row> rows) {
        LocalDate day = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        long failed = rows.stream().filter(r -> r.result().equals("FAILED")).count();
        int inactive = rows.stream().filter(r -> r.inactive().matches("\\d+"))
                .mapToInt(r -> Integer.parseInt(r.inactive())).sum();
        String summary = "IAM Janitor: organisation review from " + runAccount + " on " + day + ": " + rows.size()
                + " account(s), " + inactive + " inactive user(s)" + (failed == 0 ? "" : ", " + failed + " failed");
        Document table = Document.builder().table(HEADERS, rows.stream().map(Row::cells).toList()).build();
        Document description = Document.builder()
                .paragraph("Organisation review run from AWS account " + runAccount + " (management or delegated"
                        + " administrator) on " + day + ". Each account was reviewed on its own, with its own"
                        + " approvals, record and ticket; the account tickets are linked to this one.")
                .append(table).build();
        TicketRef umbrella = tracker.openOrFind(new ReviewTicket("org-" + runAccount + "-" + day, runAccount,
                List.of(), summary, description, List.of(LABEL), Map.of()));
        if (!umbrella.created()) {
            tracker.comment(umbrella.key(), Document.builder()
                    .paragraph("Re-run at " + clock.instant() + ": the accounts now stand as follows.")
                    .append(table).build());
        }
        List<String> linked = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (Row r : rows) {
            if (r.ticketKey() == null || r.ticketKey().equals(umbrella.key())) {
                continue;
            }
            try {
                if (tracker.link(umbrella.key(), r.ticketKey())) {
                    linked.add(r.ticketKey());
                }
            } catch (RuntimeException e) {
                failures.add(r.accountId() + " " + r.ticketKey() + ": " + e.getMessage());
            }
        }
        return new Filed(umbrella, linked, failures);
    }
}
