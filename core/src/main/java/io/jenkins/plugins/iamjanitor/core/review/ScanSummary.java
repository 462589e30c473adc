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
/**
 * What the scan saw: counts per outcome, and every user's verdict in a few fields ({@link ScannedUser}) so that
 * reports can show the users a reviewer checks by hand (unknown activity, grace period, exempt) and a picture of the
 * whole account. {@code users} and {@code threshold} are empty/null in records written before they existed.
 *
 * @param exemptReasons per exempt user, the rule that exempted it and the rule's reason (the verdict's reason line);
 *                      empty in records written before it existed
 */
public record ScanSummary(Instant scannedAt, int usersScanned, Map<Outcome, Integer> outcomes,
        List<String> exemptUsers, Map<String, String> exemptReasons, Duration threshold, List<ScannedUser> users) {
    public ScanSummary {
        outcomes = Map.copyOf(outcomes);
        exemptUsers = exemptUsers == null ? List.of() : List.copyOf(exemptUsers);
        exemptReasons = exemptReasons == null ? Map.of() : Map.copyOf(exemptReasons);
        users = users == null ? List.of() : List.copyOf(users);
    }

    public ScanSummary(Instant scannedAt, int usersScanned, Map<Outcome, Integer> outcomes,
            List<String> exemptUsers) {
        this(scannedAt, usersScanned, outcomes, exemptUsers, Map.of(), null, List.of());
    }

    /** E.g. {@code svc-ci (exempt: user name matches 'svc-*'; reason: CI service accounts)}. */
    public List<String> exemptUsersWithReasons() {
        return exemptUsers.stream()
                .map(u -> exemptReasons.containsKey(u) ? u + " (" + exemptReasons.get(u) + ")" : u)
                .toList();
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
        Map<String, String> reasons = new java.util.LinkedHashMap<>();
        result.verdicts().stream().filter(v -> v.outcome() == Outcome.EXEMPT)
                .forEach(v -> reasons.put(v.user().userName(), v.reason()));
        return new ScanSummary(result.scannedAt(), result.verdicts().size(), counts, exempt, reasons,
                result.threshold(), result.verdicts().stream().map(ScannedUser::of).toList());
    }

    public int count(Outcome outcome) {
        return outcomes.getOrDefault(outcome, 0);
    }

    /** The scanned users with one outcome, in scan order. */
    public List<ScannedUser> users(Outcome outcome) {
        return users.stream().filter(u -> u.outcome() == outcome).toList();
    }
}
