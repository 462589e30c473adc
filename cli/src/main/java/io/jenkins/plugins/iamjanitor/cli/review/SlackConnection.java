package io.jenkins.plugins.iamjanitor.cli.review;

import io.jenkins.plugins.iamjanitor.core.approval.ReviewDecisions;
import io.jenkins.plugins.iamjanitor.integrations.slack.SlackApprovalChannel;
import io.jenkins.plugins.iamjanitor.integrations.slack.SlackInteractionHandler;
import io.jenkins.plugins.iamjanitor.integrations.slack.SlackRequestVerifier;
import io.jenkins.plugins.iamjanitor.integrations.slack.SlackSecret;
import io.jenkins.plugins.iamjanitor.integrations.slack.SlackSocketModeClient;
import io.jenkins.plugins.iamjanitor.integrations.slack.SlackWebClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Slack for the CLI: the Web API for posting, Socket Mode (an outbound WebSocket) for the clicks, so no public URL is
 * needed. The signing secret is only used if an HTTP callback is ever wired; Socket Mode envelopes are trusted because
 * the socket was opened with the app token.
 */
final class SlackConnection implements AutoCloseable {
    private final ExecutorService handlerPool = Executors.newFixedThreadPool(2, daemon("slack-actions"));
    private final ScheduledExecutorService scheduler =
            Executors.newSingleThreadScheduledExecutor(daemon("slack-socket"));
    private final SlackSocketModeClient socket;
    private final SlackApprovals approvals;
    private final SlackWebClient web;

    SlackConnection(URI apiBase, SlackSecret botToken, SlackSecret appToken, SlackSecret signingSecret, Clock clock) {
        this(apiBase, botToken, appToken, signingSecret, clock, SlackInteractionHandler.Expected.ANY);
    }

    /** @param expected the workspace and app clicks must come from (SLACK_TEAM_ID, SLACK_APP_ID) */
    SlackConnection(URI apiBase, SlackSecret botToken, SlackSecret appToken, SlackSecret signingSecret, Clock clock,
            SlackInteractionHandler.Expected expected) {
        SlackWebClient web = new SlackWebClient(apiBase, botToken);
        this.web = web;
        SlackApprovalChannel channel = new SlackApprovalChannel(web, new ReviewDecisions(clock));
        SlackInteractionHandler handler = new SlackInteractionHandler(channel,
                new SlackRequestVerifier(signingSecret, clock), handlerPool, expected);
        this.socket = new SlackSocketModeClient(web, appToken, handler, HttpClient.newHttpClient(), scheduler,
                Duration.ofSeconds(1));
        this.approvals = new SlackApprovals(channel);
    }

    /** Opens the socket and waits (up to {@code timeout}) for Slack's hello, so no click is missed. */
    SlackConnection connect(Duration timeout) {
        socket.start();
        Instant deadline = Instant.now().plus(timeout);
        while (!socket.isConnected()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("Slack Socket Mode did not connect within " + timeout.toSeconds()
                        + " s" + (socket.lastError() == null ? "" : ": " + socket.lastError()));
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while connecting to Slack", e);
            }
        }
        return this;
    }

    SlackApprovals approvals() {
        return approvals;
    }

    /** Quarantine follow-ups, posted in the channel each review was asked in. */
    io.jenkins.plugins.iamjanitor.core.port.ReviewNotifier notifier(String fallbackChannel) {
        return new io.jenkins.plugins.iamjanitor.integrations.slack.SlackReviewNotifier(web, fallbackChannel);
    }

    @Override
    public void close() {
        socket.close();
        scheduler.shutdownNow();
        handlerPool.shutdownNow();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
