package io.jenkins.plugins.iamjanitor.sandbox.slack;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.iamjanitor.sandbox.Scenario;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code slack} section of a scenario file (format: docs/sandbox.md, "Slack"). Every field has a default, so an
 * absent section gives a working workspace with one approver.
 */
public record SlackSettings(
        String botToken,
        String appToken,
        String signingSecret,
        String teamId,
        List<User> users,
        List<UserGroup> userGroups,
        List<Channel> channels,
        ScriptedApprover approver) {

    public record User(String id, String name, String realName, String email) {
    }

    public record UserGroup(String id, String handle, List<String> users) {
        public UserGroup {
            users = List.copyOf(users);
        }
    }

    public record Channel(String id, String name) {
    }

    /**
     * Clicks buttons unattended, as one Slack user, after a delay.
     *
     * @param approve users to approve; {@code "*"} means everyone not listed under keep
     * @param keep    users to keep
     * @param via     {@code auto} (Socket Mode when a socket is connected, else HTTP), {@code socket} or {@code http}
     * @param callbackUrl where HTTP clicks go; may be null (set it at run time with the emulator)
     */
    public record ScriptedApprover(String as, Duration delay, List<String> approve, List<String> keep, String via,
            String callbackUrl) {
        public ScriptedApprover {
            approve = List.copyOf(approve);
            keep = List.copyOf(keep);
        }
    }

    public SlackSettings {
        users = List.copyOf(users);
        userGroups = List.copyOf(userGroups);
        channels = List.copyOf(channels);
    }

    public static SlackSettings from(Scenario scenario) {
        return from(scenario.section("slack"));
    }

    public static SlackSettings from(JsonNode s) {
        List<User> users = new ArrayList<>();
        for (JsonNode u : s.path("users")) {
            String id = required(u, "id", "slack.users[]");
            users.add(new User(id, u.path("name").asText(id), u.path("realName").asText(null),
                    u.path("email").asText(null)));
        }
        if (!s.has("users")) {
            users.add(new User("U0SANDBOX1", "approver", "Sandbox Approver", "approver@example.com"));
        }
        List<UserGroup> groups = new ArrayList<>();
        for (JsonNode g : s.path("userGroups")) {
            List<String> members = new ArrayList<>();
            g.path("users").forEach(m -> members.add(m.asText()));
            groups.add(new UserGroup(required(g, "id", "slack.userGroups[]"), g.path("handle").asText(null), members));
        }
        List<Channel> channels = new ArrayList<>();
        for (JsonNode c : s.path("channels")) {
            channels.add(new Channel(required(c, "id", "slack.channels[]"), c.path("name").asText(null)));
        }
        ScriptedApprover approver = null;
        JsonNode a = s.path("approver");
        if (a.isObject()) {
            List<String> approve = new ArrayList<>();
            List<String> keep = new ArrayList<>();
            a.path("approve").forEach(n -> approve.add(n.asText()));
            a.path("keep").forEach(n -> keep.add(n.asText()));
            String via = a.path("via").asText("auto");
            if (!List.of("auto", "socket", "http").contains(via)) {
                throw new IllegalArgumentException("slack.approver.via must be auto, socket or http, got " + via);
            }
            approver = new ScriptedApprover(required(a, "as", "slack.approver"),
                    Duration.ofMillis(a.path("delayMillis").asLong(500)), approve, keep, via,
                    a.path("callbackUrl").asText(null));
        }
        return new SlackSettings(s.path("botToken").asText("xoxb-sandbox-bot-token"),
                s.path("appToken").asText("xapp-sandbox-app-token"),
                s.path("signingSecret").asText("sandbox-signing-secret"),
                s.path("teamId").asText("T0SANDBOX"), users, groups, channels, approver);
    }

    private static String required(JsonNode node, String field, String where) {
        String v = node.path(field).asText("");
        if (v.isBlank()) {
            throw new IllegalArgumentException(where + " needs a non-empty \"" + field + "\"");
        }
        return v;
    }
}
