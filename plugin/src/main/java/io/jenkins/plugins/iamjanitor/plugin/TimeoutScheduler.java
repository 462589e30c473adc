package io.jenkins.plugins.iamjanitor.plugin;

import java.time.Duration;

/**
 * Runs a task once after a delay: on the plugin's own approval threads in production (see {@link ApprovalWaits}),
 * never on jenkins.util.Timer; a fake in tests.
 */
@FunctionalInterface
public interface TimeoutScheduler {
    /** Returns how to cancel it. */
    Runnable schedule(Duration delay, Runnable task);
}
