package io.jenkins.plugins.iamjanitor.bench.soak;

import io.jenkins.plugins.iamjanitor.core.approval.ApprovalHandle;
import io.jenkins.plugins.iamjanitor.core.approval.ApprovalOutcome;
import io.jenkins.plugins.iamjanitor.core.approval.ApprovalRequest;
import io.jenkins.plugins.iamjanitor.core.approval.Decision;
import io.jenkins.plugins.iamjanitor.core.approval.UserDecision;
import io.jenkins.plugins.iamjanitor.core.policy.Verdict;
import io.jenkins.plugins.iamjanitor.core.port.ApprovalChannel;
import io.jenkins.plugins.iamjanitor.core.review.ApprovalResumption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An approver that approves a random share of the candidates and keeps the rest. The choice depends only on the seed
 * and the user name, so asking again (after a crash) gives the same answers. It counts how often a request was posted,
 * so a soak can prove a resumed review never asks twice.
 */
public final class ScriptedApprovals implements ApprovalChannel, ApprovalResumption {
    public static final String CHANNEL = "bench:soak";
    private final double approveShare;
    private final long seed;
    private final Clock clock;
    private final AtomicInteger posts = new AtomicInteger();
    private volatile List<Verdict> candidates = List.of();

    public ScriptedApprovals(double approveShare, long seed, Clock clock) {
        this.approveShare = approveShare;
        this.seed = seed;
        this.clock = clock;
    }

    /** Whether this approver approves the user (stable for a seed). */
    public boolean approves(String userName) {
        long h = seed * 0x9E3779B97F4A7C15L ^ userName.hashCode() * 0xBF58476D1CE4E5B9L;
        h ^= h >>> 31;
        return Math.floorMod(h, 10_000) < approveShare * 10_000;
    }

    public int posts() {
        return posts.get();
    }

    @Override
    public ApprovalHandle post(ApprovalRequest request) {
        posts.incrementAndGet();
        candidates = request.candidates();
        return new ApprovalHandle(request.reviewId(), CHANNEL, List.of("soak-1"));
    }

    @Override
    public void resume(ApprovalRequest request, ApprovalHandle handle) {
        candidates = request.candidates();
    }

    @Override
    public ApprovalOutcome await(ApprovalHandle handle, Duration timeout) {
        List<UserDecision> decisions = new ArrayList<>();
        for (Verdict v : candidates) {
            String name = v.user().userName();
            decisions.add(new UserDecision(name, approves(name) ? Decision.APPROVE : Decision.KEEP, "U0SOAK",
                    "Soak approver", clock.instant(), CHANNEL));
        }
        return new ApprovalOutcome(handle.reviewId(), decisions, false);
    }
}
