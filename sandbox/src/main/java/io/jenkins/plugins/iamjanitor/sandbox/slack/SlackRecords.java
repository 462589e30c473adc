package io.jenkins.plugins.iamjanitor.sandbox.slack;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** What the emulated workspace saw, for tests and the demo to inspect. */
public final class SlackRecords {
    private SlackRecords() {
    }

    /**
     * A bot message as it is now.
     *
     * @param original the blocks as first posted (a client that has not refreshed still shows these)
     * @param updates  how many chat.update calls replaced it
     */
    public record Message(String channel, String ts, String text, JsonNode blocks, JsonNode original, int updates) {
    }

    /** One Web API call that changed something: chat.postMessage / chat.update / chat.postEphemeral. */
    public record Event(String method, String channel, String ts, String user, String text) {
    }

    public record Ephemeral(String channel, String user, String text) {
    }

    /** A button found in a message. */
    public record Button(String blockId, String actionId, String value, String text, String style) {
    }

    /** A click as delivered: how, and what came back (HTTP status, or whether the envelope was acked). */
    public record Click(String via, String user, String actionId, int httpStatus, String envelopeId) {
    }

    public static List<Button> buttons(JsonNode blocks) {
        java.util.ArrayList<Button> out = new java.util.ArrayList<>();
        for (JsonNode block : blocks) {
            if ("actions".equals(block.path("type").asText())) {
                for (JsonNode e : block.path("elements")) {
                    if ("button".equals(e.path("type").asText())) {
                        out.add(new Button(block.path("block_id").asText(null), e.path("action_id").asText(),
                                e.path("value").asText(null), e.path("text").path("text").asText(""),
                                e.path("style").asText(null)));
                    }
                }
            }
        }
        return out;
    }
}
