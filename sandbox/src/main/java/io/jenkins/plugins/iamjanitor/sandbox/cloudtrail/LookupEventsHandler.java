package io.jenkins.plugins.iamjanitor.sandbox.cloudtrail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/** Validates a LookupEvents request the way CloudTrail does and answers one page of events. */
final class LookupEventsHandler {
    static final Set<String> KEYS = Set.of("EventId", "EventName", "ReadOnly", "Username", "ResourceType",
            "ResourceName", "EventSource", "AccessKeyId");
    static final int MAX_RESULTS = 50;
    static final Duration HISTORY = Duration.ofDays(90);

    private final TrailEventStore store;
    private final ObjectMapper mapper;
    private final String accountId;

    LookupEventsHandler(TrailEventStore store, ObjectMapper mapper, String accountId) {
        this.store = store;
        this.mapper = mapper;
        this.accountId = accountId;
    }

    JsonNode lookup(String region, JsonNode request, Instant now) {
        String key = null;
        String value = null;
        JsonNode attributes = request.path("LookupAttributes");
        if (attributes.size() > 1) {
            throw new AwsError("InvalidLookupAttributesException", "You can only specify one lookup attribute.");
        }
        if (attributes.size() == 1) {
            key = attributes.get(0).path("AttributeKey").asText(null);
            value = attributes.get(0).path("AttributeValue").asText(null);
            if (key == null || !KEYS.contains(key)) {
                throw new AwsError("InvalidLookupAttributesException", "Unknown AttributeKey " + key);
            }
            if (value == null || value.isEmpty() || value.length() > 2000) {
                throw new AwsError("InvalidLookupAttributesException", "AttributeValue must be 1 to 2000 characters");
            }
        }
        int maxResults = request.path("MaxResults").asInt(MAX_RESULTS);
        if (maxResults < 1 || maxResults > MAX_RESULTS) {
            throw new AwsError("InvalidMaxResultsException", "MaxResults must be between 1 and 50");
        }
        Instant end = time(request.get("EndTime"), now);
        Instant start = time(request.get("StartTime"), now.minus(HISTORY));
        if (start.isAfter(end)) {
            throw new AwsError("InvalidTimeRangeException", "StartTime must be before EndTime");
        }
        if (start.isBefore(now.minus(HISTORY))) {
            start = now.minus(HISTORY); // event history holds 90 days; older starts are accepted and answer less
        }
        // A token is bound to the query as the client wrote it (not to "now"), like CloudTrail's own tokens.
        String query = key + "=" + value + "|" + request.path("StartTime").asText() + "|"
                + request.path("EndTime").asText() + "|" + region;
        int offset = 0;
        if (request.hasNonNull("NextToken")) {
            offset = decodeToken(request.get("NextToken").asText(), query);
        }
        List<TrailEvent> matches = store.find(region, key, value, start, end);
        ObjectNode response = mapper.createObjectNode();
        ArrayNode events = response.putArray("Events");
        int to = Math.min(matches.size(), offset + maxResults);
        for (TrailEvent e : matches.subList(Math.min(offset, to), to)) {
            events.add(toJson(e));
        }
        if (to < matches.size()) {
            response.put("NextToken", encodeToken(to, query));
        }
        return response;
    }

    private ObjectNode toJson(TrailEvent e) {
        ObjectNode node = mapper.createObjectNode();
        node.put("EventId", e.eventId());
        node.put("EventName", e.eventName());
        node.put("ReadOnly", Boolean.toString(e.readOnly()));
        if (e.accessKeyId() != null) {
            node.put("AccessKeyId", e.accessKeyId());
        }
        node.put("EventTime", e.eventTime().toEpochMilli() / 1000.0);
        node.put("EventSource", e.eventSource());
        if (e.userName() != null) {
            node.put("Username", e.userName());
        }
        node.putArray("Resources");
        node.put("CloudTrailEvent", e.cloudTrailEventJson(mapper, accountId));
        return node;
    }

    private static Instant time(JsonNode node, Instant fallback) {
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (node.isNumber()) {
            return Instant.ofEpochMilli(Math.round(node.asDouble() * 1000));
        }
        try {
            return Instant.parse(node.asText());
        } catch (java.time.format.DateTimeParseException e) {
            throw new AwsError("SerializationException", "Cannot parse timestamp " + node.asText());
        }
    }

    private static String encodeToken(int offset, String query) {
        String raw = offset + ":" + Integer.toHexString(query.hashCode());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static int decodeToken(String token, String query) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            int colon = raw.indexOf(':');
            if (colon > 0 && raw.substring(colon + 1).equals(Integer.toHexString(query.hashCode()))) {
                return Integer.parseInt(raw.substring(0, colon));
            }
        } catch (IllegalArgumentException e) {
            // falls through to the error below
        }
        throw new AwsError("InvalidNextTokenException", "Invalid NextToken: it belongs to another query");
    }

    /** A CloudTrail client error (HTTP 400 with {@code __type}). */
    static final class AwsError extends RuntimeException {
        private final String type;

        AwsError(String type, String message) {
            super(message);
            this.type = type;
        }

        String type() {
            return type;
        }
    }
}
