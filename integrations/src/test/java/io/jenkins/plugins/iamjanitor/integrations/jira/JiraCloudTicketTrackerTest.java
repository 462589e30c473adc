package io.jenkins.plugins.iamjanitor.integrations.jira;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.iamjanitor.core.doc.Document;
import io.jenkins.plugins.iamjanitor.sandbox.jira.JiraScenario;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JiraCloudTicketTrackerTest extends JiraTicketTrackerContract {
    private static final String BAD_TOKEN = "ATATT3xFfGF0-wrong-token-value";

    @Override
    boolean cloud() {
        return true;
    }

    @Override
    JiraCredentials goodCredentials() {
        return JiraCredentials.cloud(JiraScenario.DEFAULT_EMAIL, JiraScenario.DEFAULT_API_TOKEN);
    }

    @Override
    JiraCredentials badCredentials() {
        return JiraCredentials.cloud(JiraScenario.DEFAULT_EMAIL, BAD_TOKEN);
    }

    @Override
    String badSecret() {
        return BAD_TOKEN;
    }

    @Override
    void assertStoredRichText(JsonNode stored, Document sent) {
        assertThat(stored.isObject()).isTrue();
        assertThat(stored).isEqualTo(new AdfRenderer().render(sent));
    }

    @Test
    void theEmulatorRejectsMalformedAdfLikeJiraCloud() {
        JiraRestClient raw = client(goodCredentials(), JiraFlavour.CLOUD);
        var fields = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
        fields.putObject("project").put("key", "SEC");
        fields.putObject("issuetype").put("name", "Task");
        fields.put("summary", "s");
        fields.putObject("description").put("type", "doc").put("version", 1).putArray("content").addObject()
                .put("type", "paragraph").putArray("content").addObject().put("type", "text").put("text", "");

        assertThatThrownBy(() -> raw.createIssue(fields))
                .hasMessageContaining("description: Operation value must be an Atlassian Document")
                .hasMessageContaining("text nodes must have non-empty text");
    }

    @Test
    void theRemovedSearchEndpointAnswers410LikeJiraCloud() throws Exception {
        String auth = "Basic " + Base64.getEncoder().encodeToString(
                (JiraScenario.DEFAULT_EMAIL + ":" + JiraScenario.DEFAULT_API_TOKEN).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(jira.baseUrl() + "/rest/api/3/search?jql=labels%3Dx"))
                        .header("Authorization", auth).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(410);
        assertThat(response.body()).contains("Please migrate to the /rest/api/3/search/jql API");
    }

    @Test
    void aPersonalAccessTokenOnCloudIsRejectedBeforeAnyWrite() {
        for (JiraFlavour flavour : JiraFlavour.values()) {
            if (flavour == JiraFlavour.DATA_CENTER) {
                continue;
            }
            JiraTicketTracker wrong = new JiraTicketTracker(
                    client(JiraCredentials.personalAccessToken("pat-secret-123"), flavour), settings(), log::add);

            assertThatThrownBy(() -> wrong.openOrFind(JiraTestFixtures.ticket("rev-1", "alice")))
                    .hasMessageContaining("is Jira Cloud, which needs an account email + API token")
                    .hasMessageNotContaining("pat-secret-123");
        }
        assertThat(jira.requests()).noneMatch(r -> r.endsWith("/issue") || r.contains("/search"));
    }

    @Test
    void theAssigneeIsSentAsAnAccountIdOnCloudAndUnknownCustomFieldsAreReported() {
        JiraSettings s = settings();
        JiraSettings withAssignee = new JiraSettings(s.baseUrl(), s.flavour(), s.projectKey(), s.issueType(),
                s.components(), s.priority(), "557058:dana", Map.of(), false);

        tracker(withAssignee).openOrFind(JiraTestFixtures.ticket("rev-1", "alice"));

        assertThat(jira.issue("SEC-1").orElseThrow().assignee()).isEqualTo("557058:dana");
        assertThatThrownBy(() -> tracker().openOrFind(
                JiraTestFixtures.ticket("rev-2", Map.of("customfield_99999", "x"), "bob")))
                .hasMessageContaining("customfield_99999: Field 'customfield_99999' cannot be set. It is not on the "
                        + "appropriate screen, or unknown.");
    }
}
