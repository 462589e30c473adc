package io.jenkins.plugins.iamjanitor.core.review;

import io.jenkins.plugins.iamjanitor.core.approval.ApprovalHandle;
import io.jenkins.plugins.iamjanitor.core.approval.ApprovalOutcome;
import io.jenkins.plugins.iamjanitor.core.approval.DecisionFeed;
import io.jenkins.plugins.iamjanitor.core.approval.DecisionListener;
import io.jenkins.plugins.iamjanitor.core.approval.UserDecision;
import io.jenkins.plugins.iamjanitor.core.port.ApprovalChannel;
import io.jenkins.plugins.iamjanitor.core.port.ProgressListener;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Waits for the approvers and says what happens meanwhile, through the review's {@link ProgressListener} (the CLI's
 * stderr, a build log): one line per decision as it arrives (when the channel is a {@link DecisionFeed}), and every
 * {@code heartbeat} a line with the time left and who is still undecided, so an hour-long wait is never silent.
 */
public final class ApprovalWait {
    public static final Duration DEFAULT_HEARTBEAT = Duration.ofMinutes(1);
    private static final int NAMES_SHOWN = 10;

    private final Duration heartbeat;
    private final Clock clock;

    public ApprovalWait(Duration heartbeat, Clock clock) {
        this.heartbeat = Objects.requireNonNull(heartbeat, "heartbeat");
        if (heartbeat.isNegative() || heartbeat.isZero()) {
            throw new IllegalArgumentException("heartbeat must be positive, got " + heartbeat);
        }
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Blocks in {@link ApprovalChannel#await} while reporting; the outcome is the channel's. */
    public ApprovalOutcome await(ApprovalChannel channel, ApprovalHandle handle, List<String> candidates,
            Duration timeout, ProgressListener progress) {
        Tracker tracker = new Tracker(handle.reviewId(), candidates, clock.instant().plus(timeout),
                channel instanceof DecisionFeed, progress);
        DecisionFeed feed = channel instanceof DecisionFeed f ? f : null;
        if (feed != null) {
            feed.addDecisionListener(tracker);
        }
        ScheduledExecutorService beat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "iam-janitor-approval-heartbeat");
            t.setDaemon(true);
            return t;
        });
        long every = heartbeat.toMillis();
        beat.scheduleAtFixedRate(tracker::heartbeat, every, every, TimeUnit.MILLISECONDS);
        try {
            ApprovalOutcome outcome = channel.await(handle, timeout);
            if (feed != null) {
                // The decision that completed the review can reach the listener only after await returned: every
                // decision is said once (the tracker skips those it already said).
                outcome.decisions().forEach(d -> tracker.onDecision(handle.reviewId(), d));
            }
            return outcome;
        } finally {
            beat.shutdownNow();
            if (feed != null) {
                feed.removeDecisionListener(tracker);
            }
        }
    }

    /** What has been decided so far in one wait; told by the channel's thread, read by the heartbeat's. */
    final class Tracker implements DecisionListener {
        private final String reviewId;
        private final List<String> candidates;
        private final Instant deadline;
        private final boolean fed;
        private final ProgressListener progress;
        private final Set<String> decided = ConcurrentHashMap.newKeySet();

        Tracker(String reviewId, List<String> candidates, Instant deadline, boolean fed, ProgressListener progress) {
            this.reviewId = reviewId;
            this.candidates = List.copyOf(candidates);
            this.deadline = deadline;
            this.fed = fed;
            this.progress = progress;
        }

        @Override
        public void onDecision(String id, UserDecision d) {
            if (!reviewId.equals(id) || !candidates.contains(d.userName()) || !decided.add(d.userName())) {
                return;
            }
            String who = d.approverName() == null || d.approverName().equals(d.approverId()) ? d.approverId()
                    : d.approverName() + " (" + d.approverId() + ")";
            progress.progress("Decision " + decided.size() + "/" + candidates.size() + ": " + d.userName() + " "
                    + (d.decision().name().equals("APPROVE") ? "approved" : "kept") + " by " + who + " via "
                    + d.channel() + ".");
        }

        @Override
        public void onReviewComplete(ApprovalOutcome outcome) {
            // The workflow reports the outcome once the wait returns.
        }

        void heartbeat() {
            Duration left = Duration.between(clock.instant(), deadline);
            String time = left.isNegative() ? "the timeout has passed" : describe(left) + " left";
            if (!fed) {
                progress.progress("Waiting for decisions on " + candidates.size() + " user(s): " + time + ".");
                return;
            }
            List<String> undecided = candidates.stream().filter(u -> !decided.contains(u)).toList();
            progress.progress("Waiting for decisions: " + time + "; " + undecided.size() + " of " + candidates.size()
                    + " undecided" + (undecided.isEmpty() ? "." : ": " + String.join(", ",
                    undecided.subList(0, Math.min(NAMES_SHOWN, undecided.size())))
                    + (undecided.size() > NAMES_SHOWN ? " (+" + (undecided.size() - NAMES_SHOWN) + " more)" : "")
                    + "."));
        }
    }

    /** E.g. "59m 30s", "2h 5m", "45s". */
    static String describe(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s >= 3600) {
            return s / 3600 + "h " + (s % 3600) / 60 + "m";
        }
        return s >= 60 ? s / 60 + "m " + s % 60 + "s" : s + "s";
    }
}
