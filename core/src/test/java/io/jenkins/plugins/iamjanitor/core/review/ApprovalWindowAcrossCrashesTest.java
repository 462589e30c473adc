package io.jenkins.plugins.iamjanitor.core.review;

import static io.jenkins.plugins.iamjanitor.core.review.ReviewFakes.NOW;
import static io.jenkins.plugins.iamjanitor.core.review.ReviewFakes.decide;
import static io.jenkins.plugins.iamjanitor.core.review.ReviewFakes.verdict;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.iamjanitor.core.approval.ApprovalHandle;
import io.jenkins.plugins.iamjanitor.core.approval.ApprovalOutcome;
import io.jenkins.plugins.iamjanitor.core.approval.ApprovalRequest;
import io.jenkins.plugins.iamjanitor.core.approval.Decision;
import io.jenkins.plugins.iamjanitor.core.approval.UserDecision;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionSettings;
import io.jenkins.plugins.iamjanitor.core.policy.Outcome;
import io.jenkins.plugins.iamjanitor.core.port.ApprovalChannel;
import io.jenkins.plugins.iamjanitor.core.scan.ScanResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Issue 14 item 4: the approval window and the decisions made in it survive a crash while waiting. */
class ApprovalWindowAcrossCrashesTest {
    private static final Duration WINDOW = Duration.ofMinutes(60);
    private final ScanResult scan = ReviewFakes.scan(verdict("alice", Outcome.INACTIVE, 45),
            verdict("bob", Outcome.INACTIVE, 60));
    private final ReviewFakes.Store store = new ReviewFakes.Store();
    private final Channel channel = new Channel();

    static final class Killed extends Error {
        Killed() {
            super("killed while waiting");
        }
    }

    /** Records what the workflow asks; the first await sees one click arrive, then the process dies. */
    static final class Channel implements ApprovalChannel, ApprovalResumption {
        final List<Duration> waited = new ArrayList<>();
        final List<List<UserDecision>> resumedWith = new ArrayList<>();
        int posts;
        Consumer<UserDecision> follower = d -> { };
        boolean crash = true;

        @Override
        public ApprovalHandle post(ApprovalRequest request) {
            posts++;
            return new ApprovalHandle(request.reviewId(), "slack:C42", List.of("1700000000.000100"));
        }

        @Override
        public void resume(ApprovalRequest request, ApprovalHandle handle) {
            resume(request, handle, List.of());
        }

        @Override
        public void resume(ApprovalRequest request, ApprovalHandle handle, List<UserDecision> earlier) {
            resumedWith.add(earlier);
        }

        @Override
        public AutoCloseable followDecisions(String reviewId, Consumer<UserDecision> listener) {
            follower = listener;
            return () -> follower = d -> { };
        }

        @Override
        public ApprovalOutcome await(ApprovalHandle handle, Duration timeout) {
            waited.add(timeout);
            if (crash) {
                follower.accept(decide("alice", Decision.APPROVE));
                throw new Killed();
            }
            List<UserDecision> all = new ArrayList<>(resumedWith.isEmpty() ? List.of() : resumedWith.get(0));
            if (!timeout.isZero()) {
                all.add(decide("bob", Decision.KEEP));
            }
            return new ApprovalOutcome(handle.reviewId(), all, timeout.isZero() && all.size() < 2);
        }
    }

    private ReviewRecord run(Instant at) {
        ReviewPorts ports = new ReviewPorts(p -> scan, channel, new ReviewFakes.Tickets(), new ReviewFakes.Activity(),
                new ReviewFakes.Deleter(true), store, new ReviewFakes.Reports(), new ReviewFakes.KeyIds());
        ReviewSettings settings = new ReviewSettings(null, "123456789012", "#iam-review", List.of("U123"), WINDOW,
                null, null, List.of("us-east-1"), null, null, "Done", new DeletionSettings(true, 10));
        return new ReviewWorkflow(ports, settings, null, Clock.fixed(at, ZoneOffset.UTC))
                .run(line -> { }, ReviewObserver.NONE);
    }

    private void crashWhileWaiting() {
        try {
            run(NOW);
        } catch (Killed expected) {
            // the process died with alice decided
        }
    }

    @Test
    void aDecisionMadeBeforeTheCrashIsKeptAndTheResumeWaitsOnlyForWhatIsLeft() {
        crashWhileWaiting();
        assertThat(store.list().get(0).approvalHandle().postedAt()).isEqualTo(NOW);
        assertThat(store.list().get(0).decisionsSoFar()).extracting(UserDecision::userName).containsExactly("alice");

        channel.crash = false;
        ReviewRecord r = run(NOW.plus(Duration.ofMinutes(40)));

        assertThat(channel.posts).isEqualTo(1);
        assertThat(channel.waited).containsExactly(WINDOW, Duration.ofMinutes(20));
        assertThat(channel.resumedWith).singleElement().satisfies(earlier ->
                assertThat(earlier).extracting(UserDecision::userName).containsExactly("alice"));
        assertThat(r.approvedCandidates()).extracting(UserDecision::userName).containsExactly("alice");
    }

    @Test
    void aResumeAfterTheDeadlineWaitsNoMoreAndTakesNoNewClicks() {
        crashWhileWaiting();
        channel.crash = false;
        ReviewRecord r = run(NOW.plus(Duration.ofMinutes(90)));

        assertThat(channel.waited).containsExactly(WINDOW, Duration.ZERO);
        assertThat(r.approval().timedOut()).isTrue();
        assertThat(r.approval().decisions()).extracting(UserDecision::userName).containsExactly("alice");
    }
}
