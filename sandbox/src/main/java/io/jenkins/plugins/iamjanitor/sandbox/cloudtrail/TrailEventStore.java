package io.jenkins.plugins.iamjanitor.sandbox.cloudtrail;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** The emulator's event history, per region, seeded from a scenario section or generated for benchmarks. */
public final class TrailEventStore {
    private static final String[][] API_CALLS = {
        {"iam.amazonaws.com", "GetUser"}, {"iam.amazonaws.com", "ListAccessKeys"},
        {"s3.amazonaws.com", "ListBuckets"}, {"sts.amazonaws.com", "GetCallerIdentity"},
        {"ec2.amazonaws.com", "DescribeInstances"}, {"lambda.amazonaws.com", "ListFunctions"},
    };
    private final Map<String, List<TrailEvent>> byRegion = new ConcurrentHashMap<>();

    public void add(TrailEvent event) {
        byRegion.computeIfAbsent(event.region(), r -> new CopyOnWriteArrayList<>()).add(event);
    }

    public int size() {
        return byRegion.values().stream().mapToInt(List::size).sum();
    }

    /** Events in one region matching the attribute (null key: all), in [start, end], newest first. */
    List<TrailEvent> find(String region, String key, String value, Instant start, Instant end) {
        List<TrailEvent> matches = new ArrayList<>();
        for (TrailEvent e : byRegion.getOrDefault(region, List.of())) {
            boolean inRange = !e.eventTime().isBefore(start) && !e.eventTime().isAfter(end);
            if (inRange && (key == null || value.equals(e.attribute(key)))) {
                matches.add(e);
            }
        }
        matches.sort(Comparator.comparing(TrailEvent::eventTime).reversed().thenComparing(TrailEvent::eventId));
        return matches;
    }

    /**
     * Loads the {@code events} array of a scenario's {@code cloudtrail} section (format: docs/sandbox.md); times are
     * relative to {@code now}.
     */
    public void seed(JsonNode section, Instant now) {
        int index = 0;
        for (JsonNode e : section.path("events")) {
            index++;
            String where = "cloudtrail.events[" + (index - 1) + "]";
            String user = text(e, "userName");
            String key = text(e, "accessKeyId");
            if (user == null && key == null) {
                throw new IllegalArgumentException(where + " needs a userName or an accessKeyId");
            }
            Instant time = now.minus(Duration.ofDays(e.path("daysAgo").asLong(0)))
                    .minus(Duration.ofHours(e.path("hoursAgo").asLong(0)));
            String login = text(e, "consoleLogin");
            String name = text(e, "eventName");
            if (name == null) {
                name = login != null ? "ConsoleLogin" : "GetCallerIdentity";
            }
            String source = text(e, "eventSource");
            if (source == null) {
                source = "ConsoleLogin".equals(name) ? "signin.amazonaws.com" : "sts.amazonaws.com";
            }
            Boolean mfa = e.hasNonNull("mfaUsed") ? e.get("mfaUsed").asBoolean() : null;
            String id = text(e, "eventId");
            add(new TrailEvent(id == null ? seededId(index, user, key) : id, time, name, source,
                    e.path("region").asText("us-east-1"), user, key,
                    e.path("sourceIp").asText("203.0.113.10"), e.path("userAgent").asText("aws-cli/2.15.30"),
                    text(e, "errorCode"), login, mfa, e.path("readOnly").asBoolean(!"ConsoleLogin".equals(name))));
        }
    }

    /**
     * Adds {@code count} synthetic events for one user, spread over the last 89 days and across the regions; events
     * alternate between the access keys (API calls) and console sign-ins (no key).
     */
    public void generate(String userName, List<String> accessKeyIds, int count, List<String> regions, Instant now,
                         SplittableRandom random) {
        for (int i = 0; i < count; i++) {
            Instant time = now.minusSeconds(60 + random.nextLong(89L * 24 * 3600));
            String region = regions.get(i % regions.size());
            boolean signIn = accessKeyIds.isEmpty() || i % 5 == 0;
            if (signIn) {
                add(new TrailEvent(UUID.randomUUID().toString(), time, "ConsoleLogin", "signin.amazonaws.com", region,
                        userName, null, "198.51.100." + random.nextInt(1, 255), "Mozilla/5.0", null,
                        random.nextInt(10) == 0 ? "Failure" : "Success", random.nextBoolean(), false));
            } else {
                String[] call = API_CALLS[random.nextInt(API_CALLS.length)];
                add(new TrailEvent(UUID.randomUUID().toString(), time, call[1], call[0], region, userName,
                        accessKeyIds.get(i % accessKeyIds.size()), "203.0.113." + random.nextInt(1, 255),
                        "aws-cli/2.15.30", random.nextInt(20) == 0 ? "AccessDenied" : null, null, null, true));
            }
        }
    }

    private static String seededId(int index, String user, String key) {
        return UUID.nameUUIDFromBytes(("seed:" + index + ":" + user + ":" + key).getBytes(
                java.nio.charset.StandardCharsets.UTF_8)).toString();
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
