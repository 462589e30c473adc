package io.jenkins.plugins.iamjanitor.integrations.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.iamjanitor.core.approval.Decision;
import java.io.IOException;

/**
 * What one of our buttons means: which review, which user (null: all users of the review), which decision. Encoded
 * as the button's JSON value; the action id says the same for people reading payloads
 * ({@code iamj:approve:alice}, {@code iamj:keep-all}).
 */
public record SlackAction(String reviewId, String userName, Decision decision) {
    public static final String PREFIX = "iamj:";

    public String actionId() {
        String verb = decision == Decision.APPROVE ? "approve" : "keep";
        return PREFIX + (userName == null ? verb + "-all" : verb + ":" + userName);
    }

    public String value(ObjectMapper json) {
        ObjectNode v = json.createObjectNode().put("r", reviewId).put("d", decision.name());
        if (userName != null) {
            v.put("u", userName);
        }
        return v.toString();
    }

    /** Parses a button's action id and value; null when it is not one of ours or is malformed. */
    public static SlackAction parse(ObjectMapper json, String actionId, String value) {
        if (actionId == null || !actionId.startsWith(PREFIX) || value == null) {
            return null;
        }
        try {
            JsonNode v = json.readTree(value);
            if (v == null || !v.path("r").isTextual() || !v.path("d").isTextual()) {
                return null;
            }
            Decision d = Decision.valueOf(v.path("d").asText());
            String user = v.path("u").isTextual() ? v.path("u").asText() : null;
            SlackAction action = new SlackAction(v.path("r").asText(), user, d);
            // The id and the value must agree, so a tampered value cannot turn "keep" into "approve".
            return action.actionId().equals(actionId) ? action : null;
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }
}
