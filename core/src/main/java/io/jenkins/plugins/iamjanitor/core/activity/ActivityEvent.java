package io.jenkins.plugins.iamjanitor.core.activity;

import java.time.Instant;

/**
 * One CloudTrail management event attributed to a user or one of its access keys.
 *
 * @param consoleLoginResult for ConsoleLogin events: "Success" or "Failure"; null otherwise
 * @param mfaUsed            for ConsoleLogin events; null when not stated
 */
public record ActivityEvent(
        String eventId,
        Instant eventTime,
        String eventName,
        String eventSource,
        String region,
        String sourceIp,
        String userAgent,
        String accessKeyId,
        String errorCode,
        String username,
        String consoleLoginResult,
        Boolean mfaUsed) {
}
