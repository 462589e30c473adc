package io.jenkins.plugins.iamjanitor.core.review;

import io.jenkins.plugins.iamjanitor.core.policy.Outcome;
import io.jenkins.plugins.iamjanitor.core.policy.Verdict;
import io.jenkins.plugins.iamjanitor.core.scan.ScanResult;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What the scan saw: counts per outcome, and every user's verdict in a few fields ({@link ScannedUser}) so that
 * reports can show the users a reviewer checks by hand (unknown activity, grace period, exempt) and a picture of the
 * whole account. {@code users} and {@code threshold} are empty/null in records written before they existed.
 */
public record ScanSummary(Instant scannedAt, int usersScanned, Map<Outcome, Integer> outcomes,
        List<String> exemptUsers, Duration threshold, List<ScannedUser> users) {
    public ScanSummary {
        outcomes = Map.copyOf(outcomes);
        exemptUsers = exemptUsers == null ? List.of() : List.copyOf(exemptUsers);
        users = users == null ? List.of() : List.copyOf(users);
    }

    public ScanSummary(Instant scannedAt, int usersScanned, Map<Outcome, Integer> outcomes,
            List<String> exemptUsers) {
        this(scannedAt, usersScanned, outcomes, exemptUsers, null, List.of());
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
        return new ScanSummary(result.scannedAt(), result.verdicts().size(), counts, exempt, result.threshold(),
                result.verdicts().stream().map(ScannedUser::of).toList());
    }

    public int count(Outcome outcome) {
        return outcomes.getOrDefault(outcome, 0);
    }

    /** The scanned users with one outcome, in scan order. */
    public List<ScannedUser> users(Outcome outcome) {
        return users.stream().filter(u -> u.outcome() == outcome).toList();
    }
}
