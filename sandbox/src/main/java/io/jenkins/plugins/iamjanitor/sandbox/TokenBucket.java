package io.jenkins.plugins.iamjanitor.sandbox;

import java.util.function.LongSupplier;

/**
 * A service-side token bucket: {@code rate} requests per second on average, bursts of up to {@code burst}. A request
 * that finds it empty is refused and consumes nothing (the emulators then answer their service's throttling error).
 * Thread-safe.
 */
public final class TokenBucket {
    private final double rate;
    private final double burst;
    private final LongSupplier nanoTime;
    private double tokens;
    private long last;

    /** @param nanoTime the time source (injected so tests need not wait) */
    public TokenBucket(double rate, double burst, LongSupplier nanoTime) {
        if (rate <= 0 || burst < 1) {
            throw new IllegalArgumentException("rate must be > 0 and burst >= 1, got " + rate + "/" + burst);
        }
        this.rate = rate;
        this.burst = burst;
        this.nanoTime = nanoTime;
        this.tokens = burst;
        this.last = nanoTime.getAsLong();
    }

    public TokenBucket(double rate, double burst) {
        this(rate, burst, System::nanoTime);
    }

    public double rate() {
        return rate;
    }

    public synchronized boolean tryAcquire() {
        long now = nanoTime.getAsLong();
        tokens = Math.min(burst, tokens + (now - last) / 1e9 * rate);
        last = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
