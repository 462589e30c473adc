package io.jenkins.plugins.iamjanitor.integrations.slack;

import static io.jenkins.plugins.iamjanitor.integrations.slack.SlackFixture.APPROVER;
import static io.jenkins.plugins.iamjanitor.integrations.slack.SlackFixture.DAVE;
import static io.jenkins.plugins.iamjanitor.integrations.slack.SlackFixture.ERIN;
import static io.jenkins.plugins.iamjanitor.integrations.slack.SlackFixture.GROUP;
import static io.jenkins.plugins.iamjanitor.integrations.slack.SlackFixture.OTHER_APPROVER;
import static io.jenkins.plugins.iamjanitor.integrations.slack.SlackFixture.OUTSIDER;
import static io.jenkins.plugins.iamjanitor.integrations.slack.SlackFixture.eventually;
import static io.jenkins.plugins.iamjanitor.integrations.slack.SlackFixture.request;
import static io.jenkins.plugins.iamjanitor.integrations.slack.SlackFixture.verdict;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.iamjanitor.core.approval.ApprovalHandle;
import io.jenkins.plugins.iamjanitor.core.approval.ApprovalOutcome;
import io.jenkins.plugins.iamjanitor.core.approval.Decision;
import io.jenkins.plugins.iamjanitor.core.approval.DecisionListener;
import io.jenkins.plugins.iamjanitor.core.approval.UserDecision;
import io.jenkins.plugins.iamjanitor.core.model.Tag;
import io.jenkins.plugins.iamjanitor.sandbox.slack.SlackRecords;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The HTTP Request URL route, end to end: post → signed click → decision → chat.update. */
class SlackHttpApprovalTest {
    private final SlackFixture f = new SlackFixture();

    @AfterEach
    void close() {
        f.close();
    }

    private ApprovalHandle postThree() {
        return f.channel.post(request("rev-1", List.of(verdict("alice", 40), verdict("bob", 33),
                verdict("carol", 90)), List.of(APPROVER, GROUP)));
    }

    private String ts(ApprovalHandle h) {
        return h.messageIds().get(0);
    }

    private String blocks(ApprovalHandle h) {
        return f.slack.message(ts(h)).blocks().toString();
    }

    @Test
    void postsOneSectionAndButtonsPerCandidateWithLinks() {
        ApprovalHandle h = postThree();
        assertThat(h.channel()).isEqualTo("C0REVIEW");
        SlackRecords.Message m = f.slack.message(ts(h));
        assertThat(m.blocks().get(0).path("type").asText()).isEqualTo("header");
        assertThat(m.blocks().toString()).contains("*alice* — owner unknown — inactive 40 days", "AKIAEXAMPLE40",
                "https://jenkins.example.com/job/iam/42/", "https://jira.example.com/browse/SEC-7");
        assertThat(SlackRecords.buttons(m.blocks())).extracting(SlackRecords.Button::actionId).containsExactly(
                "iamj:approve:alice", "iamj:keep:alice", "iamj:approve:bob", "iamj:keep:bob",
                "iamj:approve:carol", "iamj:keep:carol", "iamj:approve-all", "iamj:keep-all");
    }

