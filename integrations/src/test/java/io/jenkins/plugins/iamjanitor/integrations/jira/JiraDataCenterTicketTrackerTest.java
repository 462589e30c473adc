package io.jenkins.plugins.iamjanitor.integrations.jira;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.iamjanitor.core.doc.Document;
import io.jenkins.plugins.iamjanitor.sandbox.jira.JiraScenario;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JiraDataCenterTicketTrackerTest extends JiraTicketTrackerContract {
    private static final String BAD_PAT = "NjQ1wrongPersonalAccessToken";

    @Override
    boolean cloud() {
        return false;
    }

    @Override
    JiraCredentials goodCredentials() {
        return JiraCredentials.personalAccessToken(JiraScenario.DEFAULT_PAT);
    }

    @Override
    JiraCredentials badCredentials() {
        return JiraCredentials.personalAccessToken(BAD_PAT);
    }

    @Override
    String badSecret() {
        return BAD_PAT;
    }

    @Override
    void assertStoredRichText(JsonNode stored, Document sent) {
        assertThat(stored.isTextual()).isTrue();
        assertThat(stored.asText()).isEqualTo(new WikiRenderer().render(sent));
    }

    @Test
    void theAssigneeIsSentAsAUserNameOnDataCenter() {
        JiraSettings s = settings();
        JiraSettings withAssignee = new JiraSettings(s.baseUrl(), s.flavour(), s.projectKey(), s.issueType(),
                s.components(), s.priority(), "dana", Map.of(), false);

        tracker(withAssignee).openOrFind(JiraTestFixtures.ticket("rev-1", "alice"));

        assertThat(jira.issue("SEC-1").orElseThrow().assignee()).isEqualTo("dana");
    }

    @Test
    void anUnknownComponentFromTheTicketFieldsIsReported() {
        assertThatThrownBy(() -> tracker().openOrFind(
                JiraTestFixtures.ticket("rev-1", Map.of("components", List.of("Nope")), "alice")))
                .hasMessageContaining("components: Component name 'Nope' is not valid");
    }

    @Test
    void anEmailAndApiTokenOnDataCenterIsRejectedAsTheWrongKind() {
        JiraTicketTracker wrong = new JiraTicketTracker(
                client(JiraCredentials.cloud("bot@example.com", "cloud-token-456"), JiraFlavour.AUTO), settings(),
                log::add);

        assertThatThrownBy(() -> wrong.openOrFind(JiraTestFixtures.ticket("rev-1", "alice")))
                .hasMessageContaining("is Jira Data Center, which needs a personal access token")
                .hasMessageNotContaining("cloud-token-456");
        assertThat(jira.issues()).isEmpty();
    }
}
