package io.jenkins.plugins.iamjanitor.integrations.jira;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class JiraSettingsTest {

    @Test
    void aBaseUrlCarryingCredentialsIsRefusedWithoutEchoingThem() {
        URI leaky = URI.create("https://janitor%40example.com:s3cr3t-token@example.atlassian.net");

        assertThatThrownBy(() -> JiraSettings.of(leaky, "SEC"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not carry credentials")
                .hasMessageNotContaining("s3cr3t-token");
    }

    @Test
    void aPlainBaseUrlIsAccepted() {
        assertThat(JiraSettings.of(URI.create("https://example.atlassian.net"), "SEC").projectKey()).isEqualTo("SEC");
    }
}