    @Test
    void fullRoundTripOverTheHttpCallback() {
        List<ApprovalOutcome> completed = new CopyOnWriteArrayList<>();
        List<UserDecision> seen = new CopyOnWriteArrayList<>();
        f.handler.addListener(new DecisionListener() {
            @Override
            public void onDecision(String reviewId, UserDecision decision) {
                seen.add(decision);
            }

            @Override
            public void onReviewComplete(ApprovalOutcome outcome) {
                completed.add(outcome);
            }
        });
        ApprovalHandle h = postThree();

        assertThat(f.slack.clicks().viaHttp(f.callback(), APPROVER, ts(h), "iamj:approve:alice").httpStatus())
                .isEqualTo(200);
        eventually("alice's buttons replaced", () -> f.slack.message(ts(h)).updates() == 1);
        assertThat(blocks(h)).contains("Approved for deletion by <@U0BOSS> at ")
                .doesNotContain("iamj:approve:alice").contains("iamj:approve:bob");

        f.slack.clicks().viaHttp(f.callback(), OTHER_APPROVER, ts(h), "iamj:keep:bob");
        eventually("bob kept", () -> f.slack.message(ts(h)).updates() == 2);
        f.slack.clicks().viaHttp(f.callback(), APPROVER, ts(h), "iamj:approve-all");

        ApprovalOutcome outcome = f.channel.await(h, Duration.ofSeconds(10));
        assertThat(outcome.timedOut()).isFalse();
        assertThat(outcome.approved()).extracting(UserDecision::userName).containsExactly("alice", "carol");
        assertThat(outcome.kept()).extracting(UserDecision::userName).containsExactly("bob");
        UserDecision bob = outcome.kept().get(0);
        assertThat(bob.approverId()).isEqualTo(OTHER_APPROVER);
        assertThat(bob.approverName()).isEqualTo("Anna Approver");
        assertThat(bob.channel()).isEqualTo("slack:C0REVIEW");
        eventually("final update", () -> !blocks(h).contains("\"button\""));
        assertThat(blocks(h)).contains("Every user in this review has a decision");
        eventually("listener told", () -> completed.size() == 1);
        assertThat(completed.get(0).decisions()).hasSize(3);
        assertThat(seen).hasSize(3);
        assertThat(f.slack.ephemerals()).isEmpty();
    }

    @Test
    void forgedStaleReplayedAndMalformedRequestsAreRefusedAndDecideNothing() {
        ApprovalHandle h = postThree();
        String body = f.slack.clicks().formBody(f.slack.clicks().payload(APPROVER, ts(h), "iamj:approve:alice"));
        String now = String.valueOf(System.currentTimeMillis() / 1000);
        String good = f.slack.clicks().sign(now, body);

        String forged = "v0=" + "0".repeat(64);
        assertThat(post(body, now, forged)).isEqualTo(401);
        String old = String.valueOf(System.currentTimeMillis() / 1000 - 600);
        assertThat(post(body, old, f.slack.clicks().sign(old, body))).isEqualTo(401);
        assertThat(f.slack.clicks().post(f.callback(), body, Map.of())).isEqualTo(400);
        assertThat(post(body, "not-a-time", good)).isEqualTo(400);
        String noPayload = "foo=bar";
        assertThat(post(noPayload, now, f.slack.clicks().sign(now, noPayload))).isEqualTo(400);
        String notJson = "payload=%7Bnot+json";
        assertThat(post(notJson, now, f.slack.clicks().sign(now, notJson))).isEqualTo(400);
        // a tampered body under a valid signature for another body
        String tampered = body.replace("U0BOSS", "U0ANNA");
        assertThat(post(tampered, now, good)).isEqualTo(401);

        assertThat(f.decisions.outcome("rev-1").decisions()).isEmpty();
        assertThat(f.slack.message(ts(h)).updates()).isZero();

        // the genuine request is accepted once; the same bytes again are a replay
        assertThat(post(body, now, good)).isEqualTo(200);
        assertThat(post(body, now, good)).isEqualTo(401);
        eventually("one decision", () -> f.decisions.outcome("rev-1").decisions().size() == 1);
    }

    private int post(String body, String timestamp, String signature) {
        return f.slack.clicks().post(f.callback(), body,
                Map.of("X-Slack-Request-Timestamp", timestamp, "X-Slack-Signature", signature));
    }

