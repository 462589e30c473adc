package io.jenkins.plugins.iamjanitor.sandbox;

import java.time.Duration;

/**
 * How an emulator misbehaves, for tests and benchmarks. Rates are probabilities per request (0..1).
 *
 * @param latency          added to every request
 * @param serverErrorRate  answer 500/503 (AWS: InternalFailure / ServiceUnavailable)
 * @param throttleRate     answer the service's throttling error
 * @param dropRate         close the connection without answering
 * @param seed             makes a run repeatable
 */
public record FaultPlan(Duration latency, double serverErrorRate, double throttleRate, double dropRate, long seed) {
    public FaultPlan {
        latency = latency == null ? Duration.ZERO : latency;
        check("serverErrorRate", serverErrorRate);
        check("throttleRate", throttleRate);
        check("dropRate", dropRate);
    }

    public static FaultPlan none() {
        return new FaultPlan(Duration.ZERO, 0, 0, 0, 1);
    }

    private static void check(String name, double rate) {
        if (rate < 0 || rate > 1) {
            throw new IllegalArgumentException(name + " must be between 0 and 1, got " + rate);
        }
    }
}
