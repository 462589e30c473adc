package io.jenkins.plugins.iamjanitor.plugin;

import hudson.Extension;
import hudson.ExtensionList;
import io.jenkins.plugins.iamjanitor.core.approval.ApprovalOutcome;
import io.jenkins.plugins.iamjanitor.core.approval.DecisionListener;
import io.jenkins.plugins.iamjanitor.core.approval.ReviewDecisions;
import io.jenkins.plugins.iamjanitor.core.approval.UserDecision;
import io.jenkins.plugins.iamjanitor.core.port.ApprovalChannel;
import io.jenkins.plugins.iamjanitor.integrations.slack.FileSeenSignatures;
import io.jenkins.plugins.iamjanitor.integrations.slack.SlackWebClient;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The controller-wide Slack pieces: the decision registry shared by the HTTP endpoint and the Socket Mode client, the
 * Slack adapter built from the configured credentials (rebuilt when their ids change), and the route from a recorded
 * decision to the paused {@code slackAskApproval} step that waits for it.
 */
@Extension
public class SlackRuntime {
    private static final Logger LOGGER = Logger.getLogger(SlackRuntime.class.getName());
    /**
     * The replay cache of signed Slack clicks under JENKINS_HOME: HMACs and expiry times only, kept for Slack's
     * five-minute window, so a click captured before a restart is still refused after it.
     */
    static final String SEEN_SIGNATURES = "iam-janitor/slack-seen-signatures";

    private final ReviewDecisions decisions = new ReviewDecisions(Clock.systemUTC());
    // One reader for every Slack secret, so the step logs can mask all of them (see revealedSecrets()).
    private final JenkinsCredentials credentials = new JenkinsCredentials(null);
    private final SocketModeLifecycle socketMode = new SocketModeLifecycle(
            appTokenId -> wiring().socketMode(credentials.secretText(appTokenId, "Slack app-level token")));
    private SlackWiring wiring;
    private String wiredFor;

    public SlackRuntime() {
        decisions.addListener(new DecisionListener() {
            @Override
            public void onDecision(String reviewId, UserDecision decision) {
                route(reviewId, decision);
            }

            @Override
            public void onReviewComplete(ApprovalOutcome outcome) {
                // The step completes itself once it holds every decision; nothing else to do here.
            }
        });
    }

    public static SlackRuntime get() {
        return ExtensionList.lookupSingleton(SlackRuntime.class);
    }

    /** The Slack tokens read so far, for masking in build logs; never printed. */
    List<String> revealedSecrets() {
        return credentials.revealed();
    }

    /** The adapter for the current configuration; rebuilt (keeping the registry) when credential ids change. */
    synchronized SlackWiring wiring() {
        IamJanitorConfiguration c = IamJanitorConfiguration.get();
        String key = c.getSlackBotTokenCredentialsId() + "|" + c.getSlackSigningSecretCredentialsId() + "|"
                + c.getSlackApiUrl()
                + JenkinsCredentials.fingerprint(c.getSlackBotTokenCredentialsId(),
                        c.getSlackSigningSecretCredentialsId())
                + JenkinsProxies.fingerprint(); // a rotated secret or a new proxy rebuilds the wiring
        if (wiring == null || !Objects.equals(key, wiredFor)) {
            JenkinsCredentials creds = credentials;
            String bot = creds.secretText(c.getSlackBotTokenCredentialsId(), "Slack bot token");
            String signing = c.getSlackSigningSecretCredentialsId() == null ? null
                    : creds.secretText(c.getSlackSigningSecretCredentialsId(), "Slack signing secret");
            wiring = new SlackWiring(c.getSlackApiUrl() == null ? SlackWebClient.DEFAULT_BASE
                    : java.net.URI.create(c.getSlackApiUrl()), bot, signing, decisions, ApprovalWaits.get().executor(),
                    Clock.systemUTC(), JenkinsProxies.current(), new FileSeenSignatures(jenkins.model.Jenkins.get()
                            .getRootDir().toPath().resolve(SEEN_SIGNATURES)));
            wiredFor = key;
        }
        return wiring;
    }

    SocketModeLifecycle socketMode() {
        return socketMode;
    }

    ApprovalChannel approvalChannel() {
        return wiring().channel();
    }

    ReviewRegistry reviews() {
        return wiring().registry();
    }

    /** The interactivity endpoint's handler; null while no bot token or signing secret is configured. */
    static SlackCallback callback() {
        try {
            return get().wiring().callback();
        } catch (RuntimeException e) {
            LOGGER.log(Level.FINE, "Slack callback not available", e);
            return null;
        }
    }

    /**
     * Hands a decision recorded by the Slack registry to the one paused step that owns the review. When none waits
     * (the build is resuming after a restart) the step reads the registry's decisions once it is back.
     */
    static void route(String reviewId, UserDecision decision) {
        ApprovalStepExecution e = ApprovalWaits.get().waitingFor(reviewId);
        if (e == null) {
            LOGGER.fine(() -> "IAM Janitor: no paused step waits for review " + reviewId + " (yet)");
            return;
        }
        try {
            e.record(decision);
        } catch (RuntimeException ex) {
            LOGGER.log(Level.WARNING, "IAM Janitor: recording a Slack decision of review " + reviewId + " failed", ex);
        }
    }
}
