package io.jenkins.plugins.iamjanitor.integrations.aws.cloudtrail;

import java.util.function.LongSupplier;

/**
 * A client-side limiter for one region: hands out evenly spaced start times ({@code 1/rate} apart) to every caller,
 * so that any number of threads together never exceed the rate, and a waiting caller always has the next slot. A slot
 * unused while idle is not saved up beyond one, so the service's own bucket is never overrun after a pause.
 */
final class TokenBucket {
    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;
    private long nextFree;
    private boolean started;

    TokenBucket(double perSecond, LongSupplier nanoTime, Sleeper sleeper) {
        this.intervalNanos = Math.round(1e9 / perSecond);
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
    }

    /** Blocks until this caller may send one request. */
    void acquire() throws InterruptedException {
        long wait = reserve();
        if (wait > 0) {
            sleeper.sleepNanos(wait);
        }
    }

    /** Takes the next free slot and says how long to wait for it. */
    synchronized long reserve() {
        long now = nanoTime.getAsLong();
        long slot = !started || now - nextFree > 0 ? now : nextFree;
        started = true;
        nextFree = slot + intervalNanos;
        return slot - now;
    }
}
