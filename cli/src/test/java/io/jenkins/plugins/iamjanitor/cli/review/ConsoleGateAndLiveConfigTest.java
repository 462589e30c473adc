package io.jenkins.plugins.iamjanitor.cli.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.iamjanitor.core.review.GateDecision;
import io.jenkins.plugins.iamjanitor.core.review.ReviewRecord;
import io.jenkins.plugins.iamjanitor.integrations.aws.AwsSettings;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsoleGateAndLiveConfigTest {
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    private GateDecision answer(String typed) {
        StringWriter prompt = new StringWriter();
        GateDecision d = new ConsoleGate(new BufferedReader(new StringReader(typed)), new PrintWriter(prompt), "cli:ops",
                Clock.fixed(NOW, ZoneOffset.UTC)).confirm(ReviewRecord.start("r", "123456789012", false, NOW));
        assertThat(prompt.toString()).contains("Delete 0 user(s) in account 123456789012", "Type 'yes'");
        return d;
    }

    @Test
    void onlyYesProceeds() {
        assertThat(answer("yes\n").proceed()).isTrue();
        assertThat(answer(" YES \n").proceed()).isTrue();
        assertThat(answer("y\n")).satisfies(d -> {
            assertThat(d.proceed()).isFalse();
            assertThat(d.note()).isEqualTo("answered 'y'");
            assertThat(d.by()).isEqualTo("cli:ops");
            assertThat(d.at()).isEqualTo(NOW);
        });
        assertThat(answer("").note()).isEqualTo("no answer (end of input)");
    }

    @Test
    void liveServicesNameTheMissingSecretAndNeverEchoThePresentOnes() {
        Map<String, String> env = Map.of("SLACK_BOT_TOKEN", "xoxb-real-looking-secret");
        assertThatThrownBy(() -> LiveReviewServices.connect(new LiveReviewServices.Config(AwsSettings.defaults(), env,
                "https://example.atlassian.net", "SEC", "Task", List.of()), Clock.systemUTC(), line -> { }))
                .hasMessage("set SLACK_APP_TOKEN to the Slack app-level token for Socket Mode (xapp-...)");
        Map<String, String> slackOnly = Map.of("SLACK_BOT_TOKEN", "xoxb-1", "SLACK_APP_TOKEN", "xapp-1",
                "JIRA_EMAIL", "a@example.com");
        assertThatThrownBy(() -> LiveReviewServices.connect(new LiveReviewServices.Config(AwsSettings.defaults(),
                slackOnly, "https://example.atlassian.net", "SEC", "Task", List.of()), Clock.systemUTC(), line -> { }))
                .hasMessageContaining("set JIRA_EMAIL and JIRA_API_TOKEN").hasMessageNotContaining("xoxb-1");
        assertThat(new LiveReviewServices.Config(null, env, "https://j", "SEC", "Task", List.of()).toString())
                .doesNotContain("xoxb");
    }
}
