package io.jenkins.plugins.iamjanitor.integrations.jira;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.iamjanitor.core.doc.Document;
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
import java.util.List;
import java.util.Locale;

/**
 * A small Jira REST client on the JDK HttpClient: the few calls review tickets need, in the dialect of the flavour
 * (Cloud: REST v3 + ADF; Data Center: REST v2 + wiki markup). Throttling (429/503 with Retry-After) is retried within
 * {@link Retry}; every other failure becomes a one-line {@link ServiceException} (see {@link JiraErrors}).
 */
public final class JiraRestClient {
    static final String SERVICE = "Jira";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int PAGE = 50;

    /** Waits between retries; tests pass one that records instead of sleeping. */
    @FunctionalInterface
    public interface Pause {
        void sleep(Duration duration) throws InterruptedException;
    }

    /**
     * @param maxAttempts  attempts per call, first included (throttled or dropped reads only)
     * @param maxWait      longest single wait; a longer Retry-After fails at once instead of stalling the build
     */
    public record Retry(int maxAttempts, Duration maxWait, Pause pause) {
        public static Retry defaults() {
            return new Retry(4, Duration.ofSeconds(60), d -> Thread.sleep(d.toMillis()));
        }
    }

    /** One workflow transition offered for an issue. */
    public record Transition(String id, String name, String toStatus) {
    }

    private final URI baseUrl;
    private final JiraCredentials credentials;
    private final HttpClient http;
    private final Retry retry;
    private final JiraErrors errors;
    private volatile JiraFlavour flavour;

    public JiraRestClient(URI baseUrl, JiraCredentials credentials, JiraFlavour flavour, HttpClient http, Retry retry) {
        String base = baseUrl.toString();
        this.baseUrl = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        this.credentials = credentials;
        this.flavour = flavour == null ? JiraFlavour.AUTO : flavour;
        this.http = http;
        this.retry = retry;
        this.errors = new JiraErrors(this.baseUrl, credentials);
    }

    public static JiraRestClient create(URI baseUrl, JiraCredentials credentials, JiraFlavour flavour) {
        return create(baseUrl, credentials, flavour, null);
    }

    /** @param proxy HTTP proxy for every call, null for a direct connection */
    public static JiraRestClient create(URI baseUrl, JiraCredentials credentials, JiraFlavour flavour,
            HttpProxy proxy) {
        HttpClient http = HttpProxy.configure(HttpClient.newBuilder(), proxy).connectTimeout(Duration.ofSeconds(20))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        return new JiraRestClient(baseUrl, credentials, flavour, http, Retry.defaults());
    }

    public URI baseUrl() {
        return baseUrl;
    }

    /** The flavour in use; AUTO is resolved once through serverInfo. */
    public JiraFlavour flavour() {
        if (flavour == JiraFlavour.AUTO) {
            JsonNode info = serverInfo();
            String type = info.path("deploymentType").asText("");
            flavour = "cloud".equalsIgnoreCase(type) ? JiraFlavour.CLOUD : JiraFlavour.DATA_CENTER;
        }
        if (flavour == JiraFlavour.CLOUD && !credentials.isCloudApiToken()) {
            throw new ServiceException(SERVICE, "configure", "WrongCredentialType", "Jira at " + baseUrl
                    + " is Jira Cloud, which needs an account email + API token, but a personal access token was given");
        }
        if (flavour == JiraFlavour.DATA_CENTER && credentials.isCloudApiToken()) {
            throw new ServiceException(SERVICE, "configure", "WrongCredentialType", "Jira at " + baseUrl
                    + " is Jira Data Center, which needs a personal access token, but an email + API token was given");
        }
        return flavour;
    }

    /**
     * Version and deployment type ("Cloud" or "Server"); the same v2 path on every Jira. Asked anonymously first, so
     * that a credential of the wrong kind is reported as such rather than as a bad credential; with the credential
     * when the site refuses anonymous access.
     */
    public JsonNode serverInfo() {
        try {
            return send("serverInfo", "GET", "/rest/api/2/serverInfo", null, true, false);
        } catch (ServiceException e) {
            if (!"401".equals(e.errorCode()) && !"403".equals(e.errorCode())) {
                throw e;
            }
            return send("serverInfo", "GET", "/rest/api/2/serverInfo", null, true);
        }
    }

    /** The authenticated user: what "test connection" shows. */
    public JsonNode myself() {
        return send("myself", "GET", api() + "/myself", null, true);
    }

    /** The project: a pre-flight check that it exists and the credentials can see it (404 otherwise). */
    public JsonNode project(String projectKey) {
        if (projectKey == null || !projectKey.matches("[A-Za-z0-9_-]+")) {
            throw new IllegalArgumentException("not a Jira project key: " + projectKey);
        }
        return send("project", "GET", api() + "/project/" + projectKey, null, true);
    }

    /** Renders a document in the flavour's rich-text format: an ADF object or a wiki markup string. */
    public JsonNode richText(Document document) {
        return flavour() == JiraFlavour.CLOUD ? new AdfRenderer().render(document)
                : MAPPER.getNodeFactory().textNode(new WikiRenderer().render(document));
    }

