package io.jenkins.plugins.iamjanitor.integrations.jira;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import io.jenkins.plugins.iamjanitor.core.port.ServiceException;
import io.jenkins.plugins.iamjanitor.sandbox.LoopbackServer;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Answers no well-behaved Jira gives, served by a bare loopback server: the client must still fail clearly. */
class JiraRestClientFailuresTest {
    private static final String PAT = "pat-value-never-shown";
    private final List<Duration> pauses = new ArrayList<>();
    private LoopbackServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private JiraRestClient clientAnswering(int status, String body, String header, String value) {
        server = new LoopbackServer(0).mount("/", ex -> answer(ex, status, body, header, value)).start();
        return new JiraRestClient(server.uri(""), JiraCredentials.personalAccessToken(PAT), JiraFlavour.DATA_CENTER,
                HttpClient.newHttpClient(), new JiraRestClient.Retry(3, Duration.ofSeconds(60), pauses::add));
    }

    private static void answer(HttpExchange ex, int status, String body, String header, String value)
            throws IOException {
        try (ex) {
            if (header != null) {
                ex.getResponseHeaders().add(header, value);
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                ex.getResponseBody().write(bytes);
            }
        }
    }

    @Test
    void aSuccessThatIsNotJsonIsAMalformedResponse() {
        JiraRestClient client = clientAnswering(200, "<html>login page</html>", null, null);

        assertThatThrownBy(client::myself).isInstanceOfSatisfying(ServiceException.class, e -> {
            assertThat(e.errorCode()).isEqualTo("MalformedResponse");
            assertThat(e.getMessage()).contains("the response is not JSON");
        });
    }

    @Test
    void aServerErrorWithAnHtmlBodyShowsTheStartOfIt() {
        JiraRestClient client = clientAnswering(500, "<html>\n  Oops " + "x".repeat(500) + "</html>", null, null);

        assertThatThrownBy(client::myself)
                .hasMessageStartingWith("Jira myself failed (500): HTTP 500: <html> Oops xxx")
                .hasMessageEndingWith("...");
    }

    @Test
    void aCaptchaLockIsNamedOnForbidden() {
        JiraRestClient client = clientAnswering(403, "", "X-Seraph-LoginReason", "AUTHENTICATION_DENIED");

        assertThatThrownBy(client::myself)
                .hasMessageContaining("CAPTCHA")
                .hasMessageContaining("personal access token")
                .hasMessageNotContaining(PAT);
    }

    @Test
    void aForbiddenCallSaysAPermissionIsMissing() {
        JiraRestClient client = clientAnswering(403,
                "{\"errorMessages\":[\"You do not have permission to create issues in this project.\"],\"errors\":{}}",
                null, null);

        assertThatThrownBy(client::myself).hasMessageContaining(
                "permission denied: You do not have permission to create issues in this project.");
    }

    @Test
    void throttlingWithoutRetryAfterBacksOffExponentially() {
        AtomicInteger calls = new AtomicInteger();
        server = new LoopbackServer(0).mount("/", ex -> {
            if (calls.incrementAndGet() < 3) {
                answer(ex, 429, "", null, null);
            } else {
                answer(ex, 200, "{\"name\":\"bot\"}", null, null);
            }
        }).start();
        JiraRestClient client = new JiraRestClient(server.uri(""), JiraCredentials.personalAccessToken(PAT),
                JiraFlavour.DATA_CENTER, HttpClient.newHttpClient(),
                new JiraRestClient.Retry(3, Duration.ofSeconds(60), pauses::add));

        assertThat(client.myself().path("name").asText()).isEqualTo("bot");
        assertThat(pauses).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void dedupeQueryUsesExactLabelsAndExcludesDoneTickets() {
        assertThat(JiraTicketTracker.dedupeJql("123456789012", JiraTicketTracker.reviewLabel("rev 1"),
                new java.util.LinkedHashSet<>(List.of(JiraTicketTracker.userLabel("alice"),
                        JiraTicketTracker.userLabel("bob"))))).isEqualTo(
                "labels = \"iam-janitor\" AND labels = \"123456789012\" AND statusCategory != Done AND "
                        + "(labels = \"iam-janitor-review-rev_1\" OR labels in (\"iam-janitor-user-alice\", "
                        + "\"iam-janitor-user-bob\")) ORDER BY created DESC");
        assertThat(JiraTicketTracker.userLabel("a".repeat(300))).hasSize(255);
    }
}
