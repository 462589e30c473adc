package io.jenkins.plugins.iamjanitor.sandbox.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.iamjanitor.sandbox.slack.SlackRecords.Message;
import io.jenkins.plugins.iamjanitor.sandbox.slack.SlackSettings.Channel;
import io.jenkins.plugins.iamjanitor.sandbox.slack.SlackSettings.User;
import io.jenkins.plugins.iamjanitor.sandbox.slack.SlackSettings.UserGroup;
import java.io.IOException;

/** The Web API methods, answering as Slack does: HTTP 200 with {@code ok:true} or {@code ok:false, error}. */
final class SlackApiMethods {
    private static final int MAX_BLOCKS = 50;

    private final SlackEmulator emulator;
    private final ObjectMapper json;
    private final SlackSettings settings;
    private Message posted;

    SlackApiMethods(SlackEmulator emulator, ObjectMapper json, SlackSettings settings) {
        this.emulator = emulator;
        this.json = json;
        this.settings = settings;
    }

    /** The message this call posted, if any: listeners hear of it once the answer has gone out, as people would. */
    Message posted() {
        return posted;
    }

    String call(String method, String token, JsonNode args) {
        if (token == null) {
            return emulator.error("not_authed");
        }
        if (method.equals("apps.connections.open")) {
            if (token.equals(settings.botToken())) {
                return emulator.error("not_allowed_token_type");
            }
            if (!token.equals(settings.appToken())) {
                return emulator.error("invalid_auth");
            }
            return ok().put("url", emulator.socketUrl()).toString();
        }
        if (!token.equals(settings.botToken())) {
            return emulator.error(token.equals(settings.appToken()) ? "not_allowed_token_type" : "invalid_auth");
        }
        return switch (method) {
            case "auth.test" -> ok().put("url", "https://sandbox.slack.com/").put("team", "Sandbox")
                    .put("team_id", settings.teamId()).put("user", "iam-janitor").put("user_id", "U0BOT")
                    .put("bot_id", "B0BOT").toString();
            case "chat.postMessage" -> postMessage(args);
            case "chat.update" -> update(args);
            case "chat.postEphemeral" -> ephemeral(args);
            case "users.info" -> userInfo(args);
            case "usergroups.users.list" -> groupMembers(args);
            case "conversations.info" -> conversationInfo(args);
            default -> emulator.error("unknown_method");
        };
    }

    private String postMessage(JsonNode args) {
        String channel = channel(args.path("channel").asText(""));
        if (channel == null) {
            return emulator.error("channel_not_found");
        }
        JsonNode blocks = blocks(args);
        if (blocks == null) {
            return emulator.error("invalid_blocks");
        }
        String text = args.path("text").asText("");
        if (text.isEmpty() && blocks.isEmpty()) {
            return emulator.error("no_text");
        }
        Message m = emulator.post(channel, text, blocks);
        posted = m;
        ObjectNode r = ok().put("channel", channel).put("ts", m.ts());
        r.putObject("message").put("type", "message").put("text", text).put("ts", m.ts()).set("blocks", blocks);
        return r.toString();
    }

    private String update(JsonNode args) {
        String channel = channel(args.path("channel").asText(""));
        if (channel == null) {
            return emulator.error("channel_not_found");
        }
        JsonNode blocks = args.has("blocks") ? blocks(args) : null;
        if (args.has("blocks") && blocks == null) {
            return emulator.error("invalid_blocks");
        }
        Message m = emulator.update(channel, args.path("ts").asText(""), args.path("text").asText(null), blocks);
        if (m == null) {
            return emulator.error("message_not_found");
        }
        return ok().put("channel", channel).put("ts", m.ts()).put("text", m.text()).toString();
    }

    private String ephemeral(JsonNode args) {
        String channel = channel(args.path("channel").asText(""));
        if (channel == null) {
            return emulator.error("channel_not_found");
        }
        String user = args.path("user").asText("");
        if (find(user) == null) {
            return emulator.error("user_not_in_channel");
        }
        emulator.ephemeral(channel, user, args.path("text").asText(""));
        return ok().put("message_ts", emulator.clock().instant().getEpochSecond() + ".000000").toString();
    }

    /** The sandbox's bot is a member of every channel of the scenario (a pre-flight check asks before posting). */
    private String conversationInfo(JsonNode args) {
        String given = args.path("channel").asText("");
        String id = channel(given);
        if (id == null || !id.equals(given)) {
            // conversations.info takes an id only, as on Slack; a name is channel_not_found there too.
            return emulator.error("channel_not_found");
        }
        String name = settings.channels().stream().filter(c -> c.id().equals(id)).map(Channel::name)
                .filter(java.util.Objects::nonNull).findFirst().orElse(id);
        ObjectNode r = ok();
        r.putObject("channel").put("id", id).put("name", name).put("is_member", true).put("is_archived", false);
        return r.toString();
    }

    private String userInfo(JsonNode args) {
        User u = find(args.path("user").asText(""));
        if (u == null) {
            return emulator.error("user_not_found");
        }
        ObjectNode r = ok();
        ObjectNode user = r.putObject("user").put("id", u.id()).put("team_id", settings.teamId()).put("name", u.name())
                .put("deleted", false).put("is_bot", false);
        if (u.realName() != null) {
            user.put("real_name", u.realName());
        }
        ObjectNode profile = user.putObject("profile").put("display_name", u.name());
        if (u.realName() != null) {
            profile.put("real_name", u.realName());
        }
        if (u.email() != null) {
            profile.put("email", u.email());
        }
        return r.toString();
    }

    private String groupMembers(JsonNode args) {
        String id = args.path("usergroup").asText("");
        for (UserGroup g : settings.userGroups()) {
            if (g.id().equals(id)) {
                ObjectNode r = ok();
                ArrayNode users = r.putArray("users");
                g.users().forEach(users::add);
                return r.toString();
            }
        }
        return emulator.error("no_such_subteam");
    }

    /** Blocks may come as a JSON array or (form-encoded calls) as a JSON string; null when invalid or too many. */
    private JsonNode blocks(JsonNode args) {
        JsonNode b = args.path("blocks");
        if (b.isMissingNode() || b.isNull()) {
            return json.createArrayNode();
        }
        if (b.isTextual()) {
            try {
                b = json.readTree(b.asText());
            } catch (IOException e) {
                return null;
            }
        }
        if (b == null || !b.isArray() || b.size() > MAX_BLOCKS) {
            return null;
        }
        for (JsonNode block : b) {
            if (!block.path("type").isTextual()) {
                return null;
            }
        }
        return b;
    }

    /** A channel id or name ("#x" or "x"); any channel when the scenario lists none. */
    private String channel(String given) {
        if (given.isEmpty()) {
            return null;
        }
        if (settings.channels().isEmpty()) {
            return given;
        }
        String name = given.startsWith("#") ? given.substring(1) : given;
        for (Channel c : settings.channels()) {
            if (c.id().equals(given) || name.equals(c.name())) {
                return c.id();
            }
        }
        return null;
    }

    User find(String id) {
        return settings.users().stream().filter(u -> u.id().equals(id)).findFirst().orElse(null);
    }

    private ObjectNode ok() {
        return json.createObjectNode().put("ok", true);
    }
}
