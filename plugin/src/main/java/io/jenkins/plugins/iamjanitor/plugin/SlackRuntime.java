package io.jenkins.plugins.iamjanitor.plugin;

import hudson.Extension;
import hudson.ExtensionList;
import io.jenkins.plugins.iamjanitor.core.approval.UserDecision;
import io.jenkins.plugins.iamjanitor.core.port.ServiceException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * The controller-wide Slack pieces: the decision registry shared by the HTTP endpoint and the Socket Mode client, and
 * the route from a recorded decision to the paused {@code slackAskApproval} step waiting for it.
 */
@Extension
public class SlackRuntime {
    private static final Logger LOGGER = Logger.getLogger(SlackRuntime.class.getName());

    private final SocketModeLifecycle socketMode = new SocketModeLifecycle(appTokenId -> {
        throw new ServiceException("Slack", "apps.connections.open", null,
                "the Socket Mode client is not part of this build yet; use the interactivity URL");
    });

    public static SlackRuntime get() {
        return ExtensionList.lookupSingleton(SlackRuntime.class);
    }

    SocketModeLifecycle socketMode() {
        return socketMode;
    }

    ReviewRegistry reviews() {
        return ReviewRegistry.NONE;
    }

    /** The verifier + handler for the interactivity endpoint; null until a signing secret is configured. */
    static SlackCallback callback() {
        return null;
    }

    /** Hands a recorded decision to whichever paused step owns the review (each ignores other reviews). */
    static void route(String reviewId, UserDecision decision) {
        StepExecution.acceptAll(SlackAskApprovalStep.Execution.class, e -> {
            try {
                e.onDecision(reviewId, decision);
            } catch (RuntimeException ex) {
                LOGGER.log(Level.WARNING, "IAM Janitor: delivering a Slack decision to a paused step failed", ex);
            }
        });
    }
}
