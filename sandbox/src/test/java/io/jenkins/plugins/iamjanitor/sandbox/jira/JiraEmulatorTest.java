package io.jenkins.plugins.iamjanitor.sandbox.jira;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.iamjanitor.sandbox.FaultPlan;
import io.jenkins.plugins.iamjanitor.sandbox.Faults;
import io.jenkins.plugins.iamjanitor.sandbox.Scenario;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Protocol-level checks of the emulator itself; the adapter's behaviour is tested in integrations. */
class JiraEmulatorTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private JiraEmulator jira;

    @AfterEach
    void stop() {
        if (jira != null) {
            jira.close();
        }
    }

    private HttpResponse<String> call(String method, String path, String auth, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(jira.baseUrl() + path));
        if (auth != null) {
            b.header("Authorization", auth);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String email, String token) {
        return "Basic " + Base64.getEncoder().encodeToString((email + ":" + token).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void scenarioSectionSelectsDataCenterAndItsProjectsAndUsers() throws Exception {
        jira = JiraEmulator.start(Scenario.parse("t", """
                {"jira": {"flavour": "datacenter",
                  "projects": [{"key": "OPS", "issueTypes": ["Story"]}],
                  "users": [{"name": "bot", "displayName": "Bot", "pat": "p1"}]}}"""));

        assertThat(call("GET", "/rest/api/2/serverInfo", null, null).body()).contains("\"deploymentType\":\"Server\"");
        assertThat(call("GET", "/rest/api/2/myself", "Bearer p1", null).body()).contains("\"name\":\"bot\"");
        assertThat(call("GET", "/rest/api/2/myself", "Bearer nope", null).statusCode()).isEqualTo(401);
        assertThat(call("GET", "/rest/api/3/myself", "Bearer p1", null).statusCode()).isEqualTo(404);
        HttpResponse<String> adfOnDc = call("POST", "/rest/api/2/issue", "Bearer p1", """
                {"fields": {"project": {"key": "OPS"}, "issuetype": {"name": "Story"}, "summary": "s",
                 "description": {"type": "doc", "version": 1, "content": []}}}""");
        assertThat(adfOnDc.statusCode()).isEqualTo(400);
        assertThat(adfOnDc.body()).contains("\"description\":\"Operation value must be a string\"");
        HttpResponse<String> created = call("POST", "/rest/api/2/issue", "Bearer p1", """
                {"fields": {"project": {"key": "OPS"}, "issuetype": {"name": "Story"}, "summary": "s",
                 "description": "h2. Users", "labels": ["iam-janitor"]}}""");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.body()).contains("\"key\":\"OPS-1\"");
        assertThat(call("GET", "/rest/api/2/search?jql=labels%20%3D%20iam-janitor&fields=summary", "Bearer p1", null)
                .body()).contains("\"total\":1").contains("\"summary\":\"s\"");
    }

    @Test
    void issueLinksAreStoredOnceAndShownOnBothEnds() throws Exception {
        jira = JiraEmulator.start(Scenario.parse("t", "{\"jira\": {\"flavour\": \"datacenter\"}}"));
        String auth = "Bearer " + JiraScenario.DEFAULT_PAT;
        String issue = "{\"fields\": {\"project\": {\"key\": \"SEC\"}, \"issuetype\": {\"name\": \"Task\"},"
                + " \"summary\": \"%s\"}}";
        assertThat(call("POST", "/rest/api/2/issue", auth, issue.formatted("umbrella")).statusCode()).isEqualTo(201);
        assertThat(call("POST", "/rest/api/2/issue", auth, issue.formatted("account")).statusCode()).isEqualTo(201);
        String link = "{\"type\": {\"name\": \"%s\"}, \"inwardIssue\": {\"key\": \"%s\"},"
                + " \"outwardIssue\": {\"key\": \"SEC-1\"}}";

        HttpResponse<String> created = call("POST", "/rest/api/2/issueLink", auth, link.formatted("Relates", "SEC-2"));
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.body()).isEmpty();
        // Linking the same pair again with the same type adds nothing, as in Jira.
        assertThat(call("POST", "/rest/api/2/issueLink", auth, link.formatted("relates", "SEC-2")).statusCode())
                .isEqualTo(201);
        assertThat(jira.links()).singleElement().satisfies(l -> {
            assertThat(l.type()).isEqualTo("Relates");
            assertThat(l.inwardKey()).isEqualTo("SEC-2");
            assertThat(l.outwardKey()).isEqualTo("SEC-1");
        });
        HttpResponse<String> badType = call("POST", "/rest/api/2/issueLink", auth, link.formatted("Parent", "SEC-2"));
        assertThat(badType.statusCode()).isEqualTo(404);
        assertThat(badType.body()).contains("No issue link type with name 'Parent' found.");
        assertThat(call("POST", "/rest/api/2/issueLink", auth, link.formatted("Relates", "SEC-9")).statusCode())
                .isEqualTo(404);
        assertThat(jira.links()).hasSize(1);

        assertThat(call("GET", "/rest/api/2/issue/SEC-1?fields=issuelinks", auth, null).body())
                .contains("\"inwardIssue\":{\"key\":\"SEC-2\"", "\"name\":\"Relates\"", "\"summary\":\"account\"");
        assertThat(call("GET", "/rest/api/2/issue/SEC-2?fields=issuelinks", auth, null).body())
                .contains("\"outwardIssue\":{\"key\":\"SEC-1\"");
        assertThat(call("GET", "/rest/api/2/issue/SEC-2?fields=summary", auth, null).body())
                .doesNotContain("issuelinks");
    }

    @Test
    void cloudNeedsEmailAndApiTokenAndBoundedSearches() throws Exception {
        jira = JiraEmulator.start(Scenario.parse("t", "{}"));
        String auth = basic(JiraScenario.DEFAULT_EMAIL, JiraScenario.DEFAULT_API_TOKEN);

        assertThat(call("GET", "/rest/api/3/myself", null, null).statusCode()).isEqualTo(401);
        assertThat(call("GET", "/rest/api/3/myself", basic(JiraScenario.DEFAULT_EMAIL, "x"), null).statusCode())
                .isEqualTo(401);
        assertThat(call("GET", "/rest/api/3/myself", "Bearer " + JiraScenario.DEFAULT_PAT, null).statusCode())
                .isEqualTo(401);
        assertThat(call("GET", "/rest/api/3/myself", auth, null).body()).contains("\"accountId\":\"557058:janitor-bot\"");
        HttpResponse<String> unbounded = call("POST", "/rest/api/3/search/jql", auth, "{\"jql\": \"\"}");
        assertThat(unbounded.statusCode()).isEqualTo(400);
        assertThat(unbounded.body()).contains("Unbounded JQL queries are not allowed");
        assertThat(call("POST", "/rest/api/3/search/jql", auth, "{\"jql\": \"labels = x\"}").body())
                .isEqualTo("{\"issues\":[],\"isLast\":true}");
    }

    @Test
    void droppedConnectionsAndRateLimitsOnDemand() throws Exception {
        jira = new JiraEmulator(JiraScenario.defaults(), new Faults(FaultPlan.none())).start(0);
        String auth = basic(JiraScenario.DEFAULT_EMAIL, JiraScenario.DEFAULT_API_TOKEN);

        // Two: the JDK client itself retries a GET once on a dropped connection.
        jira.faults().failNext("myself", Faults.Kind.DROP, 2);
        assertThatThrownBy(() -> call("GET", "/rest/api/3/myself", auth, null)).isInstanceOf(IOException.class);
        jira.rateLimitNext(1, 9);
        HttpResponse<String> limited = call("GET", "/rest/api/3/myself", auth, null);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).contains("9");
        assertThat(call("GET", "/rest/api/3/myself", auth, null).statusCode()).isEqualTo(200);
    }
}
