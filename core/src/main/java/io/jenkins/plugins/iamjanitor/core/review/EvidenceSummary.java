package io.jenkins.plugins.iamjanitor.core.review;

import io.jenkins.plugins.iamjanitor.core.activity.ActivityEvent;
import io.jenkins.plugins.iamjanitor.core.activity.ActivityLookup;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The CloudTrail highlights kept in the review record for one user: small enough to store and report, enough to
 * judge. Full event lists stay in CloudTrail.
 *
 * @param since            start of the looked-up window
 * @param totalEvents      events found (de-duplicated)
 * @param recent           the newest events, newest first, at most {@link #RECENT_LIMIT}
 * @param countsBySource   event source (e.g. {@code iam.amazonaws.com}) to count
 * @param lastConsoleLogin the newest ConsoleLogin event, successful or not; null when none
 * @param eventsAfterEvidence events newer than the last activity the approver was shown: worth a look
 * @param useAfterEvidence    the newest of those that succeeded (no error code, not a failed sign-in): someone used
 *                            the user's credentials after the approval's evidence; null when none
 * @param failedRegions    region to one-line error for regions that could not be queried
 */
public record EvidenceSummary(
        String userName,
        Instant since,
        int totalEvents,
        List<ActivityEvent> recent,
        Map<String, Integer> countsBySource,
        ActivityEvent lastConsoleLogin,
        int eventsAfterEvidence,
        ActivityEvent useAfterEvidence,
        Map<String, String> failedRegions) {
    public static final int RECENT_LIMIT = 10;

    public EvidenceSummary {
        recent = List.copyOf(recent);
        countsBySource = Map.copyOf(countsBySource);
        failedRegions = failedRegions == null ? Map.of() : Map.copyOf(failedRegions);
    }

    /** @param evidenceLastActivity the date the approval is based on (null: no activity ever) */
    public static EvidenceSummary of(ActivityLookup lookup, Instant since, Instant evidenceLastActivity) {
        List<ActivityEvent> newestFirst = lookup.events().stream()
                .sorted(Comparator.comparing(ActivityEvent::eventTime,
                        Comparator.nullsLast(Comparator.<Instant>reverseOrder())))
                .toList();
        Map<String, Integer> bySource = new TreeMap<>();
        for (ActivityEvent e : newestFirst) {
            bySource.merge(e.eventSource() == null ? "unknown" : e.eventSource(), 1, Integer::sum);
        }
        ActivityEvent login = newestFirst.stream()
                .filter(e -> "ConsoleLogin".equals(e.eventName()))
                .findFirst().orElse(null);
        List<ActivityEvent> after = newestFirst.stream()
                .filter(e -> e.eventTime() != null
                        && (evidenceLastActivity == null || e.eventTime().isAfter(evidenceLastActivity)))
                .toList();
        ActivityEvent use = after.stream().filter(EvidenceSummary::succeeded).findFirst().orElse(null);
        return new EvidenceSummary(lookup.userName(), since, newestFirst.size(),
                newestFirst.subList(0, Math.min(RECENT_LIMIT, newestFirst.size())), bySource, login, after.size(),
                use, lookup.failedRegions());
    }

    /** A call that went through: no error code, and not a failed console sign-in (a failure proves no access). */
    public static boolean succeeded(ActivityEvent e) {
        return e.errorCode() == null && !"Failure".equalsIgnoreCase(e.consoleLoginResult());
    }
}
