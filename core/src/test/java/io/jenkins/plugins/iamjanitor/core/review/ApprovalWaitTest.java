package io.jenkins.plugins.iamjanitor.core.review;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.iamjanitor.core.approval.ApprovalHandle;
import io.jenkins.plugins.iamjanitor.core.approval.ApprovalOutcome;
import io.jenkins.plugins.iamjanitor.core.approval.ApprovalRequest;
import io.jenkins.plugins.iamjanitor.core.approval.Decision;
import io.jenkins.plugins.iamjanitor.core.approval.DecisionFeed;
import io.jenkins.plugins.iamjanitor.core.approval.DecisionListener;
import io.jenkins.plugins.iamjanitor.core.port.ApprovalChannel;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ApprovalWaitTest {
    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    private final ApprovalHandle handle = new ApprovalHandle("r-1", "slack:C42", List.of("1.1"));

    @Test
    void eachDecisionIsToldAsItArrivesAndTheHeartbeatSaysTimeLeftAndWhoIsUndecided() {
        Clock clock = Clock.fixed(ReviewFakes.NOW, ZoneOffset.UTC);
        ApprovalWait.Tracker t = new ApprovalWait(Duration.ofMinutes(1), clock).new Tracker("r-1",
                List.of("alice", "bob", "carol"), ReviewFakes.NOW.plus(Duration.ofMinutes(59)).plusSeconds(30), true,
                lines::add);

        t.heartbeat();
        t.onDecision("r-1", ReviewFakes.decide("alice", Decision.APPROVE));
        t.onDecision("r-1", ReviewFakes.decide("alice", Decision.KEEP)); // a second click changes nothing
        t.onDecision("other-review", ReviewFakes.decide("bob", Decision.KEEP));
        t.heartbeat();

        assertThat(lines).containsExactly(
                "Waiting for decisions: 59m 30s left; 3 of 3 undecided: alice, bob, carol.",
                "Decision 1/3: alice approved by Alice Approver (U123) via slack:C42.",
                "Waiting for decisions: 59m 30s left; 2 of 3 undecided: bob, carol.");
    }

    @Test
    void theWaitReportsWhileTheChannelBlocksAndStopsListeningAfterwards() throws Exception {
        FedChannel channel = new FedChannel();
        Thread waiter = new Thread(() -> new ApprovalWait(Duration.ofMillis(10), Clock.systemUTC())
                .await(channel, handle, List.of("alice", "bob"), Duration.ofHours(1), lines::add));
        waiter.start();
        assertThat(channel.waiting.await(10, TimeUnit.SECONDS)).isTrue();
        channel.listeners.forEach(l -> l.onDecision("r-1", ReviewFakes.decide("bob", Decision.KEEP)));
        for (int i = 0; i < 1000 && lines.stream().noneMatch(l -> l.contains("1 of 2 undecided: alice.")); i++) {
            Thread.sleep(10);
        }
        channel.release.countDown();
        waiter.join(10_000);

        assertThat(lines).contains("Decision 1/2: bob kept by Alice Approver (U123) via slack:C42.");
        assertThat(lines).anyMatch(l -> l.matches("Waiting for decisions: (59m \\d+s|1h 0m) left; 1 of 2 undecided:"
                + " alice\\."));
        assertThat(channel.listeners).isEmpty();
    }

    @Test
    void durationsForPeople() {
        assertThat(ApprovalWait.describe(Duration.ofSeconds(45))).isEqualTo("45s");
        assertThat(ApprovalWait.describe(Duration.ofMinutes(125))).isEqualTo("2h 5m");
        assertThat(ApprovalWait.describe(Duration.ofSeconds(-3))).isEqualTo("0s");
    }

    /** A channel whose await blocks until released, feeding decisions to whoever listens. */
    private static final class FedChannel implements ApprovalChannel, DecisionFeed {
        final List<DecisionListener> listeners = new CopyOnWriteArrayList<>();
        final CountDownLatch waiting = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public ApprovalHandle post(ApprovalRequest request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ApprovalOutcome await(ApprovalHandle h, Duration timeout) {
            waiting.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new ApprovalOutcome(h.reviewId(), List.of(), false);
        }

        @Override
        public void addDecisionListener(DecisionListener listener) {
            listeners.add(listener);
        }

        @Override
        public void removeDecisionListener(DecisionListener listener) {
            listeners.remove(listener);
        }
    }
}
