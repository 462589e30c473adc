package io.jenkins.plugins.iamjanitor.sandbox;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Decides, per request, whether to inject a fault. The plan can be swapped while the emulator runs; one-shot faults
 * ({@link #failNext}) let a test aim at exactly one call.
 */
public final class Faults {
    public enum Kind { NONE, SERVER_ERROR, THROTTLE, DROP }

    private volatile FaultPlan plan;
    private SplittableRandom random;
    private final AtomicInteger injected = new AtomicInteger();
    private volatile Kind nextKind = Kind.NONE;
    private volatile String nextAction;
    private final AtomicInteger nextCount = new AtomicInteger();

    public Faults(FaultPlan plan) {
        setPlan(plan);
    }

    public synchronized void setPlan(FaultPlan newPlan) {
        this.plan = newPlan;
        this.random = new SplittableRandom(newPlan.seed());
    }

    public FaultPlan plan() {
        return plan;
    }

    /** The next {@code count} requests for {@code action} (null: any action) fail with {@code kind}. */
    public void failNext(String action, Kind kind, int count) {
        this.nextAction = action;
        this.nextKind = kind;
        this.nextCount.set(count);
    }

    /** Faults injected so far. */
    public int injected() {
        return injected.get();
    }

    /** Sleeps the planned latency, then says which fault (if any) this request gets. */
    public Kind next(String action) {
        FaultPlan p = plan;
        if (!p.latency().isZero()) {
            try {
                Thread.sleep(p.latency().toMillis(), p.latency().toNanosPart() % 1_000_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (nextKind != Kind.NONE && (nextAction == null || nextAction.equals(action))
                && nextCount.getAndDecrement() > 0) {
            injected.incrementAndGet();
            return nextKind;
        }
        double roll;
        synchronized (this) {
            roll = random.nextDouble();
        }
        Kind kind = Kind.NONE;
        if (roll < p.dropRate()) {
            kind = Kind.DROP;
        } else if (roll < p.dropRate() + p.serverErrorRate()) {
            kind = Kind.SERVER_ERROR;
        } else if (roll < p.dropRate() + p.serverErrorRate() + p.throttleRate()) {
            kind = Kind.THROTTLE;
        }
        if (kind != Kind.NONE) {
            injected.incrementAndGet();
        }
        return kind;
    }
}
