package io.jenkins.plugins.iamjanitor.plugin;

import java.time.Duration;

/** Runs a task once after a delay (Jenkins' shared Timer in production; a manual fake in tests). */
@FunctionalInterface
public interface TimeoutScheduler {
    /** Returns how to cancel it. */
    Runnable schedule(Duration delay, Runnable task);
}
