package io.jenkins.plugins.iamjanitor.core.report;

import io.jenkins.plugins.iamjanitor.core.approval.UserDecision;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionResult;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionStatus;
import io.jenkins.plugins.iamjanitor.core.policy.InactivityPolicy;
import io.jenkins.plugins.iamjanitor.core.policy.Outcome;
import io.jenkins.plugins.iamjanitor.core.policy.Verdict;
import io.jenkins.plugins.iamjanitor.core.review.ReviewRecord;
import io.jenkins.plugins.iamjanitor.core.review.ScanSummary;
import io.jenkins.plugins.iamjanitor.core.review.ScannedUser;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * What every report of a review shows, worked out once: the cards that add up to the users scanned, the overview
 * table, the users a reviewer checks by hand (unknown activity, grace period, exempt), the verdict on each CloudTrail
 * event newer than the evidence, and the data of the days-since-activity chart. HTML, Markdown and JSON render this
 * one model; the Jenkins build page can render {@link #overview()} the same way.
 *
 * @param population    one card per policy outcome; their counts add up to {@code usersScanned}
 * @param outcomes      what the review did: decisions and deletion results (zero deletion counts left out)
 * @param overview      flagged users first (most days inactive first), then unknown activity, grace period, exempt,
 *                      active; records written before per-user scan results existed list the flagged users only
 * @param scanned       every scanned user's verdict (empty for older records: the chart then shows the flagged ones)
 * @param thresholdDays the policy threshold in days; -1 when the record does not say
 */
public record ReportModel(
        String title,
        int usersScanned,
        List<Card> population,
        List<Card> outcomes,
        List<OverviewRow> overview,
        List<ScannedUser> unknownActivity,
        List<ScannedUser> gracePeriod,
        List<ScannedUser> exempt,
        List<EventsAfterEvidence.Note> eventsAfterEvidence,
        List<ScannedUser> scanned,
        long thresholdDays) {

    /** A summary number; {@code key} is stable for machines (JSON, CSS), {@code label} is for people. */
    public record Card(String key, String label, int count) {
    }

    private static final List<Outcome> ORDER = List.of(Outcome.INACTIVE, Outcome.UNKNOWN_ACTIVITY,
            Outcome.GRACE_PERIOD, Outcome.EXEMPT, Outcome.ACTIVE);

    public static ReportModel of(ReviewRecord r) {
        ScanSummary scan = r.scan();
        List<ScannedUser> scanned = scan == null ? List.of() : scan.users();
        if (scanned.isEmpty()) {
            scanned = r.candidates().stream().map(ScannedUser::of).toList();
        }
        ReportSummary summary = ReportSummary.of(r);
        List<Card> population = new ArrayList<>();
        for (Outcome o : ORDER) {
            population.add(new Card(key(o), label(o), scan == null ? 0 : scan.count(o)));
        }
        List<Card> outcomes = new ArrayList<>();
        outcomes.add(new Card("approved", "Approved for deletion", summary.approved()));
        outcomes.add(new Card("kept", "Kept by the approver", summary.kept()));
        outcomes.add(new Card("undecided", "No decision", summary.undecided()));
        for (Map.Entry<String, DeletionStatus> e : Map.of("deleted", DeletionStatus.DELETED, "planned",
                DeletionStatus.PLANNED, "kept-at-recheck", DeletionStatus.KEPT, "already-gone",
                DeletionStatus.NOT_FOUND, "skipped", DeletionStatus.SKIPPED, "failed", DeletionStatus.FAILED)
                .entrySet().stream().sorted(Map.Entry.comparingByValue()).toList()) {
            if (summary.deletions(e.getValue()) > 0) {
                outcomes.add(new Card(e.getKey(), statusLabel(e.getValue()), summary.deletions(e.getValue())));
            }
        }
        return new ReportModel(ReviewReport.title(r), summary.usersScanned(), population, outcomes,
                overview(r, scanned), scanned.stream().filter(u -> u.outcome() == Outcome.UNKNOWN_ACTIVITY).toList(),
                scanned.stream().filter(u -> u.outcome() == Outcome.GRACE_PERIOD).toList(),
                scanned.stream().filter(u -> u.outcome() == Outcome.EXEMPT).toList(),
                EventsAfterEvidence.of(r), scanned,
                scan == null || scan.threshold() == null ? -1 : scan.threshold().toDays());
    }

    /**
     * The overview table's rows for a review record: the reusable part of every report (the Jenkins build page
     * renders these rows too).
     */
    public static List<OverviewRow> overview(ReviewRecord r) {
        return of(r).overview();
    }

    private static List<OverviewRow> overview(ReviewRecord r, List<ScannedUser> scanned) {
        List<OverviewRow> rows = new ArrayList<>();
        r.candidates().stream()
                .sorted(Comparator.comparingLong(Verdict::daysInactive).reversed())
                .forEach(v -> rows.add(flaggedRow(r, v)));
        for (Outcome o : ORDER.subList(1, ORDER.size())) {
            scanned.stream().filter(u -> u.outcome() == o)
                    .sorted(Comparator.comparingLong(ScannedUser::daysInactive).reversed())
                    .forEach(u -> rows.add(new OverviewRow(u.userName(), nz(r.accountId()),
                            o == Outcome.ACTIVE ? null : anchor(u.userName()), label(o).toLowerCase(),
                            u.daysInactive(), nz(u.driving()), "", "", "", "", "", "", false)));
        }
        return rows;
    }

    private static OverviewRow flaggedRow(ReviewRecord r, Verdict v) {
        String user = v.user().userName();
        UserDecision d = r.decisionFor(user).orElse(null);
        DeletionResult x = r.deletionFor(user).orElse(null);
        String decision = d != null ? d.decision().name().toLowerCase()
                : r.approval() == null ? "pending" : "no decision";
        String by = d == null ? "" : d.approverName() == null || d.approverName().equals(d.approverId())
                ? d.approverId() : d.approverName() + " (" + d.approverId() + ")";
        return new OverviewRow(user, nz(r.accountId()), anchor(user), label(v.outcome()).toLowerCase(),
                v.daysInactive(), v.driving() == null ? "" : InactivityPolicy.label(v.driving()), decision, by,
                d == null ? "" : nz(d.channel()), x == null ? "not deleted" : x.status().name(),
                x == null ? "" : nz(ReportDates.inText(x.reason())), x == null ? "" : nz(x.backupFile()), true);
    }

    /** The HTML id of a user's detail section (flagged users) or section row (unknown, grace, exempt). */
    public static String anchor(String userName) {
        return "user-" + userName;
    }

    static String label(Outcome o) {
        return switch (o) {
            case INACTIVE -> "Inactive";
            case EXEMPT -> "Exempt";
            case ACTIVE -> "Active";
            case GRACE_PERIOD -> "Grace period";
            case UNKNOWN_ACTIVITY -> "Unknown activity";
        };
    }

    static String key(Outcome o) {
        return o.name().toLowerCase().replace('_', '-');
    }

    private static String statusLabel(DeletionStatus s) {
        return switch (s) {
            case DELETED -> "Deleted";
            case PLANNED -> "Planned (dry run)";
            case KEPT -> "Kept at the live re-check";
            case NOT_FOUND -> "Already gone";
            case SKIPPED -> "Skipped (cap)";
            case FAILED -> "Failed";
            case QUARANTINED -> "Quarantined";
            case WANTED_BACK -> "Wanted back?";
            case RELEASED -> "Released";
        };
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
