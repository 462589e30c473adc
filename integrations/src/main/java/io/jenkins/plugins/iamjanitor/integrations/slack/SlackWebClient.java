package io.jenkins.plugins.iamjanitor.integrations.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.iamjanitor.core.port.ServiceException;
import io.jenkins.plugins.iamjanitor.integrations.http.HttpProxy;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The few Slack Web API methods IAM Janitor uses, over the JDK HTTP client. Rate limits (HTTP 429) are honoured by
 * waiting the Retry-After the server asks for; 5xx and dropped connections are retried a few times; {@code ok:false}
 * becomes a {@link ServiceException} naming the method and Slack's error code. Tokens go only into the Authorization
 * header, never into logs or exceptions.
 */
public final class SlackWebClient {
    public static final URI DEFAULT_BASE = URI.create("https://slack.com/api/");
    private static final Logger LOG = Logger.getLogger(SlackWebClient.class.getName());
    private static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(2);

    /** How to wait between attempts; tests inject one that records instead of sleeping. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    private final URI base;
    private final SlackSecret botToken;
    private final HttpClient http;
    private final Sleeper sleeper;
    private final int maxAttempts;
    private final ObjectMapper json = new ObjectMapper();

    public SlackWebClient(URI base, SlackSecret botToken, HttpClient http, Sleeper sleeper, int maxAttempts) {
        String b = Objects.requireNonNull(base, "base").toString();
        this.base = URI.create(b.endsWith("/") ? b : b + "/");
        this.botToken = Objects.requireNonNull(botToken, "botToken");
        this.http = Objects.requireNonNull(http, "http");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.maxAttempts = Math.max(1, maxAttempts);
    }

    public SlackWebClient(URI base, SlackSecret botToken) {
        this(base, botToken, (HttpProxy) null);
    }

    /** @param proxy HTTP proxy for every call, null for a direct connection */
    public SlackWebClient(URI base, SlackSecret botToken, HttpProxy proxy) {
        this(base, botToken, httpClient(proxy), d -> Thread.sleep(d.toMillis()), 4);
    }

    /** The JDK client Slack calls (Web API and the Socket Mode WebSocket) go through. */
    public static HttpClient httpClient(HttpProxy proxy) {
        return HttpProxy.configure(HttpClient.newBuilder(), proxy).connectTimeout(Duration.ofSeconds(10)).build();
    }

    public ObjectMapper json() {
        return json;
    }

    /** auth.test: checks the bot token ("Test connection"); returns the workspace name and the bot's user id. */
    public String authTest() {
        JsonNode r = callForm("auth.test", botToken, Map.of());
        return r.path("team").asText("?") + " as " + r.path("user_id").asText("?");
    }

    /**
     * conversations.info (scopes channels:read, groups:read): the channel as the bot sees it, for a pre-flight check
     * that it exists and the bot is a member before anything is posted.
     */
    public JsonNode conversationInfo(String channelId) {
        return callForm("conversations.info", botToken, Map.of("channel", channelId)).path("channel");
    }

    public PostedMessage postMessage(String channel, String text, ArrayNode blocks) {
        ObjectNode body = json.createObjectNode().put("channel", channel).put("text", text);
        body.set("blocks", blocks);
        body.put("unfurl_links", false);
        JsonNode r = callJson("chat.postMessage", body);
        return new PostedMessage(r.path("channel").asText(channel), r.path("ts").asText());
    }

    public void update(String channel, String ts, String text, ArrayNode blocks) {
        ObjectNode body = json.createObjectNode().put("channel", channel).put("ts", ts).put("text", text);
        body.set("blocks", blocks);
        callJson("chat.update", body);
    }

    public void postEphemeral(String channel, String user, String text) {
        callJson("chat.postEphemeral", json.createObjectNode().put("channel", channel).put("user", user)
                .put("text", text));
    }

