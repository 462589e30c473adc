package io.jenkins.plugins.iamjanitor.sandbox.jira;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.jenkins.plugins.iamjanitor.sandbox.FaultPlan;
import io.jenkins.plugins.iamjanitor.sandbox.Faults;
import io.jenkins.plugins.iamjanitor.sandbox.LoopbackServer;
import io.jenkins.plugins.iamjanitor.sandbox.Scenario;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Jira emulator speaking the REST API of either flavour on a loopback port: Cloud (REST v3, ADF, Basic auth with
 * email + API token, {@code search/jql}; the old {@code search} answers 410 Gone as on real Cloud) or Data Center
 * (REST v2, wiki strings, Bearer personal access token, {@code search}). It stores issues, comments and issue links
 * ({@code POST issueLink}, shown in the {@code issuelinks} field), runs a
 * To Do / In Progress / Done workflow, rate-limits on demand and exposes what it stored for test assertions.
 */
public final class JiraEmulator implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern ROUTE = Pattern.compile("/rest/api/(2|3|latest)(/.*)");
    private static final Pattern ISSUE = Pattern.compile("/issue/([A-Za-z0-9_-]+)(/comment|/transitions)?");
    private static final Pattern PROJECT = Pattern.compile("/project/([A-Za-z0-9_-]+)");

    private static final ObjectNode SEARCH_GONE = JiraResponses.messages("The requested API has been removed. "
            + "Please migrate to the /rest/api/3/search/jql API. A full migration guideline is available at "
            + "https://developer.atlassian.com/changelog/#CHANGE-2046");

    private final JiraScenario scenario;
    private final JiraStore store;
    private final Faults faults;
    private final JiraResponses responses;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger rateLimited = new AtomicInteger();
    private volatile int retryAfterSeconds = 1;
    private LoopbackServer server;

    public JiraEmulator(JiraScenario scenario, Faults faults) {
        this.scenario = scenario;
        this.store = new JiraStore(scenario);
        this.faults = faults;
        this.responses = new JiraResponses(scenario);
    }

    /** Cloud or Data Center per the scenario's {@code jira.flavour} (default Cloud), no faults, on a free port. */
    public static JiraEmulator start(Scenario scenario) {
        return new JiraEmulator(JiraScenario.from(scenario), new Faults(FaultPlan.none())).start(0);
    }

    public JiraEmulator start(int port) {
        server = new LoopbackServer(port).mount("/rest/api/", this::handle).start();
        responses.baseUrl(baseUrl());
        return this;
    }

    public URI baseUrl() {
        return server.uri("");
    }

    public boolean cloud() {
        return scenario.cloud();
    }

    public JiraScenario scenario() {
        return scenario;
    }

    public Faults faults() {
        return faults;
    }

    /** The next {@code count} requests get 429 with {@code Retry-After: seconds}. */
    public void rateLimitNext(int count, int seconds) {
        retryAfterSeconds = seconds;
        rateLimited.set(count);
    }

    /** Retry-After sent with injected throttling and 503s. */
    public void retryAfterSeconds(int seconds) {
        retryAfterSeconds = seconds;
    }

    public List<JiraIssue> issues() {
        return store.all();
    }

    public Optional<JiraIssue> issue(String key) {
        return store.get(key);
    }

    /** Every issue link so far (POST /issueLink), in order. */
    public List<JiraLink> links() {
        return store.allLinks();
    }

    /** Every request so far as "METHOD /path" (no query), in order. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        String method = ex.getRequestMethod();
        String path = ex.getRequestURI().getPath();
        requests.add(method + " " + path);
        Matcher m = ROUTE.matcher(path);
        String action = m.matches() ? action(method, m.group(2)) : "unknown";
        Faults.Kind fault = faults.next(action);
        if (fault == Faults.Kind.DROP) {
            // The JDK server closes the connection when a handler throws an IOException: the client sees a drop.
            throw new IOException("fault injection: dropped connection");
        }
        try (ex) {
            if (!m.matches()) {
                JiraExchange.send(ex, 404, JiraResponses.messages("Not found: " + path));
                return;
            }
            String version = m.group(1);
            String rest = m.group(2);
            if (rateLimited.getAndUpdate(n -> Math.max(0, n - 1)) > 0 || fault == Faults.Kind.THROTTLE) {
                ex.getResponseHeaders().add("Retry-After", String.valueOf(retryAfterSeconds));
                JiraExchange.send(ex, 429, JiraResponses.messages("Rate limit exceeded."));
                return;
            }
            if (fault == Faults.Kind.SERVER_ERROR) {
                ex.getResponseHeaders().add("Retry-After", String.valueOf(retryAfterSeconds));
                JiraExchange.send(ex, 503, JiraResponses.messages("Service unavailable."));
                return;
            }
            Optional<JiraScenario.User> user =
                    JiraExchange.authenticate(scenario, ex.getRequestHeaders().getFirst("Authorization"));
            boolean anonymousOk = action.equals("serverInfo");
            if (user.isEmpty() && (!anonymousOk || ex.getRequestHeaders().containsKey("Authorization"))) {
                ex.getResponseHeaders().add("WWW-Authenticate", scenario.cloud() ? "Basic realm=\"Jira\""
                        : "Bearer realm=\"Jira\"");
                JiraExchange.send(ex, 401, JiraResponses.messages(
                        "You are not authenticated. Authentication required to perform this operation."));
                return;
            }
            if (!anonymousOk && !versionServed(version)) {
                if (scenario.cloud() && rest.equals("/search")) {
                    JiraExchange.send(ex, 410, SEARCH_GONE);
                } else {
                    JiraExchange.send(ex, 404, JiraResponses.messages("No REST API v" + version + " on this Jira."));
                }
                return;
            }
            route(ex, action, rest, user.orElse(null));
        } catch (RuntimeException e) {
            JiraExchange.send(ex, 500, JiraResponses.messages("Internal server error: " + e.getClass().getSimpleName()));
        }
    }

    private boolean versionServed(String version) {
        return scenario.cloud() ? version.equals("3") || version.equals("latest") : !version.equals("3");
    }

    private static String action(String method, String rest) {
        if (rest.equals("/serverInfo")) {
            return "serverInfo";
        } else if (rest.equals("/myself")) {
            return "myself";
        } else if (rest.equals("/search/jql") || rest.equals("/search")) {
            return "search";
        } else if (rest.equals("/issue")) {
            return "createIssue";
        } else if (rest.equals("/issueLink")) {
            return "linkIssues";
        } else if (PROJECT.matcher(rest).matches() && method.equals("GET")) {
            return "getProject";
        }
        Matcher m = ISSUE.matcher(rest);
        if (m.matches()) {
            String sub = m.group(2) == null ? "" : m.group(2);
            boolean post = method.equals("POST");
            return switch (sub) {
                case "/comment" -> post ? "addComment" : "getComments";
                case "/transitions" -> post ? "doTransition" : "getTransitions";
                default -> "getIssue";
            };
        }
        return "unknown";
    }

    private void route(HttpExchange ex, String action, String rest, JiraScenario.User user) throws IOException {
        String method = ex.getRequestMethod();
        Map<String, String> query = JiraExchange.query(ex.getRequestURI().getRawQuery());
        Matcher issueMatch = ISSUE.matcher(rest);
        String key = issueMatch.matches() ? issueMatch.group(1) : null;
        try {
            switch (action) {
                case "serverInfo" -> JiraExchange.send(ex, 200, responses.serverInfo());
                case "getProject" -> {
                    Matcher pm = PROJECT.matcher(rest);
                    String projectKey = pm.matches() ? pm.group(1) : "";
                    var project = scenario.projects().stream().filter(p -> p.key().equalsIgnoreCase(projectKey))
                            .findFirst();
                    if (project.isEmpty()) {
                        JiraExchange.send(ex, 404, JiraResponses.messages("No project could be found with key '"
                                + projectKey + "'."));
                    } else {
                        JiraExchange.send(ex, 200, MAPPER.createObjectNode().put("key", project.get().key())
                                .put("name", project.get().name()));
                    }
                }
                case "myself" -> JiraExchange.send(ex, 200, responses.myself(user));
                case "search" -> {
                    boolean jqlEndpoint = rest.equals("/search/jql");
                    if (scenario.cloud() && !jqlEndpoint) {
                        JiraExchange.send(ex, 410, SEARCH_GONE);
                        return;
                    }
                    if (!scenario.cloud() && jqlEndpoint) {
                        JiraExchange.send(ex, 404, JiraResponses.messages("No such endpoint on this Jira: " + rest));
                        return;
                    }
                    JsonNode body = method.equals("POST") ? JiraExchange.body(ex) : MAPPER.valueToTree(query);
                    JiraExchange.send(ex, 200, responses.search(store.all(), body));
                }
                case "createIssue" -> {
                    JiraExchange.requireMethod(method, "POST");
                    JiraIssue issue = store.create(JiraExchange.body(ex).path("fields"), user);
                    JiraExchange.send(ex, 201, responses.created(issue));
                }
                case "linkIssues" -> {
                    JiraExchange.requireMethod(method, "POST");
                    store.link(JiraExchange.body(ex));
                    // Jira answers 201 Created with an empty body: the link's id is not returned.
                    JiraExchange.send(ex, 201, null);
                }
                case "getIssue" -> {
                    JiraIssue issue = store.get(key).orElseThrow(() -> new JiraStore.NoSuchIssue(key));
                    JiraExchange.send(ex, 200, responses.issue(issue, JiraResponses.fieldList(query.get("fields")),
                            store.links(issue.key()), store::get));
                }
                case "addComment" -> JiraExchange.send(ex, 201, responses.comment(store.comment(key, JiraExchange.body(ex).get("body"), user)));
                case "getComments" -> JiraExchange.send(ex, 200, responses.comments(store.get(key)
                        .orElseThrow(() -> new JiraStore.NoSuchIssue(key))));
                case "getTransitions" -> JiraExchange.send(ex, 200, responses.transitions(store.get(key)
                        .orElseThrow(() -> new JiraStore.NoSuchIssue(key))));
                case "doTransition" -> {
                    store.transition(key, JiraExchange.body(ex).path("transition").path("id").asText(""));
                    JiraExchange.send(ex, 204, null);
                }
                default -> JiraExchange.send(ex, 404, JiraResponses.messages("Not found: " + method + " " + rest));
            }
        } catch (JiraStore.Rejected e) {
            JiraExchange.send(ex, 400, JiraResponses.errors(e.errorMessages, e.errors));
        } catch (Jql.JqlException e) {
            JiraExchange.send(ex, 400, JiraResponses.messages(e.getMessage()));
        } catch (JiraStore.NoSuchLinkType e) {
            JiraExchange.send(ex, 404, JiraResponses.messages(e.getMessage()));
        } catch (JiraStore.NoSuchIssue e) {
            JiraExchange.send(ex, 404, JiraResponses.messages(e.getMessage()));
        } catch (JiraExchange.BadRequest e) {
            JiraExchange.send(ex, e.status, JiraResponses.messages(e.getMessage()));
        }
    }
}
