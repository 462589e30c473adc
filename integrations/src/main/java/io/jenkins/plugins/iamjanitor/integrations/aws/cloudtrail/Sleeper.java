package io.jenkins.plugins.iamjanitor.integrations.aws.cloudtrail;

/** Waits; injected so that tests of pacing and backoff run on a fake clock. */
@FunctionalInterface
public interface Sleeper {
    Sleeper SYSTEM = nanos -> {
        if (nanos > 0) {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        }
    };

    void sleepNanos(long nanos) throws InterruptedException;
}
