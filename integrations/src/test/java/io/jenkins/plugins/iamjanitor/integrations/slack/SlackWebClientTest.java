package io.jenkins.plugins.iamjanitor.integrations.slack;

import static io.jenkins.plugins.iamjanitor.integrations.slack.SlackFixture.APP;
import static io.jenkins.plugins.iamjanitor.integrations.slack.SlackFixture.BOT;
import static io.jenkins.plugins.iamjanitor.integrations.slack.SlackFixture.SIGNING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.iamjanitor.core.port.ServiceException;
import io.jenkins.plugins.iamjanitor.sandbox.Faults;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SlackWebClientTest {
    private final SlackFixture f = new SlackFixture();

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void postsAndUpdatesMessagesResolvingTheChannelName() {
        PostedMessage posted = f.web.postMessage("#iam-review", "hello", f.web.json().createArrayNode());
        assertThat(posted.channel()).isEqualTo("C0REVIEW");
        f.web.update(posted.channel(), posted.ts(), "changed", f.web.json().createArrayNode());
        assertThat(f.slack.message(posted.ts()).text()).isEqualTo("changed");
        assertThat(f.slack.message(posted.ts()).updates()).isEqualTo(1);
    }

    @Test
    void testsTheBotToken() {
        assertThat(f.web.authTest()).isEqualTo("Sandbox as U0BOT");
    }

    @Test
    void readsUsersAndUserGroups() {
        SlackUser boss = f.web.userInfo("U0BOSS");
        assertThat(boss).isEqualTo(new SlackUser("U0BOSS", "boss", "Big Boss", "boss@example.com"));
        assertThat(f.web.userGroupMembers("S0APPROVERS")).containsExactly("U0ANNA", "U0DAVE", "U0ERIN");
    }

    @Test
    void slackErrorsNameTheMethodAndCodeButNeverTheToken() {
        ServiceException e = catchThrowableOfType(ServiceException.class, () -> f.web.userInfo("U0NOBODY"));
        assertThat(e.errorCode()).isEqualTo("user_not_found");
        assertThat(e.getMessage()).contains("Slack users.info failed (user_not_found)");

        SlackWebClient wrong = new SlackWebClient(f.slack.apiBase(), SlackSecret.of("xoxb-wrong-token-123"),
                HttpClient.newHttpClient(), d -> { }, 2);
        ServiceException auth = catchThrowableOfType(ServiceException.class,
                () -> wrong.postMessage("C0REVIEW", "x", wrong.json().createArrayNode()));
        assertThat(auth.errorCode()).isEqualTo("invalid_auth");
        assertThat(auth.getMessage()).contains("chat.postMessage").doesNotContain("xoxb-wrong-token-123");
        assertThat(wrong.toString()).doesNotContain("xoxb");

        ServiceException wrongType = catchThrowableOfType(ServiceException.class,
                () -> f.web.openConnection(SlackSecret.of(BOT)));
        assertThat(wrongType.errorCode()).isEqualTo("not_allowed_token_type");
        assertThat(wrongType.getMessage()).doesNotContain(BOT);
    }

    @Test
    void honoursRetryAfterOn429ThenSucceeds() {
        f.slack.throttleNext("chat.postMessage", 2, 7);
        PostedMessage posted = f.web.postMessage("C0REVIEW", "hi", f.web.json().createArrayNode());
        assertThat(posted.ts()).isNotBlank();
        assertThat(f.sleeps).containsExactly(Duration.ofSeconds(7), Duration.ofSeconds(7));
        assertThat(f.slack.callCount("chat.postMessage")).isEqualTo(3);
        assertThat(f.slack.messages()).hasSize(1);
    }

    @Test
    void givesUpWhenStillRateLimitedAndSaysSo() {
        f.slack.throttleNext("users.info", 10, 3);
        ServiceException e = catchThrowableOfType(ServiceException.class, () -> f.web.userInfo("U0BOSS"));
        assertThat(e.errorCode()).isEqualTo("ratelimited");
        assertThat(f.slack.callCount("users.info")).isEqualTo(4);
    }

    @Test
    void retriesServerErrorsAndDroppedConnections() {
        f.slack.faults().failNext("users.info", Faults.Kind.SERVER_ERROR, 1);
        assertThat(f.web.userInfo("U0BOSS").id()).isEqualTo("U0BOSS");
        f.slack.faults().failNext("users.info", Faults.Kind.DROP, 1);
        assertThat(f.web.userInfo("U0BOSS").id()).isEqualTo("U0BOSS");
        f.slack.faults().failNext("users.info", Faults.Kind.SERVER_ERROR, 10);
        ServiceException e = catchThrowableOfType(ServiceException.class, () -> f.web.userInfo("U0BOSS"));
        assertThat(e.errorCode()).isEqualTo("HTTP 500");
    }

    @Test
    void opensSocketModeConnectionsWithTheAppToken() {
        assertThat(f.web.openConnection(SlackSecret.of(APP)).toString()).startsWith("ws://127.0.0.1:");
    }

    @Test
    void noSecretInAnyLogLine() {
        f.slack.throttleNext("chat.postMessage", 1, 1);
        f.web.postMessage("C0REVIEW", "hi", f.web.json().createArrayNode());
        catchThrowableOfType(ServiceException.class, () -> f.web.userInfo("U0NOBODY"));
        List<String> secrets = new ArrayList<>(List.of(BOT, APP, SIGNING));
        assertThat(f.logs).isNotEmpty();
        secrets.forEach(s -> assertThat(f.logText()).doesNotContain(s));
    }
}
