package io.jenkins.plugins.iamjanitor.integrations.slack;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks that an HTTP request really comes from Slack (signing secret, v0 scheme): {@code X-Slack-Signature} must be
 * {@code v0=} + hex HMAC-SHA256 of {@code v0:{X-Slack-Request-Timestamp}:{raw body}}. Requests whose timestamp is more
 * than five minutes from now are refused, and so is a second request with a signature already seen in that window,
 * so a captured click cannot be replayed.
 */
public final class SlackRequestVerifier {
    public static final String SIGNATURE_HEADER = "X-Slack-Signature";
    public static final String TIMESTAMP_HEADER = "X-Slack-Request-Timestamp";
    public static final Duration WINDOW = Duration.ofMinutes(5);

    public enum Result {
        VALID,
        MISSING_HEADERS,
        MALFORMED_HEADERS,
        STALE,
        BAD_SIGNATURE,
        REPLAYED;

        /** 400 for requests that are not Slack requests at all, 401 for ones that fail authentication. */
        public int httpStatus() {
            return switch (this) {
                case VALID -> 200;
                case MISSING_HEADERS, MALFORMED_HEADERS -> 400;
                case STALE, BAD_SIGNATURE, REPLAYED -> 401;
            };
        }
    }

    private final SlackSecret signingSecret;
    private final Clock clock;
    private final SeenSignatures seen;

    /** With a per-process replay cache. */
    public SlackRequestVerifier(SlackSecret signingSecret, Clock clock) {
        this(signingSecret, clock, SeenSignatures.inMemory());
    }

    /** @param seen the replay cache, e.g. a {@link FileSeenSignatures} that survives restarts */
    public SlackRequestVerifier(SlackSecret signingSecret, Clock clock, SeenSignatures seen) {
        this.signingSecret = signingSecret;
        this.clock = clock;
        this.seen = seen;
    }

    public Result verify(String timestamp, String signature, byte[] rawBody) {
        if (timestamp == null || signature == null || timestamp.isBlank() || signature.isBlank()) {
            return Result.MISSING_HEADERS;
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            return Result.MALFORMED_HEADERS;
        }
        if (!signature.startsWith("v0=") || signature.length() != 3 + 64) {
            return Result.MALFORMED_HEADERS;
        }
        Instant now = clock.instant();
        Instant sent = Instant.ofEpochSecond(seconds);
        if (Duration.between(sent, now).abs().compareTo(WINDOW) > 0) {
            return Result.STALE;
        }
        byte[] expected = sign(signingSecret, timestamp.trim(), rawBody).getBytes(StandardCharsets.US_ASCII);
        byte[] given = signature.getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, given)) {
            return Result.BAD_SIGNATURE;
        }
        // Remember until the timestamp leaves the window; after that the STALE check refuses the replay anyway.
        if (!seen.firstSeen(signature, sent.plus(WINDOW), now)) {
            return Result.REPLAYED;
        }
        return Result.VALID;
    }

    /** {@code v0=} + hex HMAC-SHA256 of {@code v0:timestamp:body}. */
    public static String sign(SlackSecret secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.reveal().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
            return "v0=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