    @Test
    void unauthorisedUsersGetAnEphemeralNoAndNothingChanges() {
        ApprovalHandle h = postThree();
        assertThat(f.slack.clicks().viaHttp(f.callback(), OUTSIDER, ts(h), "iamj:approve:alice").httpStatus())
                .isEqualTo(200);
        eventually("ephemeral", () -> f.slack.ephemerals().size() == 1);
        assertThat(f.slack.ephemerals().get(0).user()).isEqualTo(OUTSIDER);
        assertThat(f.slack.ephemerals().get(0).text()).contains("not allowed");
        assertThat(f.decisions.outcome("rev-1").decisions()).isEmpty();
        assertThat(f.slack.message(ts(h)).updates()).isZero();
    }

    @Test
    void nobodyDecidesAboutTheirOwnAccountBySlackIdTagOrEmail() {
        ApprovalHandle h = f.channel.post(request("rev-self", List.of(
                verdict("dave", 50, new Tag("slack-user-id", DAVE)),
                verdict("erin.example", 60, new Tag("Email", "erin@example.com")),
                verdict("frank", 70)), List.of(GROUP)));
        f.slack.clicks().viaHttp(f.callback(), DAVE, ts(h), "iamj:approve:dave");
        eventually("dave refused", () -> f.slack.ephemerals().size() == 1);
        f.slack.clicks().viaHttp(f.callback(), ERIN, ts(h), "iamj:keep:erin.example");
        eventually("erin refused", () -> f.slack.ephemerals().size() == 2);
        // approve-all would include the clicker's own account: refused as a whole
        f.slack.clicks().viaHttp(f.callback(), DAVE, ts(h), "iamj:approve-all");
        eventually("approve-all refused", () -> f.slack.ephemerals().size() == 3);
        assertThat(f.slack.ephemerals()).allSatisfy(e -> assertThat(e.text()).contains("your own account"));
        assertThat(f.decisions.outcome("rev-self").decisions()).isEmpty();
        assertThat(f.slack.message(ts(h)).updates()).isZero();

        // another approver may decide about dave; dave may decide about frank
        f.slack.clicks().viaHttp(f.callback(), ERIN, ts(h), "iamj:approve:dave");
        f.slack.clicks().viaHttp(f.callback(), DAVE, ts(h), "iamj:keep:frank");
        eventually("two decisions", () -> f.decisions.outcome("rev-self").decisions().size() == 2);
    }

    @Test
    void doubleClicksAreIdempotentAndTheFirstDecisionStands() {
        ApprovalHandle h = postThree();
        f.slack.clicks().viaHttp(f.callback(), APPROVER, ts(h), "iamj:approve:alice");
        eventually("decided", () -> f.slack.message(ts(h)).updates() == 1);
        // a second click from a client still showing the old buttons, then a change of mind by someone else
        f.slack.clicks().viaHttp(f.callback(), APPROVER, ts(h), "iamj:approve:alice");
        f.slack.clicks().viaHttp(f.callback(), OTHER_APPROVER, ts(h), "iamj:keep:alice");
        eventually("both answered", () -> f.slack.ephemerals().size() == 2);
        assertThat(f.slack.ephemerals()).allSatisfy(e -> assertThat(e.text()).contains("Already decided"));
        List<UserDecision> decisions = f.decisions.outcome("rev-1").decisions();
        assertThat(decisions).hasSize(1);
        assertThat(decisions.get(0).decision()).isEqualTo(Decision.APPROVE);
        assertThat(decisions.get(0).approverId()).isEqualTo(APPROVER);
        assertThat(f.slack.message(ts(h)).updates()).isEqualTo(1);
    }

    @Test
    void timeoutApprovesNothingAndLateClicksAreRefused() {
        ApprovalHandle h = postThree();
        ApprovalOutcome outcome = f.channel.await(h, Duration.ofMillis(50));
        assertThat(outcome.timedOut()).isTrue();
        assertThat(outcome.approved()).isEmpty();
        assertThat(blocks(h)).contains("No decision before the timeout").doesNotContain("\"button\"");
        f.slack.clicks().viaHttp(f.callback(), APPROVER, ts(h), "iamj:approve:alice");
        eventually("late click answered", () -> f.slack.ephemerals().size() == 1);
        assertThat(f.slack.ephemerals().get(0).text()).contains("closed");
        assertThat(f.decisions.outcome("rev-1").approved()).isEmpty();
    }