    public SlackUser userInfo(String userId) {
        JsonNode u = callForm("users.info", botToken, Map.of("user", userId)).path("user");
        JsonNode profile = u.path("profile");
        String email = profile.path("email").asText(null);
        String realName = profile.path("real_name").asText(u.path("real_name").asText(null));
        return new SlackUser(u.path("id").asText(userId), u.path("name").asText(null), realName, email);
    }

    public List<String> userGroupMembers(String userGroupId) {
        JsonNode users = callForm("usergroups.users.list", botToken, Map.of("usergroup", userGroupId)).path("users");
        List<String> ids = new ArrayList<>();
        users.forEach(u -> ids.add(u.asText()));
        return ids;
    }

    /** Socket Mode: asks for a WebSocket URL with the app-level token ({@code xapp-…}, scope connections:write). */
    public URI openConnection(SlackSecret appToken) {
        String url = callForm("apps.connections.open", appToken, Map.of()).path("url").asText("");
        if (url.isEmpty()) {
            throw new ServiceException("Slack", "apps.connections.open", "malformed_response", "no url in the answer");
        }
        return URI.create(url);
    }

    private JsonNode callJson(String method, ObjectNode body) {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        return call(method, botToken, "application/json; charset=utf-8", bytes);
    }

    private JsonNode callForm(String method, SlackSecret token, Map<String, String> params) {
        String form = new LinkedHashMap<>(params).entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
        return call(method, token, "application/x-www-form-urlencoded", form.getBytes(StandardCharsets.UTF_8));
    }

    private JsonNode call(String method, SlackSecret token, String contentType, byte[] body) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(method))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token.reveal())
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        for (int attempt = 1; ; attempt++) {
            boolean last = attempt >= maxAttempts;
            HttpResponse<String> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                if (last) {
                    throw new ServiceException("Slack", method, "io", "connection failed after " + attempt
                            + " attempt(s): " + e.getClass().getSimpleName());
                }
                LOG.fine(() -> "Slack " + method + ": connection failed, retrying");
                pause(method, backoff(attempt));
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ServiceException("Slack", method, "interrupted", "interrupted");
            }
            int status = response.statusCode();
            if (status == 429) {
                Duration wait = retryAfter(response);
                if (last || wait.compareTo(MAX_RETRY_AFTER) > 0) {
                    throw new ServiceException("Slack", method, "ratelimited",
                            "still rate limited after " + attempt + " attempt(s); Retry-After " + wait.toSeconds() + "s");
                }
                LOG.info(() -> "Slack " + method + " rate limited; waiting " + wait.toSeconds() + "s as asked");
                pause(method, wait);
                continue;
            }
            if (status >= 500) {
                if (last) {
                    throw new ServiceException("Slack", method, "HTTP " + status, "server error after " + attempt
                            + " attempt(s)");
                }
                pause(method, backoff(attempt));
                continue;
            }
            return parse(method, status, response.body());
        }
    }

    private JsonNode parse(String method, int status, String body) {
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (IOException e) {
            node = null;
        }
        if (node == null || !node.isObject() || !node.has("ok")) {
            throw new ServiceException("Slack", method, status == 200 ? "malformed_response" : "HTTP " + status,
                    "the answer is not a Slack API response (HTTP " + status + ")");
        }
        if (!node.path("ok").asBoolean(false)) {
            String error = node.path("error").asText("unknown_error");
            throw new ServiceException("Slack", method, error, "Slack refused the call");
        }
        return node;
    }

    private static Duration retryAfter(HttpResponse<?> response) {
        String value = response.headers().firstValue("Retry-After").orElse("1").trim();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
        } catch (NumberFormatException e) {
            return Duration.ofSeconds(1);
        }
    }

    private static Duration backoff(int attempt) {
        return Duration.ofMillis(250L << Math.min(attempt - 1, 4));
    }

    private void pause(String method, Duration d) {
        try {
            sleeper.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceException("Slack", method, "interrupted", "interrupted while waiting to retry");
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "SlackWebClient[" + base + "]";
    }
}
