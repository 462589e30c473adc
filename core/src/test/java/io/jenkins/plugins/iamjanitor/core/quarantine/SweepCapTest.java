package io.jenkins.plugins.iamjanitor.core.quarantine;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.iamjanitor.core.approval.ApprovalRecord;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionResult;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionStatus;
import io.jenkins.plugins.iamjanitor.core.review.ReviewPorts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SweepCapTest {
    private static ApprovalRecord approval(String user) {
        return new ApprovalRecord(user, "U1", "Ann", Instant.parse("2026-11-01T00:00:00Z"), "cli", null, null);
    }

    /** A deleter answering each user with the status the test chose; it records whom it was handed. */
    private static ReviewPorts.Deletion deleter(Map<String, DeletionStatus> statuses, List<String> handed) {
        return (approvals, progress) -> approvals.stream().map(a -> {
            handed.add(a.userName());
            return new DeletionResult(a.userName(), statuses.get(a.userName()), "test", null, List.of());
        }).toList();
    }

    @Test
    void countsEveryOneUserCallOfTheSweepAcrossDeleters() {
        SweepCap cap = new SweepCap(2);
        List<String> handed = new ArrayList<>();
        ReviewPorts.Deletion first = cap.around(deleter(Map.of("a", DeletionStatus.DELETED,
                "b", DeletionStatus.KEPT, "c", DeletionStatus.FAILED), handed));
        ReviewPorts.Deletion second = cap.around(deleter(Map.of("d", DeletionStatus.DELETED), handed));

        List<DeletionResult> results = new ArrayList<>();
        for (String u : List.of("a", "b", "c")) {
            results.addAll(first.delete(List.of(approval(u)), p -> { }));
        }
        results.addAll(second.delete(List.of(approval("d")), p -> { }));

        // a (deleted) and c (failed: it may have changed the user) count; b was kept and does not.
        assertThat(handed).containsExactly("a", "b", "c");
        assertThat(results).extracting(DeletionResult::status).containsExactly(DeletionStatus.DELETED,
                DeletionStatus.KEPT, DeletionStatus.FAILED, DeletionStatus.SKIPPED);
        assertThat(results.get(3).reason()).contains("cap of 2 deletions per sweep");
    }

    @Test
    void aDryRunSweepNamesWhatItWouldDeleteUpToTheCap() {
        SweepCap cap = new SweepCap(1);
        List<String> handed = new ArrayList<>();
        ReviewPorts.Deletion d = cap.around(deleter(Map.of("a", DeletionStatus.PLANNED,
                "b", DeletionStatus.PLANNED), handed));
        d.delete(List.of(approval("a"), approval("b")), p -> { });
        assertThat(cap.planned()).containsExactly("a");
        assertThat(handed).containsExactly("a");
    }
}
