package io.jenkins.plugins.iamjanitor.core.approval;

import io.jenkins.plugins.iamjanitor.core.approval.DecisionResult.Status;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The decisions made on open reviews, whatever channel they come through. It applies the rules every channel must
 * share: only listed approvers decide; nobody decides about their own account; the first decision per user stands
 * (a double click changes nothing); after a timeout nothing more is recorded, and undecided users are not approved.
 */
public final class ReviewDecisions {
    private final Clock clock;
    private final Map<String, Review> reviews = new ConcurrentHashMap<>();
    private final List<DecisionListener> listeners = new CopyOnWriteArrayList<>();

    public ReviewDecisions(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public void addListener(DecisionListener listener) {
        listeners.add(listener);
    }

    public void removeListener(DecisionListener listener) {
        listeners.remove(listener);
    }

    /** Opens a review; opening the same reviewId again keeps the existing state (idempotent). */
    public void open(ReviewSpec spec) {
        open(spec, List.of());
    }

    /**
     * Opens a review with decisions recorded earlier, e.g. persisted by a Pipeline step before a controller restart.
     */
    public void open(ReviewSpec spec, List<UserDecision> earlier) {
        Review review = reviews.computeIfAbsent(spec.reviewId(), id -> new Review(spec));
        synchronized (review) {
            for (UserDecision d : earlier) {
                if (spec.candidate(d.userName()) != null) {
                    review.decisions.putIfAbsent(d.userName(), d);
                }
            }
        }
    }

    /**
     * Renames the channel recorded on the review and its decisions, for channels whose canonical id is only known
     * once the request is posted (asked for {@code #name}, Slack answers with {@code C0123}).
     */
    public void relabelChannel(String reviewId, String channel) {
        Review review = require(reviewId);
        synchronized (review) {
            ReviewSpec old = review.spec;
            review.spec = new ReviewSpec(old.reviewId(), channel, old.candidates(), old.approverIds());
            review.decisions.replaceAll((user, d) -> new UserDecision(d.userName(), d.decision(), d.approverId(),
                    d.approverName(), d.decidedAt(), channel));
        }
    }

    public boolean isOpen(String reviewId) {
        Review review = reviews.get(reviewId);
        return review != null && !review.closed;
    }

    public ReviewSpec spec(String reviewId) {
        Review review = reviews.get(reviewId);
        return review == null ? null : review.spec;
    }

    /**
     * Records one click.
     *
     * @param userName the user decided about, or null for "all users of this review" (approve-all / keep-all)
     */
    public DecisionResult decide(String reviewId, String userName, Decision decision, Approver approver) {
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(approver, "approver");
        Review review = reviews.get(reviewId);
        if (review == null) {
            return DecisionResult.refuse(Status.UNKNOWN_REVIEW, "This review is not known here (any more).");
        }
        DecisionResult result;
        ApprovalOutcome completed = null;
        synchronized (review) {
            result = decideLocked(review, userName, decision, approver);
            if (!result.recorded().isEmpty() && review.complete() && !review.closed) {
                review.closed = true;
                completed = review.outcome(false);
                review.notifyAll();
            }
        }
        for (UserDecision d : result.recorded()) {
            listeners.forEach(l -> l.onDecision(reviewId, d));
        }
        if (completed != null) {
            ApprovalOutcome outcome = completed;
            listeners.forEach(l -> l.onReviewComplete(outcome));
        }
        return result;
    }

    private DecisionResult decideLocked(Review review, String userName, Decision decision, Approver approver) {
        ReviewSpec spec = review.spec;
        if (review.closed && !review.complete()) {
            return DecisionResult.refuse(Status.CLOSED, "This review has closed (timed out); nothing was changed.");
        }
        if (!spec.approverIds().contains(approver.id())) {
            return DecisionResult.refuse(Status.NOT_AUTHORISED,
                    "You are not allowed to decide on this review; nothing was changed.");
        }
        List<Candidate> targets = new ArrayList<>();
        if (userName == null) {
            // "all" means all still undecided: decisions already made are not the clicker's to repeat
            spec.candidates().stream().filter(c -> !review.decisions.containsKey(c.userName())).forEach(targets::add);
        } else {
            Candidate c = spec.candidate(userName);
            if (c == null) {
                return DecisionResult.refuse(Status.UNKNOWN_USER, userName + " is not part of this review.");
            }
            targets.add(c);
        }
        for (Candidate c : targets) {
            if (c.isSamePerson(approver)) {
                return DecisionResult.refuse(Status.SELF_APPROVAL, "You cannot decide about your own account ("
                        + c.userName() + "); ask another approver. Nothing was changed.");
            }
        }
        List<UserDecision> recorded = new ArrayList<>();
        for (Candidate c : targets) {
            if (!review.decisions.containsKey(c.userName())) {
                UserDecision d = new UserDecision(c.userName(), decision, approver.id(), approver.name(),
                        clock.instant(), spec.channel());
                review.decisions.put(c.userName(), d);
                recorded.add(d);
            }
        }
        if (recorded.isEmpty()) {
            return new DecisionResult(Status.ALREADY_DECIDED, List.of(), "Already decided; the first decision stands.");
        }
        return new DecisionResult(Status.RECORDED, recorded, "Recorded.");
    }

    /** The decisions so far (candidate order); timedOut only after {@link #expire}. */
    public ApprovalOutcome outcome(String reviewId) {
        Review review = require(reviewId);
        synchronized (review) {
            return review.outcome(review.timedOut);
        }
    }

    public boolean isComplete(String reviewId) {
        Review review = require(reviewId);
        synchronized (review) {
            return review.complete();
        }
    }

    /**
     * Waits until every candidate is decided or the timeout passes; on timeout the review closes, later clicks are
     * refused and undecided users stay unapproved.
     */
    public ApprovalOutcome await(String reviewId, Duration timeout) throws InterruptedException {
        Review review = require(reviewId);
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (review) {
            while (!review.complete() && !review.closed) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                review.wait(Math.max(1, left / 1_000_000), 0);
            }
            if (review.complete()) {
                return review.outcome(false);
            }
        }
        return expire(reviewId);
    }

