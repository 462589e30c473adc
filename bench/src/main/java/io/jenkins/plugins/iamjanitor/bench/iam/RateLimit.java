package io.jenkins.plugins.iamjanitor.bench.iam;

/** A token bucket: {@code rate} requests per second on average, bursts of up to {@code burst}. Thread-safe. */
public final class RateLimit {
    private final double rate;
    private final double burst;
    private double tokens;
    private long last = System.nanoTime();

    public RateLimit(double rate, double burst) {
        if (rate <= 0 || burst < 1) {
            throw new IllegalArgumentException("rate must be > 0 and burst >= 1, got " + rate + "/" + burst);
        }
        this.rate = rate;
        this.burst = burst;
        this.tokens = burst;
    }

    public double rate() {
        return rate;
    }

    public synchronized boolean tryAcquire() {
        long now = System.nanoTime();
        tokens = Math.min(burst, tokens + (now - last) / 1e9 * rate);
        last = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
