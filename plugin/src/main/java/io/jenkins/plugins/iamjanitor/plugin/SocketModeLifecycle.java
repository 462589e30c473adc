package io.jenkins.plugins.iamjanitor.plugin;

import hudson.ExtensionList;
import java.util.Objects;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps at most one Slack Socket Mode client running, following the configured app-level token: a new token id
 * (re)starts it, a cleared one stops it, an unchanged one leaves it alone.
 */
final class SocketModeLifecycle {
    private static final Logger LOGGER = Logger.getLogger(SocketModeLifecycle.class.getName());

    private final Function<String, AutoCloseable> starter;
    private String runningFor;
    private AutoCloseable client;

    /** @param starter opens a client for an app-token credentials id; throws when it cannot */
    SocketModeLifecycle(Function<String, AutoCloseable> starter) {
        this.starter = starter;
    }

    synchronized void reconcile(String appTokenCredentialsId) {
        if (Objects.equals(appTokenCredentialsId, runningFor) && (client != null || appTokenCredentialsId == null)) {
            return;
        }
        stop();
        if (appTokenCredentialsId != null) {
            client = starter.apply(appTokenCredentialsId);
            runningFor = appTokenCredentialsId;
            LOGGER.info("IAM Janitor: Slack Socket Mode client started (app token credentials " + runningFor + ")");
        }
    }

    synchronized void stop() {
        AutoCloseable c = client;
        client = null;
        runningFor = null;
        if (c != null) {
            try {
                c.close();
                LOGGER.info("IAM Janitor: Slack Socket Mode client stopped");
            } catch (Exception e) {
                LOGGER.log(Level.WARNING, "IAM Janitor: closing the Socket Mode client failed", e);
            }
        }
    }

    synchronized boolean running() {
        return client != null;
    }

    /** From the configuration page or JCasC: a failure is logged, never blocks saving the configuration. */
    static void reconcileQuietly(IamJanitorConfiguration config) {
        try {
            ExtensionList.lookupSingleton(SlackRuntime.class).socketMode().reconcile(
                    config.getSlackAppTokenCredentialsId());
        } catch (RuntimeException e) {
            LOGGER.log(Level.WARNING, "IAM Janitor: could not start the Slack Socket Mode client: " + e.getMessage());
        }
    }
}