    @Test
    void longListsAreSplitUnderTheFiftyBlockLimit() {
        List<io.jenkins.plugins.iamjanitor.core.policy.Verdict> many = new java.util.ArrayList<>();
        for (int i = 0; i < 60; i++) {
            many.add(verdict("user" + i, 30 + i));
        }
        ApprovalHandle h = f.channel.post(request("rev-big", many, List.of(APPROVER)));
        assertThat(h.messageIds()).hasSize(3);
        assertThat(f.slack.messages()).allSatisfy(m -> assertThat(m.blocks().size()).isLessThanOrEqualTo(50));
        long perUser = f.slack.messages().stream().flatMap(m -> SlackRecords.buttons(m.blocks()).stream())
                .filter(b -> b.actionId().startsWith("iamj:approve:")).count();
        assertThat(perUser).isEqualTo(60);
        // a click in the last message updates only that message
        String last = h.messageIds().get(2);
        f.slack.clicks().viaHttp(f.callback(), APPROVER, last, "iamj:keep:user59");
        eventually("updated", () -> f.slack.message(last).updates() == 1);
        assertThat(f.slack.message(h.messageIds().get(0)).updates()).isZero();
    }

    @Test
    void rejectsApproversThatAreNeitherUsersNorGroups() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> f.channel.post(request("rev-x",
                List.of(verdict("alice", 40)), List.of("@boss")))).hasMessageContaining("'@boss'");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> f.channel.post(request("rev-y",
                List.of(verdict("alice", 40)), List.of()))).hasMessageContaining("no approvers");
        assertThat(f.slack.messages()).isEmpty();
    }

    @Test
    void acknowledgesBeforeAnyWorkIsDone() {
        ApprovalHandle h = postThree();
        java.util.Queue<Runnable> queued = new java.util.concurrent.ConcurrentLinkedQueue<>();
        SlackInteractionHandler deferred = new SlackInteractionHandler(f.channel,
                new SlackRequestVerifier(SlackSecret.of(SlackFixture.SIGNING), java.time.Clock.systemUTC()),
                queued::add);
        String body = f.slack.clicks().formBody(f.slack.clicks().payload(APPROVER, ts(h), "iamj:approve:alice"));
        String now = String.valueOf(System.currentTimeMillis() / 1000);
        SlackInteractionHandler.Response ack = deferred.handleHttp(
                Map.of("x-slack-request-timestamp", List.of(now),
                        "X-SLACK-SIGNATURE", List.of(f.slack.clicks().sign(now, body))),
                body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(ack.status()).isEqualTo(200);
        // acknowledged, but no Slack call and no decision yet: the work waits on the executor
        assertThat(f.slack.callCount("users.info")).isZero();
        assertThat(f.decisions.outcome("rev-1").decisions()).isEmpty();
        assertThat(queued).hasSize(1);
        queued.poll().run();
        assertThat(f.decisions.outcome("rev-1").approved()).extracting(UserDecision::userName).containsExactly("alice");
        assertThat(f.slack.message(ts(h)).updates()).isEqualTo(1);
    }

    @Test
    void socketEnvelopesAreAckedByIdAndOtherFramesIgnored() {
        assertThat(f.handler.handleEnvelope("{\"type\":\"hello\"}")).isNull();
        assertThat(f.handler.handleEnvelope("not json")).isNull();
        assertThat(f.handler.handleEnvelope("{\"envelope_id\":\"e-1\",\"type\":\"slash_commands\",\"payload\":{}}"))
                .isEqualTo("{\"envelope_id\":\"e-1\"}");
    }
}
