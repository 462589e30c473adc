package io.jenkins.plugins.iamjanitor.plugin;

import io.jenkins.plugins.iamjanitor.core.approval.ApprovalHandle;
import io.jenkins.plugins.iamjanitor.core.approval.ApprovalRequest;
import io.jenkins.plugins.iamjanitor.core.approval.ReviewDecisions;
import io.jenkins.plugins.iamjanitor.core.approval.UserDecision;
import io.jenkins.plugins.iamjanitor.integrations.http.HttpProxy;
import io.jenkins.plugins.iamjanitor.integrations.slack.SlackApprovalChannel;
import io.jenkins.plugins.iamjanitor.integrations.slack.SlackInteractionHandler;
import io.jenkins.plugins.iamjanitor.integrations.slack.SlackRequestVerifier;
import io.jenkins.plugins.iamjanitor.integrations.slack.SlackSecret;
import io.jenkins.plugins.iamjanitor.integrations.slack.SlackSocketModeClient;
import io.jenkins.plugins.iamjanitor.integrations.slack.SlackWebClient;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The Slack adapter assembled for the plugin (no Jenkins types): one channel and one interaction handler over the
 * controller's shared decision registry, exposed as the plugin's {@link ReviewRegistry} and {@link SlackCallback}.
 */
final class SlackWiring {
    private final SlackWebClient web;
    private final SlackApprovalChannel channel;
    private final SlackInteractionHandler handler;
    private final boolean httpCallback;
    private final ScheduledExecutorService executor;
    private final HttpProxy proxy;

    SlackWiring(URI apiBase, String botToken, String signingSecret, ReviewDecisions decisions,
            ScheduledExecutorService executor, Clock clock) {
        this(apiBase, botToken, signingSecret, decisions, executor, clock, null);
    }

    /**
     * @param signingSecret null when only Socket Mode is used (then the HTTP callback answers 404)
     * @param proxy         HTTP proxy for the Web API and the Socket Mode WebSocket, null for direct connections
     */
    SlackWiring(URI apiBase, String botToken, String signingSecret, ReviewDecisions decisions,
            ScheduledExecutorService executor, Clock clock, HttpProxy proxy) {
        this(apiBase, botToken, signingSecret, decisions, executor, clock, proxy, null);
    }

    /**
     * @param seen the replay cache of signed clicks; null keeps it in memory (a restart forgets it, and a click
     *             captured before the restart could be replayed within Slack's five-minute window)
     */
    SlackWiring(URI apiBase, String botToken, String signingSecret, ReviewDecisions decisions,
            ScheduledExecutorService executor, Clock clock, HttpProxy proxy,
            io.jenkins.plugins.iamjanitor.integrations.slack.SeenSignatures seen) {
        this.proxy = proxy;
        this.web = new SlackWebClient(apiBase, SlackSecret.of(botToken), proxy);
        this.channel = new SlackApprovalChannel(web, decisions);
        this.httpCallback = signingSecret != null;
        this.handler = new SlackInteractionHandler(channel,
                signingSecret == null ? null : seen == null
                        ? new SlackRequestVerifier(SlackSecret.of(signingSecret), clock)
                        : new SlackRequestVerifier(SlackSecret.of(signingSecret), clock, seen),
                executor);
        this.executor = executor;
    }

    SlackApprovalChannel channel() {
        return channel;
    }

    /** Quarantine follow-ups posted with the bot token (issue 19). */
    io.jenkins.plugins.iamjanitor.core.port.ReviewNotifier notifier(String fallbackChannel) {
        return new io.jenkins.plugins.iamjanitor.integrations.slack.SlackReviewNotifier(web, fallbackChannel);
    }

    SlackCallback callback() {
        if (!httpCallback) {
            return null;
        }
        return (timestamp, signature, body) -> {
            Map<String, List<String>> headers = new java.util.HashMap<>();
            if (timestamp != null) {
                headers.put(SlackRequestVerifier.TIMESTAMP_HEADER, List.of(timestamp));
            }
            if (signature != null) {
                headers.put(SlackRequestVerifier.SIGNATURE_HEADER, List.of(signature));
            }
            SlackInteractionHandler.Response r = handler.handleHttp(headers, body);
            return SlackCallback.Reply.of(r.status(), r.body());
        };
    }

    ReviewRegistry registry() {
        return new ReviewRegistry() {
            @Override
            public void resume(ApprovalRequest request, ApprovalHandle handle, List<UserDecision> earlier) {
                channel.resume(request, handle, earlier);
            }

            @Override
            public List<UserDecision> decisions(String reviewId) {
                return channel.decisions().spec(reviewId) == null ? List.of()
                        : channel.decisions().outcome(reviewId).decisions();
            }

            @Override
            public boolean recordElsewhere(String reviewId, UserDecision decision) {
                var spec = channel.decisions().spec(reviewId);
                if (spec == null) {
                    return true;
                }
                // open() with earlier decisions keeps the first decision per user, whichever channel made it.
                channel.decisions().open(spec, List.of(decision));
                return channel.decisions().outcome(reviewId).decisions().stream()
                        .anyMatch(d -> d.userName().equals(decision.userName())
                                && d.approverId().equals(decision.approverId())
                                && d.channel().equals(decision.channel()));
            }

            @Override
            public void refresh(String reviewId) {
                channel.refresh(reviewId);
            }

            @Override
            public void close(String reviewId) {
                if (channel.knows(reviewId)) {
                    channel.expire(reviewId);
                }
            }
        };
    }

    /** Opens a Socket Mode connection with the app-level token; closing the result stops it. */
    AutoCloseable socketMode(String appToken) {
        SlackSocketModeClient client = new SlackSocketModeClient(web, SlackSecret.of(appToken), handler,
                SlackWebClient.httpClient(proxy), executor, Duration.ofSeconds(5));
        client.start();
        return client;
    }
}
