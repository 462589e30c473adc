package io.jenkins.plugins.iamjanitor.core.activity;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What a reviewer needs to know about one user's recent CloudTrail activity: the last few events, how many events
 * each AWS service recorded, the last console sign-in, and a plain statement when there was nothing at all.
 *
 * @param recentEvents     the newest {@code lastN} events, newest first
 * @param countsBySource   event source to number of events, most frequent first
 * @param lastConsoleSignIn the newest {@code ConsoleLogin} event (success or failure), if any
 * @param failedRegions    regions that could not be queried: the summary is incomplete for them
 */
public record ActivitySummary(
        String userName,
        Instant since,
        Instant until,
        int totalEvents,
        List<ActivityEvent> recentEvents,
        Map<String, Integer> countsBySource,
        Optional<ActivityEvent> lastConsoleSignIn,
        Map<String, String> failedRegions) {

    /** CloudTrail event history keeps 90 days of management events; nothing older can be looked up. */
    public static final Duration MAX_LOOKBACK = Duration.ofDays(90);
    public static final int DEFAULT_LAST_N = 10;
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    public ActivitySummary {
        recentEvents = List.copyOf(recentEvents);
        countsBySource = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(countsBySource));
        failedRegions = java.util.Collections.unmodifiableMap(new TreeMap<>(failedRegions));
    }

    /**
     * Summarises a lookup. {@code since} is clamped to the 90-day window CloudTrail can answer for, so the summary
     * never claims to cover more than was actually searched.
     */
    public static ActivitySummary of(ActivityLookup lookup, Instant since, Instant now, int lastN) {
        if (lastN < 1) {
            throw new IllegalArgumentException("lastN must be at least 1, got " + lastN);
        }
        Instant earliest = now.minus(MAX_LOOKBACK);
        Instant from = since == null || since.isBefore(earliest) ? earliest : since;
        List<ActivityEvent> sorted = lookup.events().stream()
                .sorted(Comparator.comparing(ActivityEvent::eventTime, Comparator.nullsLast(Comparator.reverseOrder())))
                .toList();
        Map<String, Long> counts = sorted.stream().collect(Collectors.groupingBy(
                e -> e.eventSource() == null ? "(unknown)" : e.eventSource(), Collectors.counting()));
        Map<String, Integer> bySource = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> bySource.put(e.getKey(), e.getValue().intValue()));
        Optional<ActivityEvent> signIn = sorted.stream().filter(e -> "ConsoleLogin".equals(e.eventName())).findFirst();
        return new ActivitySummary(lookup.userName(), from, now, sorted.size(),
                sorted.subList(0, Math.min(lastN, sorted.size())), bySource, signIn, lookup.failedRegions());
    }

    public boolean noEvents() {
        return totalEvents == 0;
    }

    public boolean complete() {
        return failedRegions.isEmpty();
    }

    /** Whole days the summary covers (90 for the full CloudTrail window). */
    public long windowDays() {
        return Math.max(0, Duration.between(since, until).plusHours(12).toDays());
    }

    /** One plain sentence for the top of a comment or report section. */
    public String headline() {
        String window = "in the last " + windowDays() + " days (since " + TIME.format(since) + ")";
        String incomplete = complete() ? "" : " in the regions that answered; " + failedRegions.size()
                + (failedRegions.size() == 1 ? " region" : " regions") + " could not be queried ("
                + String.join(", ", failedRegions.keySet()) + "), so this may be incomplete";
        if (noEvents()) {
            return "No CloudTrail events for " + userName + " " + window + incomplete + ".";
        }
        ActivityEvent newest = recentEvents.get(0);
        return totalEvents + (totalEvents == 1 ? " CloudTrail event" : " CloudTrail events") + " for " + userName
                + " " + window + incomplete + "; the latest was " + newest.eventName() + " ("
                + newest.eventSource() + ") at " + format(newest.eventTime()) + ".";
    }

    /** The last console sign-in in words, or a plain statement that there was none in the window. */
    public String signInLine() {
        if (lastConsoleSignIn.isEmpty()) {
            return "No console sign-in in the last " + windowDays() + " days.";
        }
        ActivityEvent e = lastConsoleSignIn.get();
        String result = e.consoleLoginResult() == null ? "result not recorded" : e.consoleLoginResult();
        String mfa = e.mfaUsed() == null ? "MFA not recorded" : e.mfaUsed() ? "MFA used" : "without MFA";
        StringBuilder line = new StringBuilder("Last console sign-in: ").append(format(e.eventTime()))
                .append(", ").append(result).append(", ").append(mfa);
        if (e.sourceIp() != null) {
            line.append(", from ").append(e.sourceIp());
        }
        if (e.region() != null) {
            line.append(" (").append(e.region()).append(')');
        }
        if (e.errorCode() != null) {
            line.append(", error ").append(e.errorCode());
        }
        return line.append('.').toString();
    }

    static String format(Instant time) {
        return time == null ? "(unknown time)" : TIME.format(time);
    }
}
