package io.jenkins.plugins.iamjanitor.sandbox.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.iamjanitor.sandbox.slack.SlackRecords.Button;
import io.jenkins.plugins.iamjanitor.sandbox.slack.SlackRecords.Click;
import io.jenkins.plugins.iamjanitor.sandbox.slack.SlackRecords.Message;
import io.jenkins.plugins.iamjanitor.sandbox.slack.SlackSettings.User;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Presses buttons as a given Slack user, the way Slack delivers the click: a {@code block_actions} payload either
 * POSTed form-encoded and signed (v0, the scenario's signing secret) to the app's Request URL, or wrapped in an
 * {@code interactive} envelope on the Socket Mode WebSocket.
 */
public final class SlackClicks {
    private final SlackEmulator emulator;
    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    SlackClicks(SlackEmulator emulator, ObjectMapper json) {
        this.emulator = emulator;
        this.json = json;
    }

    /** Delivers the click as a signed HTTP POST to {@code callback}; returns the app's HTTP status. */
    public Click viaHttp(URI callback, String userId, String ts, String actionId) {
        String body = formBody(payload(userId, ts, actionId));
        String timestamp = String.valueOf(emulator.clock().instant().getEpochSecond());
        int status = post(callback, body, Map.of("X-Slack-Request-Timestamp", timestamp,
                "X-Slack-Signature", sign(timestamp, body)));
        return new Click("http", userId, actionId, status, null);
    }

    /** Delivers the click on the open Socket Mode connection(s); see {@link SlackEmulator#acked} for the ack. */
    public Click viaSocket(String userId, String ts, String actionId) {
        String envelopeId = UUID.randomUUID().toString();
        ObjectNode envelope = json.createObjectNode().put("envelope_id", envelopeId).put("type", "interactive")
                .put("accepts_response_payload", false);
        try {
            envelope.set("payload", json.readTree(payload(userId, ts, actionId)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        if (emulator.sendEnvelope(envelope.toString()) == 0) {
            throw new IllegalStateException("no Socket Mode connection is open");
        }
        return new Click("socket", userId, actionId, 0, envelopeId);
    }

    /**
     * The {@code block_actions} payload for pressing {@code actionId} in message {@code ts}. The button is looked up
     * in the message as it is now, else as first posted (a client that has not refreshed yet, e.g. a double click).
     */
    public String payload(String userId, String ts, String actionId) {
        Message m = emulator.message(ts);
        if (m == null) {
            throw new IllegalArgumentException("no message " + ts);
        }
        Button button = find(m.blocks(), actionId);
        JsonNode shown = m.blocks();
        if (button == null) {
            button = find(m.original(), actionId);
            shown = m.original();
        }
        if (button == null) {
            throw new IllegalArgumentException("message " + ts + " has no button " + actionId);
        }
        User user = emulator.settings().users().stream().filter(u -> u.id().equals(userId)).findFirst()
                .orElse(new User(userId, userId, null, null));
        String teamId = emulator.settings().teamId();
        String actionTs = emulator.clock().instant().getEpochSecond() + ".000100";
        ObjectNode p = json.createObjectNode().put("type", "block_actions");
        p.putObject("user").put("id", user.id()).put("username", user.name()).put("name", user.name())
                .put("team_id", teamId);
        p.put("api_app_id", "A0SANDBOX").put("token", "deprecated-verification-token");
        p.putObject("container").put("type", "message").put("message_ts", ts).put("channel_id", m.channel())
                .put("is_ephemeral", false);
        p.put("trigger_id", UUID.randomUUID().toString());
        p.putObject("team").put("id", teamId).put("domain", "sandbox");
        p.putObject("channel").put("id", m.channel()).put("name", m.channel());
        ObjectNode message = p.putObject("message").put("type", "message").put("ts", ts).put("text", m.text())
                .put("bot_id", "B0BOT");
        message.set("blocks", shown);
        p.putObject("state").putObject("values");
        p.put("response_url", "https://hooks.slack.invalid/actions/" + teamId + "/1/sandbox");
        ObjectNode action = p.putArray("actions").addObject().put("type", "button")
                .put("action_id", button.actionId()).put("block_id", button.blockId()).put("action_ts", actionTs);
        if (button.value() != null) {
            action.put("value", button.value());
        }
        action.putObject("text").put("type", "plain_text").put("text", button.text());
        if (button.style() != null) {
            action.put("style", button.style());
        }
        return p.toString();
    }

    /** Slack sends interactivity form-encoded, the JSON in one field named {@code payload}. */
    public String formBody(String payloadJson) {
        return "payload=" + URLEncoder.encode(payloadJson, StandardCharsets.UTF_8);
    }

    /** {@code v0=} + hex HMAC-SHA256 of {@code v0:timestamp:body} with the scenario's signing secret. */
    public String sign(String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(emulator.settings().signingSecret().getBytes(StandardCharsets.UTF_8),
                    "HmacSHA256"));
            byte[] digest = mac.doFinal(("v0:" + timestamp + ":" + body).getBytes(StandardCharsets.UTF_8));
            return "v0=" + HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** POSTs a form body with the given headers (for forged, stale and replayed requests); returns the status. */
    public int post(URI callback, String body, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(callback).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach(b::header);
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach the callback " + callback + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static Button find(JsonNode blocks, String actionId) {
        List<Button> buttons = SlackRecords.buttons(blocks);
        return buttons.stream().filter(b -> b.actionId().equals(actionId)).findFirst().orElse(null);
    }
}
