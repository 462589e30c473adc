package io.jenkins.plugins.iamjanitor.sandbox.cloudtrail;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The service-side limit: a token bucket per region (LookupEvents allows 2 requests per second per account per
 * region). A request that finds the bucket empty is throttled and consumes nothing.
 */
final class RegionRateLimit {
    private final LongSupplier nanoTime;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private volatile double ratePerSecond;
    private volatile int burst;

    RegionRateLimit(double ratePerSecond, int burst, LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        set(ratePerSecond, burst);
    }

    void set(double newRate, int newBurst) {
        if (newRate <= 0 || newBurst < 1) {
            throw new IllegalArgumentException("rate must be > 0 and burst >= 1, got " + newRate + "/" + newBurst);
        }
        ratePerSecond = newRate;
        burst = newBurst;
        buckets.clear();
    }

    double ratePerSecond() {
        return ratePerSecond;
    }

    boolean tryAcquire(String region) {
        return buckets.computeIfAbsent(region, r -> new Bucket(burst, nanoTime.getAsLong())).take(ratePerSecond, burst,
                nanoTime.getAsLong());
    }

    private static final class Bucket {
        private double tokens;
        private long last;

        Bucket(int burst, long now) {
            tokens = burst;
            last = now;
        }

        synchronized boolean take(double rate, int burst, long now) {
            tokens = Math.min(burst, tokens + (now - last) / 1e9 * rate);
            last = now;
            if (tokens >= 1) {
                tokens -= 1;
                return true;
            }
            return false;
        }
    }
}
