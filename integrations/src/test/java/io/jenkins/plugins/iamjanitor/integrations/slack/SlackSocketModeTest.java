package io.jenkins.plugins.iamjanitor.integrations.slack;

import static io.jenkins.plugins.iamjanitor.integrations.slack.SlackFixture.APP;
import static io.jenkins.plugins.iamjanitor.integrations.slack.SlackFixture.APPROVER;
import static io.jenkins.plugins.iamjanitor.integrations.slack.SlackFixture.BOT;
import static io.jenkins.plugins.iamjanitor.integrations.slack.SlackFixture.OUTSIDER;
import static io.jenkins.plugins.iamjanitor.integrations.slack.SlackFixture.eventually;
import static io.jenkins.plugins.iamjanitor.integrations.slack.SlackFixture.request;
import static io.jenkins.plugins.iamjanitor.integrations.slack.SlackFixture.verdict;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.iamjanitor.core.approval.ApprovalHandle;
import io.jenkins.plugins.iamjanitor.core.approval.ApprovalOutcome;
import io.jenkins.plugins.iamjanitor.core.approval.UserDecision;
import io.jenkins.plugins.iamjanitor.sandbox.slack.SlackRecords.Click;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Socket Mode route: a real WebSocket to the emulator, envelopes acked by id, reconnects. */
class SlackSocketModeTest {
    private SlackFixture f = new SlackFixture();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private SlackSocketModeClient client;

    @AfterEach
    void close() {
        if (client != null) {
            client.stop();
        }
        scheduler.shutdownNow();
        f.close();
    }

    private SlackSocketModeClient start(String appToken) {
        client = new SlackSocketModeClient(f.web, SlackSecret.of(appToken), f.handler, HttpClient.newHttpClient(),
                scheduler, Duration.ofMillis(10));
        client.start();
        return client;
    }

    private ApprovalHandle post() {
        return f.channel.post(request("rev-sock", List.of(verdict("alice", 40), verdict("bob", 50)),
                List.of(APPROVER)));
    }

    @Test
    void fullRoundTripOverSocketMode() {
        start(APP);
        eventually("hello", client::isConnected);
        ApprovalHandle h = post();
        String ts = h.messageIds().get(0);

        Click click = f.slack.clicks().viaSocket(APPROVER, ts, "iamj:approve:alice");
        eventually("envelope acked", () -> f.slack.acked(click.envelopeId()));
        eventually("message updated", () -> f.slack.message(ts).updates() == 1);
        assertThat(f.slack.message(ts).blocks().toString()).contains("Approved for deletion by <@U0BOSS>");

        Click outsider = f.slack.clicks().viaSocket(OUTSIDER, ts, "iamj:approve:bob");
        eventually("outsider acked", () -> f.slack.acked(outsider.envelopeId()));
        eventually("outsider told", () -> f.slack.ephemerals().size() == 1);

        f.slack.clicks().viaSocket(APPROVER, ts, "iamj:keep:bob");
        ApprovalOutcome outcome = f.channel.await(h, Duration.ofSeconds(10));
        assertThat(outcome.timedOut()).isFalse();
        assertThat(outcome.approved()).extracting(UserDecision::userName).containsExactly("alice");
        assertThat(outcome.kept()).extracting(UserDecision::userName).containsExactly("bob");
    }

    @Test
    void reconnectsWhenTheSocketDrops() {
        start(APP);
        eventually("hello", () -> client.helloCount() == 1);
        f.slack.dropSockets();
        eventually("second hello", () -> client.helloCount() == 2 && f.slack.openSockets() == 1);
        assertThat(f.slack.socketConnectionsOpened()).isEqualTo(2);

        ApprovalHandle h = post();
        Click click = f.slack.clicks().viaSocket(APPROVER, h.messageIds().get(0), "iamj:keep:alice");
        eventually("acked after reconnect", () -> f.slack.acked(click.envelopeId()));
        eventually("decided", () -> f.decisions.outcome("rev-sock").decisions().size() == 1);
    }

    @Test
    void reconnectsWhenSlackAsks() {
        start(APP);
        eventually("hello", () -> client.helloCount() == 1);
        f.slack.requestDisconnect("refresh_requested");
        eventually("new connection", () -> client.helloCount() == 2 && f.slack.openSockets() == 1);
        assertThat(f.slack.callCount("apps.connections.open")).isEqualTo(2);
    }

