package io.jenkins.plugins.iamjanitor.integrations.aws;

import io.jenkins.plugins.iamjanitor.core.port.ServiceException;
import java.time.Duration;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A client-side token bucket shared by every reader of one scan: calls start at no more than {@code maxRate} per
 * second (bursts of {@code burst}); a caller that finds the bucket empty reserves the next token and sleeps until it
 * is due, so concurrent readers queue fairly. A Throttling answer that survives the SDK's own retries halves the rate
 * (down to a floor) and the call is retried here a bounded number of times; the rate then climbs back to
 * {@code maxRate} over about 20 seconds. It never exceeds {@code maxRate}. Thread-safe.
 */
final class RequestPacer {
    static final Set<String> THROTTLING = Set.of("Throttling", "ThrottlingException", "RequestLimitExceeded",
            "TooManyRequestsException");
    private static final int THROTTLED_RETRIES = 4;

    private final double maxRate;
    private final double burst;
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;
    private double rate;
    private double tokens;
    private long last;
    private long throttled;

    RequestPacer(double maxRate, double burst, LongSupplier nanoTime, Sleeper sleeper) {
        if (maxRate <= 0 || burst < 1) {
            throw new IllegalArgumentException("rate must be > 0 and burst >= 1, got " + maxRate + "/" + burst);
        }
        this.maxRate = maxRate;
        this.burst = burst;
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
        this.rate = maxRate;
        this.tokens = burst;
        this.last = nanoTime.getAsLong();
    }

    /** Runs one call once a token is due; Throttling slows the whole scan down and retries this call. */
    <T> T call(String operation, Supplier<T> call) {
        for (int attempt = 0; ; attempt++) {
            acquire(operation);
            try {
                return call.get();
            } catch (ServiceException e) {
                if (!THROTTLING.contains(e.errorCode()) || attempt >= THROTTLED_RETRIES) {
                    throw e;
                }
                backOff();
            }
        }
    }

    /** Calls answered Throttling after the SDK's retries (each halved the rate). */
    synchronized long throttled() {
        return throttled;
    }

    synchronized double currentRate() {
        return rate;
    }

    private void acquire(String operation) {
        long waitNanos;
        synchronized (this) {
            long now = nanoTime.getAsLong();
            double seconds = (now - last) / 1e9;
            rate = Math.min(maxRate, rate + seconds * maxRate / 20);
            tokens = Math.min(burst, tokens + seconds * rate);
            last = now;
            tokens -= 1;
            waitNanos = tokens >= 0 ? 0 : (long) (-tokens / rate * 1e9);
        }
        if (waitNanos > 0) {
            try {
                sleeper.sleep(Duration.ofNanos(waitNanos));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ServiceException(AwsCalls.IAM, operation, null, "interrupted while pacing requests", e);
            }
        }
    }

    private synchronized void backOff() {
        throttled++;
        rate = Math.max(maxRate / 16, rate / 2);
        tokens = Math.min(tokens, 0);
    }
}
