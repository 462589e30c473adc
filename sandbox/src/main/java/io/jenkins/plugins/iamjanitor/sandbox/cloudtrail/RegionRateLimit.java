package io.jenkins.plugins.iamjanitor.sandbox.cloudtrail;

import io.jenkins.plugins.iamjanitor.sandbox.TokenBucket;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The service-side limit: a token bucket per region (LookupEvents allows 2 requests per second per account per
 * region). A request that finds the bucket empty is throttled and consumes nothing.
 */
final class RegionRateLimit {
    private final LongSupplier nanoTime;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();
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
        return buckets.computeIfAbsent(region, r -> new TokenBucket(ratePerSecond, burst, nanoTime)).tryAcquire();
    }
}
