package io.jenkins.plugins.iamjanitor.integrations.aws.cloudtrail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.jenkins.plugins.iamjanitor.core.activity.ActivityEvent;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import software.amazon.awssdk.services.cloudtrail.model.Event;

/**
 * Turns a LookupEvents {@link Event} into an {@link ActivityEvent}. The fields a reviewer needs (source IP, user agent,
 * error code, console sign-in result, MFA) live only in the {@code CloudTrailEvent} JSON string; a record that cannot
 * be parsed still yields the event, with those fields empty, because the event itself is evidence.
 */
final class CloudTrailEventParser {
    private final ObjectMapper mapper = new ObjectMapper();

    ActivityEvent parse(Event event, String queriedRegion) {
        JsonNode record = record(event.cloudTrailEvent());
        String region = text(record, "awsRegion");
        Instant time = event.eventTime() != null ? event.eventTime() : instant(text(record, "eventTime"));
        String accessKey = event.accessKeyId() != null ? event.accessKeyId()
                : text(record.path("userIdentity"), "accessKeyId");
        String mfa = text(record.path("additionalEventData"), "MFAUsed");
        return new ActivityEvent(
                event.eventId() != null ? event.eventId() : text(record, "eventID"),
                time,
                event.eventName() != null ? event.eventName() : text(record, "eventName"),
                event.eventSource() != null ? event.eventSource() : text(record, "eventSource"),
                region != null ? region : queriedRegion,
                text(record, "sourceIPAddress"),
                text(record, "userAgent"),
                accessKey,
                text(record, "errorCode"),
                event.username() != null ? event.username() : text(record.path("userIdentity"), "userName"),
                text(record.path("responseElements"), "ConsoleLogin"),
                mfa == null ? null : "Yes".equalsIgnoreCase(mfa));
    }

    private JsonNode record(String json) {
        if (json == null || json.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            JsonNode node = mapper.readTree(json);
            return node == null ? MissingNode.getInstance() : node;
        } catch (JsonProcessingException e) {
            return MissingNode.getInstance();
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isValueNode() && !value.isNull() ? value.asText() : null;
    }

    private static Instant instant(String text) {
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