    /** Closes an undecided review as timed out (idempotent). Users without a decision are not approved. */
    public ApprovalOutcome expire(String reviewId) {
        Review review = require(reviewId);
        ApprovalOutcome outcome;
        boolean first;
        synchronized (review) {
            if (review.complete()) {
                return review.outcome(false);
            }
            first = !review.timedOut;
            review.closed = true;
            review.timedOut = true;
            outcome = review.outcome(true);
            review.notifyAll();
        }
        if (first) {
            listeners.forEach(l -> l.onReviewComplete(outcome));
        }
        return outcome;
    }

    /** Drops a finished review from memory. */
    public void forget(String reviewId) {
        reviews.remove(reviewId);
    }

    private Review require(String reviewId) {
        Review review = reviews.get(reviewId);
        if (review == null) {
            throw new IllegalArgumentException("unknown review " + reviewId);
        }
        return review;
    }

    private static final class Review {
        volatile ReviewSpec spec;
        final Map<String, UserDecision> decisions = new LinkedHashMap<>();
        boolean closed;
        boolean timedOut;

        Review(ReviewSpec spec) {
            this.spec = spec;
        }

        boolean complete() {
            return decisions.size() == spec.candidates().size();
        }

        ApprovalOutcome outcome(boolean timedOut) {
            List<UserDecision> ordered = new ArrayList<>();
            for (Candidate c : spec.candidates()) {
                UserDecision d = decisions.get(c.userName());
                if (d != null) {
                    ordered.add(d);
                }
            }
            return new ApprovalOutcome(spec.reviewId(), ordered, timedOut);
        }
    }
}
