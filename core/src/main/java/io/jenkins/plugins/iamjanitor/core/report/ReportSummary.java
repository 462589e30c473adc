package io.jenkins.plugins.iamjanitor.core.report;

import io.jenkins.plugins.iamjanitor.core.approval.Decision;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionStatus;
import io.jenkins.plugins.iamjanitor.core.policy.Outcome;
import io.jenkins.plugins.iamjanitor.core.review.ReviewRecord;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** The counts at the top of every report. */
public record ReportSummary(
        int usersScanned,
        int inactive,
        int exempt,
        int approved,
        int kept,
        int undecided,
        Map<DeletionStatus, Integer> deletions) {

    public ReportSummary {
        deletions = Map.copyOf(deletions);
    }

    public static ReportSummary of(ReviewRecord r) {
        int approved = r.approvedCandidates().size();
        int kept = (int) r.candidates().stream()
                .filter(v -> r.decisionFor(v.user().userName()).map(d -> d.decision() == Decision.KEEP).orElse(false))
                .count();
        Map<DeletionStatus, Integer> byStatus = new EnumMap<>(DeletionStatus.class);
        r.deletions().forEach(d -> byStatus.merge(d.status(), 1, Integer::sum));
        return new ReportSummary(r.scan() == null ? 0 : r.scan().usersScanned(), r.candidates().size(),
                r.scan() == null ? 0 : r.scan().count(Outcome.EXEMPT), approved, kept,
                r.candidates().size() - approved - kept, byStatus);
    }

    public int deletions(DeletionStatus status) {
        return deletions.getOrDefault(status, 0);
    }

    /** Label to value, in display order. */
    public Map<String, Integer> asRows() {
        Map<String, Integer> rows = new LinkedHashMap<>();
        rows.put("Users scanned", usersScanned);
        rows.put("Inactive (under review)", inactive);
        rows.put("Exempt", exempt);
        rows.put("Approved for deletion", approved);
        rows.put("Kept by the approver", kept);
        rows.put("No decision", undecided);
        rows.put("Deleted", deletions(DeletionStatus.DELETED));
        rows.put("Planned (dry run)", deletions(DeletionStatus.PLANNED));
        rows.put("Kept at the live re-check", deletions(DeletionStatus.KEPT));
        rows.put("Already gone", deletions(DeletionStatus.NOT_FOUND));
        rows.put("Skipped (cap)", deletions(DeletionStatus.SKIPPED));
        rows.put("Failed", deletions(DeletionStatus.FAILED));
        // Only reviews that quarantined show these rows: a plain deletion review's summary stays as it was.
        Map<String, DeletionStatus> quarantine = new LinkedHashMap<>();
        quarantine.put("Quarantined", DeletionStatus.QUARANTINED);
        quarantine.put("Wanted back? (quarantine)", DeletionStatus.WANTED_BACK);
        quarantine.put("Released from quarantine", DeletionStatus.RELEASED);
        quarantine.forEach((label, status) -> {
            if (deletions(status) > 0) {
                rows.put(label, deletions(status));
            }
        });
        return rows;
    }
}
