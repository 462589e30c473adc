package io.jenkins.plugins.iamjanitor.core.review;

import io.jenkins.plugins.iamjanitor.core.policy.Outcome;
import io.jenkins.plugins.iamjanitor.core.policy.Verdict;
import io.jenkins.plugins.iamjanitor.core.scan.ScanResult;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** What the scan saw, in counts: enough for a report's summary without keeping every active user's verdict. */
public record ScanSummary(Instant scannedAt, int usersScanned, Map<Outcome, Integer> outcomes,
        List<String> exemptUsers) {
    public ScanSummary {
        outcomes = Map.copyOf(outcomes);
        exemptUsers = exemptUsers == null ? List.of() : List.copyOf(exemptUsers);
    }

    public static ScanSummary of(ScanResult result) {
        Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
        for (Verdict v : result.verdicts()) {
            counts.merge(v.outcome(), 1, Integer::sum);
        }
        List<String> exempt = result.verdicts().stream()
                .filter(v -> v.outcome() == Outcome.EXEMPT)
                .map(v -> v.user().userName())
                .toList();
        return new ScanSummary(result.scannedAt(), result.verdicts().size(), counts, exempt);
    }

    public int count(Outcome outcome) {
        return outcomes.getOrDefault(outcome, 0);
    }
}
