package io.jenkins.plugins.iamjanitor.core.approval;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.iamjanitor.core.approval.DecisionResult.Status;
import io.jenkins.plugins.iamjanitor.core.model.IamUser;
import io.jenkins.plugins.iamjanitor.core.model.Tag;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class ReviewDecisionsTest {
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private final ReviewDecisions registry = new ReviewDecisions(Clock.fixed(NOW, ZoneOffset.UTC));
    private final Approver boss = new Approver("U1", "Boss", "boss@example.com");
    private final Approver anna = new Approver("U2", "Anna", "anna@example.com");

    private static IamUser user(String name, Tag... tags) {
        return new IamUser(name, null, null, "/", NOW, List.of(tags), List.of(), null, null, null, null, null, null);
    }

    private void open() {
        registry.open(new ReviewSpec("r1", "slack:C1", List.of(
                Candidate.of(user("alice")),
                Candidate.of(user("anna.admin", new Tag("slack-user-id", "U9, U2"))),
                Candidate.of(user("boss@example.com"))), Set.of("U1", "U2")));
    }

    @Test
    void candidatesKnowTheirChannelIdentitiesFromTagsAndEmailNames() {
        Candidate c = Candidate.of(user("x", new Tag("slack-user-id", "U9,U8"), new Tag("Email", "X@Example.com")));
        assertThat(c.channelIds()).containsExactlyInAnyOrder("U9", "U8");
        assertThat(c.isSamePerson(new Approver("U7", null, "x@example.com"))).isTrue();
        assertThat(c.isSamePerson(new Approver("U8", null, null))).isTrue();
        assertThat(c.isSamePerson(new Approver("U7", null, "y@example.com"))).isFalse();
    }

    @Test
    void recordsWhoDecidedWhatWhenAndWhere() {
        open();
        DecisionResult r = registry.decide("r1", "alice", Decision.APPROVE, boss);
        assertThat(r.status()).isEqualTo(Status.RECORDED);
        assertThat(r.recorded()).containsExactly(
                new UserDecision("alice", Decision.APPROVE, "U1", "Boss", NOW, "slack:C1"));
    }

    @Test
    void refusesOutsidersSelfApprovalAndUnknownUsers() {
        open();
        Approver outsider = new Approver("U5", null, null);
        assertThat(registry.decide("r1", "alice", Decision.APPROVE, outsider).status())
                .isEqualTo(Status.NOT_AUTHORISED);
        assertThat(registry.decide("r1", "anna.admin", Decision.KEEP, anna).status()).isEqualTo(Status.SELF_APPROVAL);
        assertThat(registry.decide("r1", "boss@example.com", Decision.APPROVE, boss).status())
                .isEqualTo(Status.SELF_APPROVAL);
        assertThat(registry.decide("r1", null, Decision.APPROVE, boss).status()).isEqualTo(Status.SELF_APPROVAL);
        assertThat(registry.decide("r1", "mallory", Decision.APPROVE, boss).status()).isEqualTo(Status.UNKNOWN_USER);
        assertThat(registry.decide("nope", "alice", Decision.APPROVE, boss).status())
                .isEqualTo(Status.UNKNOWN_REVIEW);
        assertThat(registry.outcome("r1").decisions()).isEmpty();
    }

    @Test
    void firstDecisionStandsAndAllOnlyFillsTheGaps() {
        open();
        registry.decide("r1", "alice", Decision.KEEP, boss);
        assertThat(registry.decide("r1", "alice", Decision.APPROVE, anna).status()).isEqualTo(Status.ALREADY_DECIDED);
        registry.decide("r1", "boss@example.com", Decision.APPROVE, anna);
        DecisionResult all = registry.decide("r1", null, Decision.APPROVE, anna);
        // anna is a candidate herself: approve-all including her own account is refused
        assertThat(all.status()).isEqualTo(Status.SELF_APPROVAL);
        assertThat(registry.decide("r1", "anna.admin", Decision.APPROVE, boss).status()).isEqualTo(Status.RECORDED);
        assertThat(registry.isComplete("r1")).isTrue();
        assertThat(registry.decide("r1", null, Decision.APPROVE, boss).status()).isEqualTo(Status.ALREADY_DECIDED);
        assertThat(registry.outcome("r1").kept()).extracting(UserDecision::userName).containsExactly("alice");
    }

    @Test
    void timeoutApprovesNobodyClosesTheReviewAndTellsListenersOnce() throws InterruptedException {
        open();
        List<ApprovalOutcome> told = new CopyOnWriteArrayList<>();
        registry.addListener(told::add);
        registry.decide("r1", "alice", Decision.KEEP, boss);
        ApprovalOutcome outcome = registry.await("r1", Duration.ofMillis(20));
        assertThat(outcome.timedOut()).isTrue();
        assertThat(outcome.approved()).isEmpty();
        assertThat(outcome.kept()).hasSize(1);
        assertThat(registry.decide("r1", "anna.admin", Decision.APPROVE, boss).status()).isEqualTo(Status.CLOSED);
        registry.expire("r1");
        assertThat(told).hasSize(1);
        assertThat(registry.isOpen("r1")).isFalse();
    }

    @Test
    void completionWakesWaitersAndListeners() throws InterruptedException {
        registry.open(new ReviewSpec("r2", "slack:C1", List.of(Candidate.of(user("alice"))), Set.of("U1")));
        List<ApprovalOutcome> told = new CopyOnWriteArrayList<>();
        registry.addListener(told::add);
        Thread t = new Thread(() -> registry.decide("r2", "alice", Decision.APPROVE, boss));
        t.start();
        ApprovalOutcome outcome = registry.await("r2", Duration.ofSeconds(10));
        t.join();
        assertThat(outcome.timedOut()).isFalse();
        assertThat(outcome.approved()).hasSize(1);
        assertThat(told).containsExactly(outcome);
    }

    @Test
    void reopeningRestoresEarlierDecisionsAfterARestart() {
        ReviewSpec spec = new ReviewSpec("r3", "slack:C1", List.of(Candidate.of(user("alice")),
                Candidate.of(user("bob"))), Set.of("U1"));
        UserDecision earlier = new UserDecision("alice", Decision.APPROVE, "U1", "Boss", NOW, "slack:C1");
        registry.open(spec, List.of(earlier));
        registry.open(spec); // idempotent
        assertThat(registry.outcome("r3").decisions()).containsExactly(earlier);
        assertThat(registry.decide("r3", "alice", Decision.KEEP, boss).status()).isEqualTo(Status.ALREADY_DECIDED);
    }
}
