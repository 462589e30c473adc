package io.jenkins.plugins.iamjanitor.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.iamjanitor.core.approval.ApprovalOutcome;
import io.jenkins.plugins.iamjanitor.core.approval.DecisionListener;
import io.jenkins.plugins.iamjanitor.core.approval.ReviewDecisions;
import io.jenkins.plugins.iamjanitor.core.approval.UserDecision;
import io.jenkins.plugins.iamjanitor.sandbox.LoopbackServer;
import io.jenkins.plugins.iamjanitor.sandbox.Scenario;
import io.jenkins.plugins.iamjanitor.sandbox.slack.SlackEmulator;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * slackAskApproval against the Slack emulator: the real Web API client posts the review, and signed clicks come back
 * over HTTP through the plugin's endpoint logic, the Slack signature check and the shared decision registry into
 * the paused step. (In Jenkins, StepExecution.acceptAll does what the registry listener does here.)
 */
class SlackApprovalEndToEndTest {
    static final String SIGNING = "e2e-signing-secret-1234";
    static final String SCENARIO = """
            {"slack": {
              "botToken": "xoxb-e2e-bot-token-0001", "appToken": "xapp-e2e-app-token-0001", "signingSecret": "%s",
              "channels": [{"id": "C0REVIEW", "name": "iam-reviews"}],
              "users": [
                {"id": "U0BOSS", "name": "boss", "realName": "Big Boss", "email": "boss@example.com"},
                {"id": "U0RANDOM", "name": "random", "email": "random@example.com"}
              ]
            }}""".formatted(SIGNING);

    SlackEmulator slack;
    ScheduledExecutorService executor;
    SlackWiring wiring;
    LoopbackServer jenkins;
    final ReviewDecisions decisions = new ReviewDecisions(Clock.systemUTC());
    final FakeServices services = new FakeServices();
    final FakeStepContext context = new FakeStepContext();

    @BeforeEach
    void start() {
        slack = SlackEmulator.start(Scenario.parse("plugin-e2e", SCENARIO));
        executor = Executors.newScheduledThreadPool(2);
        wiring = new SlackWiring(slack.apiBase(), "xoxb-e2e-bot-token-0001", SIGNING, decisions, executor,
                Clock.systemUTC());
        SlackActionsHandler endpoint = new SlackActionsHandler(wiring::callback);
        jenkins = new LoopbackServer(0).mount("/iam-janitor/slack/actions", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = SlackActionsEndpoint.readLimited(in);
            }
            SlackCallback.Reply r = endpoint.handle(exchange.getRequestMethod(),
                    exchange.getRequestHeaders().getFirst("X-Slack-Request-Timestamp"),
                    exchange.getRequestHeaders().getFirst("X-Slack-Signature"), body);
            byte[] out = r.body() == null ? new byte[0] : r.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(r.status(), out.length == 0 ? -1 : out.length);
            try (OutputStream o = exchange.getResponseBody()) {
                o.write(out);
            }
        }).start();
        services.approvalChannel = wiring.channel();
        services.registry = wiring.registry();
        services.defaults = new JanitorDefaults(services.defaults.aws(), 21, null, 10, "#iam-reviews",
                List.of("U0BOSS"), "SEC", "Task");
    }

    @AfterEach
    void stop() {
        jenkins.close();
        executor.shutdownNow();
        slack.close();
    }

    URI callback() {
        return jenkins.uri("/iam-janitor/slack/actions");
    }

    @Test
    void clicksInSlackCompleteThePausedStep() throws Exception {
        SlackAskApprovalStep step = new SlackAskApprovalStep(SlackAskApprovalStepTest.users());
        SlackAskApprovalStep.Execution execution = new SlackAskApprovalStep.Execution(step, context, services);
        decisions.addListener(new DecisionListener() {
            @Override
            public void onDecision(String reviewId, UserDecision decision) {
                execution.onDecision(reviewId, decision);
            }

            @Override
            public void onReviewComplete(ApprovalOutcome outcome) {
            }
        });
        assertThat(execution.start()).isFalse();
        assertThat(slack.messages()).hasSize(1);
        String ts = slack.messages().get(0).ts();

        String forged = slack.clicks().formBody(slack.clicks().payload("U0BOSS", ts, "iamj:approve:bob"));
        assertThat(slack.clicks().post(callback(), forged, Map.of("X-Slack-Request-Timestamp",
                String.valueOf(System.currentTimeMillis() / 1000), "X-Slack-Signature", "v0=" + "0".repeat(64))))
                .as("forged signature").isEqualTo(401);
        assertThat(slack.clicks().post(callback(), forged, Map.of())).as("no Slack headers").isEqualTo(400);

        assertThat(slack.clicks().viaHttp(callback(), "U0RANDOM", ts, "iamj:approve:bob").httpStatus()).isEqualTo(200);
        eventually("the outsider is told", () -> !slack.ephemerals().isEmpty());
        assertThat(context.done()).isFalse();

        assertThat(slack.clicks().viaHttp(callback(), "U0BOSS", ts, "iamj:approve:alice").httpStatus()).isEqualTo(200);
        assertThat(slack.clicks().viaHttp(callback(), "U0BOSS", ts, "iamj:keep:bob").httpStatus()).isEqualTo(200);
        eventually("the step completes", context::done);

        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) context.result();
        assertThat(result).containsEntry("approved", List.of("alice")).containsEntry("kept", List.of("bob"))
                .containsEntry("approver", "U0BOSS").containsEntry("channel", "C0REVIEW")
                .containsEntry("messageTs", ts).containsEntry("timedOut", false);
        assertThat(result.get("decisions")).asString().contains("channel=slack:C0REVIEW", "approverId=U0BOSS");
        assertThat(context.log()).doesNotContain("xoxb-e2e-bot-token-0001", SIGNING);
    }

    static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.sleep(5);
        }
    }
}