    /**
     * Issues matching the JQL, up to {@code limit}. Cloud: {@code POST /rest/api/3/search/jql} (token paging; the old
     * {@code /search} is gone there); Data Center: {@code POST /rest/api/2/search} (offset paging).
     */
    public List<JsonNode> search(String jql, List<String> fields, int limit) {
        boolean cloud = flavour() == JiraFlavour.CLOUD;
        List<JsonNode> found = new ArrayList<>();
        String token = null;
        while (found.size() < limit) {
            ObjectNode body = MAPPER.createObjectNode().put("jql", jql).put("maxResults", Math.min(PAGE, limit));
            ArrayNode f = body.putArray("fields");
            fields.forEach(f::add);
            if (cloud && token != null) {
                body.put("nextPageToken", token);
            } else if (!cloud) {
                body.put("startAt", found.size());
            }
            JsonNode page = send("search", "POST", api() + (cloud ? "/search/jql" : "/search"), body, true);
            JsonNode issues = page.path("issues");
            if (!issues.isArray()) {
                throw errors.malformed("search", "no issues array in the search response");
            }
            issues.forEach(found::add);
            if (cloud) {
                token = page.path("nextPageToken").isTextual() ? page.path("nextPageToken").asText() : null;
                if (token == null || page.path("isLast").asBoolean(false) || issues.isEmpty()) {
                    break;
                }
            } else if (issues.isEmpty() || found.size() >= page.path("total").asInt(0)) {
                break;
            }
        }
        return found.size() > limit ? found.subList(0, limit) : found;
    }

    /** Creates an issue from a {@code fields} object; returns Jira's answer ({@code id}, {@code key}, {@code self}). */
    public JsonNode createIssue(ObjectNode fields) {
        ObjectNode body = MAPPER.createObjectNode();
        body.set("fields", fields);
        JsonNode created = send("createIssue", "POST", api() + "/issue", body, false);
        if (!created.path("key").isTextual()) {
            throw errors.malformed("createIssue", "no issue key in the response");
        }
        return created;
    }

    public JsonNode getIssue(String key, List<String> fields) {
        return send("getIssue", "GET", api() + "/issue/" + path(key) + "?fields=" + query(String.join(",", fields)),
                null, true);
    }

    public void addComment(String key, Document comment) {
        ObjectNode body = MAPPER.createObjectNode();
        body.set("body", richText(comment));
        send("addComment", "POST", api() + "/issue/" + path(key) + "/comment", body, false);
    }

    /**
     * {@code POST issueLink}: links two issues with a link type named as in Jira's administration (e.g. "Relates").
     * Not retried on a dropped connection, like every write; Jira itself does not duplicate a link already there.
     */
    public void linkIssues(String typeName, String inwardKey, String outwardKey) {
        ObjectNode body = MAPPER.createObjectNode();
        body.putObject("type").put("name", typeName);
        body.putObject("inwardIssue").put("key", path(inwardKey));
        body.putObject("outwardIssue").put("key", path(outwardKey));
        send("linkIssues", "POST", api() + "/issueLink", body, false);
    }

    public List<Transition> transitions(String key) {
        JsonNode answer = send("getTransitions", "GET", api() + "/issue/" + path(key) + "/transitions", null, true);
        List<Transition> list = new ArrayList<>();
        for (JsonNode t : answer.path("transitions")) {
            list.add(new Transition(t.path("id").asText(), t.path("name").asText(), t.path("to").path("name").asText()));
        }
        return list;
    }

    public void doTransition(String key, String transitionId) {
        ObjectNode body = MAPPER.createObjectNode();
        body.putObject("transition").put("id", transitionId);
        send("doTransition", "POST", api() + "/issue/" + path(key) + "/transitions", body, false);
    }

    private String api() {
        return flavour().apiPath();
    }

    /**
     * One call with bounded retries. Throttling (429/503) is retried for every method: Jira did not act on the
     * request. A dropped connection is retried only for reads: a create might have happened.
     */
    private JsonNode send(String operation, String method, String pathAndQuery, JsonNode body, boolean idempotent) {
        return send(operation, method, pathAndQuery, body, idempotent, true);
    }

    private JsonNode send(String operation, String method, String pathAndQuery, JsonNode body, boolean idempotent,
            boolean authenticate) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery))
                .timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json");
        if (authenticate) {
            request.header("Authorization", credentials.authorization());
        }
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpRequest built = request.build();
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> response;
            try {
                response = http.send(built, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                if (idempotent && attempt < retry.maxAttempts()) {
                    pause(operation, backoff(attempt));
                    continue;
                }
                throw errors.unreachable(operation, e, attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ServiceException(SERVICE, operation, "Interrupted", "interrupted while calling Jira");
            }
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return parse(operation, response.body());
            }
            if (status == 429 || status == 503) {
                Duration wait = JiraErrors.retryAfter(response).orElse(backoff(attempt));
                if (attempt < retry.maxAttempts() && wait.compareTo(retry.maxWait()) <= 0) {
                    pause(operation, wait);
                    continue;
                }
                throw errors.throttled(operation, response, attempt, wait, retry.maxWait());
            }
            throw errors.failure(operation, response, parseQuietly(response.body()));
        }
    }

    private void pause(String operation, Duration wait) {
        try {
            retry.pause().sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceException(SERVICE, operation, "Interrupted", "interrupted while waiting to retry");
        }
    }

    private static Duration backoff(int attempt) {
        return Duration.ofSeconds(Math.min(30, 1L << Math.min(attempt - 1, 5)));
    }

    private JsonNode parse(String operation, String text) {
        if (text == null || text.isBlank()) {
            return MAPPER.createObjectNode(); // 204 No Content (comment, transition)
        }
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            throw errors.malformed(operation, "the response is not JSON");
        }
    }

    private static JsonNode parseQuietly(String text) {
        try {
            return text == null || text.isBlank() ? null : MAPPER.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }

    private static String path(String key) {
        if (key == null || !key.matches("[A-Za-z0-9_-]+")) {
            throw new IllegalArgumentException("not a Jira issue key: " + key);
        }
        return key.toUpperCase(Locale.ROOT);
    }

    private static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
