package io.jenkins.plugins.iamjanitor.integrations.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.iamjanitor.core.approval.Approver;
import io.jenkins.plugins.iamjanitor.core.approval.DecisionListener;
import io.jenkins.plugins.iamjanitor.core.approval.DecisionResult;
import io.jenkins.plugins.iamjanitor.core.port.ServiceException;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Receives button clicks from Slack, by either route: the HTTP Request URL ({@link #handleHttp}: headers and raw
 * body in, status and body out) or a Socket Mode envelope ({@link #handleEnvelope}: the ack to send back out). Both
 * answer at once, because Slack wants an ack within 3 seconds, and do the work afterwards on the executor: look up
 * the clicking user, let {@link io.jenkins.plugins.iamjanitor.core.approval.ReviewDecisions} judge the click, then
 * update the message or tell the user (ephemerally) why nothing changed.
 */
public final class SlackInteractionHandler {
    private static final Logger LOG = Logger.getLogger(SlackInteractionHandler.class.getName());

    /** Larger bodies are refused unread (413), as the plugin's endpoint does: a click is a few KiB. */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    /**
     * The workspace and app clicks must come from; null fields are not checked. A valid signature proves the sender
     * knows the signing secret, this pins the payload to the workspace and app it was configured for.
     */
    public record Expected(String teamId, String appId) {
        public static final Expected ANY = new Expected(null, null);

        boolean matches(JsonNode payload) {
            return (teamId == null || teamId.isBlank() || teamId.equals(payload.path("team").path("id").asText()))
                    && (appId == null || appId.isBlank() || appId.equals(payload.path("api_app_id").asText()));
        }
    }

    /** What to answer on the HTTP callback. */
    public record Response(int status, String body) {
    }

    private final SlackApprovalChannel channel;
    private final SlackRequestVerifier verifier;
    private final Executor executor;
    private final ObjectMapper json;
    private final Expected expected;

    /**
     * @param verifier needed for the HTTP route; may be null when only Socket Mode is used (the WebSocket itself is
     *                 authenticated by the app-level token)
     */
    public SlackInteractionHandler(SlackApprovalChannel channel, SlackRequestVerifier verifier, Executor executor) {
        this(channel, verifier, executor, Expected.ANY);
    }

    /** @param expected the workspace ({@code team_id}) and app ({@code api_app_id}) to accept clicks from */
    public SlackInteractionHandler(SlackApprovalChannel channel, SlackRequestVerifier verifier, Executor executor,
            Expected expected) {
        this.expected = expected == null ? Expected.ANY : expected;
        this.channel = Objects.requireNonNull(channel, "channel");
        this.verifier = verifier;
        this.executor = Objects.requireNonNull(executor, "executor");
        this.json = channel.slack().json();
    }

    /** Tells an asynchronous caller (keyed by reviewId) about decisions and when a review is complete. */
    public void addListener(DecisionListener listener) {
        channel.decisions().addListener(listener);
    }

    public void removeListener(DecisionListener listener) {
        channel.decisions().removeListener(listener);
    }

    /** The HTTP Request URL. The signature is checked before anything else is looked at. */
    public Response handleHttp(Map<String, List<String>> headers, byte[] rawBody) {
        if (verifier == null) {
            return new Response(404, "the Slack HTTP callback is not configured (no signing secret)");
        }
        if (rawBody != null && rawBody.length > MAX_BODY_BYTES) {
            return new Response(413, "payload too large");
        }
        SlackRequestVerifier.Result check = verifier.verify(header(headers, SlackRequestVerifier.TIMESTAMP_HEADER),
                header(headers, SlackRequestVerifier.SIGNATURE_HEADER), rawBody == null ? new byte[0] : rawBody);
        if (check != SlackRequestVerifier.Result.VALID) {
            LOG.warning(() -> "Refused a Slack callback: " + check);
            return new Response(check.httpStatus(), "refused: " + check.name().toLowerCase());
        }
        String payload = formField(new String(rawBody, StandardCharsets.UTF_8), "payload");
        if (payload == null) {
            return new Response(400, "no payload field");
        }
        JsonNode node = parse(payload);
        if (node == null) {
            return new Response(400, "payload is not a JSON object");
        }
        if (!expected.matches(node)) {
            LOG.warning("Refused a Slack callback from another workspace or app");
            return new Response(403, "refused: wrong workspace or app");
        }
        return submit(node) ? new Response(200, "") : new Response(503, "busy");
    }

    /**
     * One Socket Mode frame. Returns the ack to send back ({@code {"envelope_id":…}}), or null for frames that carry
     * no envelope (hello, disconnect: the socket client handles those).
     */
    public String handleEnvelope(String frame) {
        JsonNode envelope = parse(frame);
        if (envelope == null || !envelope.path("envelope_id").isTextual()) {
            return null;
        }
        if ("interactive".equals(envelope.path("type").asText()) && envelope.path("payload").isObject()
                && expected.matches(envelope.path("payload"))) {
            submit(envelope.path("payload"));
        }
        return json.createObjectNode().put("envelope_id", envelope.path("envelope_id").asText()).toString();
    }

    private boolean submit(JsonNode payload) {
        if (!"block_actions".equals(payload.path("type").asText())) {
            return true; // other interactions are acknowledged and ignored
        }
        try {
            executor.execute(() -> process(payload));
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    private void process(JsonNode payload) {
        String userId = payload.path("user").path("id").asText("");
        String channelId = payload.path("container").path("channel_id")
                .asText(payload.path("channel").path("id").asText(""));
        for (JsonNode a : payload.path("actions")) {
            SlackAction action = SlackAction.parse(json, a.path("action_id").asText(null), a.path("value").asText(null));
            if (action == null || userId.isEmpty()) {
                continue; // not one of our buttons
            }
            try {
                decide(action, userId, channelId);
            } catch (ServiceException | IllegalArgumentException e) {
                LOG.log(Level.WARNING, "Could not process a Slack click on review {0}: {1}",
                        new Object[] {action.reviewId(), e.getMessage()});
            }
        }
    }

    private void decide(SlackAction action, String userId, String channelId) {
        Approver approver;
        try {
            SlackUser user = channel.slack().userInfo(userId);
            approver = new Approver(user.id(), user.displayName(), user.email(), user.name());
        } catch (ServiceException e) {
            // Without the profile the self-approval check is incomplete: refuse rather than guess.
            tell(channelId, userId, "Could not look up your Slack profile (" + e.errorCode() + "); nothing was changed.");
            return;
        }
        DecisionResult result = channel.decisions().decide(action.reviewId(), action.userName(), action.decision(),
                approver);
        LOG.info(() -> "Slack click by " + userId + " on review " + action.reviewId() + ": " + action.decision()
                + " " + (action.userName() == null ? "all" : action.userName()) + " -> " + result.status());
        if (result.status() == DecisionResult.Status.RECORDED) {
            channel.refresh(action.reviewId());
        } else {
            tell(channelId, userId, result.message());
        }
    }

    private void tell(String channelId, String userId, String text) {
        if (channelId.isEmpty()) {
            return;
        }
        try {
            channel.slack().postEphemeral(channelId, userId, text);
        } catch (ServiceException e) {
            LOG.warning(() -> "Could not send an ephemeral reply: " + e.getMessage());
        }
    }

    private JsonNode parse(String text) {
        try {
            JsonNode node = json.readTree(text);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String formField(String body, String name) {
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                try {
                    return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    return null;
                }
            }
        }
        return null;
    }

    private static String header(Map<String, List<String>> headers, String name) {
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey() != null && e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                return e.getValue().get(0);
            }
        }
        return null;
    }
}
