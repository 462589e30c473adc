package io.jenkins.plugins.iamjanitor.integrations.aws;

import java.time.Duration;

/** Waits between polls; injected so that tests never wait on a wall clock. */
@FunctionalInterface
public interface Sleeper {
    Sleeper THREAD = d -> Thread.sleep(d.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