    @Test
    void stopsOnABadAppTokenWithoutLeakingIt() {
        start("xapp-not-the-right-one-42");
        eventually("gave up", () -> client.lastError() != null);
        assertThat(client.lastError()).contains("invalid_auth").doesNotContain("xapp-not-the-right-one-42");
        assertThat(client.isConnected()).isFalse();
        assertThat(f.slack.callCount("apps.connections.open")).isEqualTo(1);
        assertThat(f.logText()).doesNotContain("xapp-not-the-right-one-42").doesNotContain(APP).doesNotContain(BOT);
    }

    @Test
    void scriptedApproverRunsADemoUnattended() {
        f.close();
        f = new SlackFixture(SlackFixture.SCENARIO.replace("\"userGroups\"",
                "\"approver\": {\"as\": \"U0BOSS\", \"delayMillis\": 0, \"approve\": [\"*\"], \"keep\": [\"bob\"]},"
                        + " \"userGroups\""));
        start(APP);
        eventually("hello", client::isConnected);
        ApprovalOutcome outcome = f.channel.await(post(), Duration.ofSeconds(10));
        assertThat(outcome.approved()).extracting(UserDecision::userName).containsExactly("alice");
        assertThat(outcome.kept()).extracting(UserDecision::userName).containsExactly("bob");
        assertThat(f.slack.scriptedClicks()).extracting(Click::via).containsOnly("socket");
    }

    @Test
    void scriptedApproverClicksAgainOnceTheSocketIsBack() {
        f.close();
        f = new SlackFixture(SlackFixture.SCENARIO.replace("\"userGroups\"",
                "\"approver\": {\"as\": \"U0BOSS\", \"delayMillis\": 0, \"approve\": [\"*\"], \"via\": \"socket\"},"
                        + " \"userGroups\""));
        // Posted while no Socket Mode connection is open (as during a reconnect): the scripted click, scheduled as soon
        // as chat.postMessage has answered, has nowhere to go until the socket below is up.
        ApprovalHandle h = post();
        assertThat(f.slack.socketConnectionsOpened()).isZero();
        start(APP);
        ApprovalOutcome outcome = f.channel.await(h, Duration.ofSeconds(10));
        assertThat(outcome.timedOut()).isFalse();
        assertThat(outcome.approved()).extracting(UserDecision::userName).containsExactly("alice", "bob");
        assertThat(f.slack.scriptedClicks()).extracting(Click::via).containsOnly("socket");
    }

    @Test
    void scriptedApproverCanClickThroughTheHttpCallback() {
        f.close();
        f = new SlackFixture(SlackFixture.SCENARIO.replace("\"userGroups\"",
                "\"approver\": {\"as\": \"U0BOSS\", \"delayMillis\": 0, \"approve\": [\"alice\", \"bob\"],"
                        + " \"via\": \"http\"}, \"userGroups\""));
        f.slack.setCallbackUrl(f.callback());
        ApprovalOutcome outcome = f.channel.await(post(), Duration.ofSeconds(10));
        assertThat(outcome.approved()).extracting(UserDecision::userName).containsExactly("alice", "bob");
        assertThat(f.slack.scriptedClicks()).extracting(Click::httpStatus).containsOnly(200);
    }

    @Test
    void clicksThatArriveWhileLaterPagesArePostedAreKept() {
        f.close();
        f = new SlackFixture(SlackFixture.SCENARIO.replace("\"userGroups\"",
                "\"approver\": {\"as\": \"U0BOSS\", \"delayMillis\": 0, \"approve\": [\"*\"]}, \"userGroups\""));
        start(APP);
        eventually("hello", client::isConnected);
        List<io.jenkins.plugins.iamjanitor.core.policy.Verdict> many = new java.util.ArrayList<>();
        for (int i = 0; i < 60; i++) {
            many.add(verdict("user" + i, 30 + i));
        }
        ApprovalHandle h = f.channel.post(request("rev-many", many, List.of(APPROVER)));
        ApprovalOutcome outcome = f.channel.await(h, Duration.ofSeconds(20));
        assertThat(outcome.timedOut()).isFalse();
        assertThat(outcome.approved()).hasSize(60);
        eventually("every page shows the outcome", () -> h.messageIds().stream()
                .noneMatch(ts -> f.slack.message(ts).blocks().toString().contains("\"button\"")));
    }
}
