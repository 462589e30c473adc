package io.jenkins.plugins.iamjanitor.integrations.slack;

import io.jenkins.plugins.iamjanitor.core.approval.ApprovalRequest;
import io.jenkins.plugins.iamjanitor.core.approval.ReviewDecisions;
import io.jenkins.plugins.iamjanitor.core.model.IamUser;
import io.jenkins.plugins.iamjanitor.core.model.Tag;
import io.jenkins.plugins.iamjanitor.core.policy.ActivityBasis;
import io.jenkins.plugins.iamjanitor.core.policy.CredentialEvidence;
import io.jenkins.plugins.iamjanitor.core.policy.CredentialKind;
import io.jenkins.plugins.iamjanitor.core.policy.Outcome;
import io.jenkins.plugins.iamjanitor.core.policy.Verdict;
import io.jenkins.plugins.iamjanitor.sandbox.LoopbackServer;
import io.jenkins.plugins.iamjanitor.sandbox.Scenario;
import io.jenkins.plugins.iamjanitor.sandbox.slack.SlackEmulator;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * A Slack workspace emulator plus the whole adapter wired to it: web client, decision registry, channel, interaction
 * handler, and the handler mounted as an HTTP Request URL on 127.0.0.1. Also captures every log record of the
 * Slack package so tests can check that no secret is ever logged.
 */
final class SlackFixture implements AutoCloseable {
    static final String BOT = "xoxb-test-bot-token-7f3a";
    static final String APP = "xapp-test-app-token-91c2";
    static final String SIGNING = "test-signing-secret-5d0e";
    static final String APPROVER = "U0BOSS";
    static final String OTHER_APPROVER = "U0ANNA";
    static final String OUTSIDER = "U0RANDOM";
    static final String DAVE = "U0DAVE";
    static final String ERIN = "U0ERIN";
    static final String GROUP = "S0APPROVERS";

    static final String SCENARIO = """
            {"slack": {
              "botToken": "%s", "appToken": "%s", "signingSecret": "%s",
              "channels": [{"id": "C0REVIEW", "name": "iam-review"}],
              "users": [
                {"id": "U0BOSS", "name": "boss", "realName": "Big Boss", "email": "boss@example.com"},
                {"id": "U0ANNA", "name": "anna", "realName": "Anna Approver", "email": "anna@example.com"},
                {"id": "U0RANDOM", "name": "random", "email": "random@example.com"},
                {"id": "U0DAVE", "name": "dave", "email": "dave@example.com"},
                {"id": "U0ERIN", "name": "erin", "email": "Erin@Example.com"}
              ],
              "userGroups": [{"id": "S0APPROVERS", "handle": "iam-approvers", "users": ["U0ANNA", "U0DAVE", "U0ERIN"]}]
            }}""".formatted(BOT, APP, SIGNING);

    final SlackEmulator slack;
    final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());
    final SlackWebClient web;
    final ReviewDecisions decisions = new ReviewDecisions(Clock.systemUTC());
    final SlackApprovalChannel channel;
    final ExecutorService executor = Executors.newFixedThreadPool(2);
    final SlackInteractionHandler handler;
    final LoopbackServer callbackServer;
    final List<LogRecord> logs = Collections.synchronizedList(new ArrayList<>());
    private final Logger slackLogger = Logger.getLogger("io.jenkins.plugins.iamjanitor.integrations.slack");
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            logs.add(r);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    SlackFixture() {
        this(SCENARIO);
    }

    SlackFixture(String scenario) {
        slackLogger.addHandler(capture);
        slackLogger.setLevel(Level.ALL);
        slack = SlackEmulator.start(Scenario.parse("test", scenario));
        web = new SlackWebClient(slack.apiBase(), SlackSecret.of(BOT), HttpClient.newHttpClient(), sleeps::add, 4);
        channel = new SlackApprovalChannel(web, decisions);
        handler = new SlackInteractionHandler(channel,
                new SlackRequestVerifier(SlackSecret.of(SIGNING), Clock.systemUTC()), executor);
        callbackServer = new LoopbackServer(0).mount("/iam-janitor/slack/actions", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            SlackInteractionHandler.Response r = handler.handleHttp(exchange.getRequestHeaders(), body);
            byte[] out = r.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(r.status(), out.length == 0 ? -1 : out.length);
            try (OutputStream o = exchange.getResponseBody()) {
                o.write(out);
            }
        }).start();
    }

    URI callback() {
        return callbackServer.uri("/iam-janitor/slack/actions");
    }

    static Verdict verdict(String name, long days, Tag... tags) {
        Instant now = Instant.parse("2026-11-23T12:00:00Z");
        Instant last = now.minus(Duration.ofDays(days));
        IamUser user = new IamUser(name, "AIDA" + name.hashCode(), "arn:aws:iam::123456789012:user/" + name, "/",
                now.minus(Duration.ofDays(400)), List.of(tags), List.of(), null, List.of(), List.of(), List.of(),
                List.of(), List.of());
        CredentialEvidence key = new CredentialEvidence(CredentialKind.ACCESS_KEY, "AKIAEXAMPLE" + days,
                ActivityBasis.LAST_USED, last, true, "last used iam in us-east-1");
        return new Verdict(user, Outcome.INACTIVE, "access key idle", now, last, days, key, List.of(key));
    }

    static ApprovalRequest request(String reviewId, List<Verdict> candidates, List<String> approvers) {
        return new ApprovalRequest(reviewId, "123456789012", candidates, "#iam-review", approvers,
                "Weekly IAM clean-up", "https://jenkins.example.com/job/iam/42/", "https://jira.example.com/browse/SEC-7");
    }

    /** Polls until the condition holds (up to 10 s); no fixed sleeps, so fast machines finish fast. */
    static void eventually(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** Everything logged so far, formatted, for the secrets check. */
    String logText() {
        StringBuilder b = new StringBuilder();
        synchronized (logs) {
            for (LogRecord r : logs) {
                String msg = r.getMessage();
                if (r.getParameters() != null) {
                    msg = java.text.MessageFormat.format(msg, r.getParameters());
                }
                b.append(msg).append('\n');
            }
        }
        return b.toString();
    }

    @Override
    public void close() {
        executor.shutdownNow();
        callbackServer.close();
        slack.close();
        slackLogger.removeHandler(capture);
    }
}
