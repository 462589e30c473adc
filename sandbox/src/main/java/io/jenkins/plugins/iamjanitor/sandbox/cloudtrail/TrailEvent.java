package io.jenkins.plugins.iamjanitor.sandbox.cloudtrail;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * One management event held by the emulator, with the fields LookupEvents can filter on and those that end up in the
 * {@code CloudTrailEvent} JSON string (source IP, user agent, error code, console sign-in result, MFA).
 *
 * @param consoleLogin "Success" or "Failure" for ConsoleLogin events, else null
 */
public record TrailEvent(
        String eventId,
        Instant eventTime,
        String eventName,
        String eventSource,
        String region,
        String userName,
        String accessKeyId,
        String sourceIp,
        String userAgent,
        String errorCode,
        String consoleLogin,
        Boolean mfaUsed,
        boolean readOnly) {

    /** The value a lookup attribute key matches against, or null if the key has no value on this event. */
    String attribute(String key) {
        return switch (key) {
            case "EventId" -> eventId;
            case "EventName" -> eventName;
            case "EventSource" -> eventSource;
            case "Username" -> userName;
            case "AccessKeyId" -> accessKeyId;
            case "ReadOnly" -> Boolean.toString(readOnly);
            default -> null; // ResourceType / ResourceName: the emulator records no resources
        };
    }

    /** The record CloudTrail would have delivered, shaped like the real one (eventVersion 1.08). */
    String cloudTrailEventJson(ObjectMapper mapper, String accountId) {
        ObjectNode root = mapper.createObjectNode();
        root.put("eventVersion", "1.08");
        ObjectNode identity = root.putObject("userIdentity");
        identity.put("type", "IAMUser");
        identity.put("principalId", "AIDA" + Integer.toHexString(String.valueOf(userName).hashCode()).toUpperCase());
        identity.put("arn", "arn:aws:iam::" + accountId + ":user/" + userName);
        identity.put("accountId", accountId);
        if (accessKeyId != null) {
            identity.put("accessKeyId", accessKeyId);
        }
        if (userName != null) {
            identity.put("userName", userName);
        }
        root.put("eventTime", eventTime.toString());
        root.put("eventSource", eventSource);
        root.put("eventName", eventName);
        root.put("awsRegion", region);
        root.put("sourceIPAddress", sourceIp);
        root.put("userAgent", userAgent);
        if (errorCode != null) {
            root.put("errorCode", errorCode);
            root.put("errorMessage", "Emulated " + errorCode);
        }
        if (consoleLogin != null) {
            root.putObject("responseElements").put("ConsoleLogin", consoleLogin);
            ObjectNode extra = root.putObject("additionalEventData");
            extra.put("LoginTo", "https://console.aws.amazon.com/console/home");
            extra.put("MobileVersion", "No");
            if (mfaUsed != null) {
                extra.put("MFAUsed", mfaUsed ? "Yes" : "No");
            }
        } else {
            root.putNull("responseElements");
        }
        root.put("eventID", eventId);
        root.put("readOnly", readOnly);
        root.put("eventType", consoleLogin != null
                ? "AwsConsoleSignIn" : "AwsApiCall");
        root.put("managementEvent", true);
        root.put("recipientAccountId", accountId);
        root.put("eventCategory", "Management");
        return root.toString();
    }
}
