package io.jenkins.plugins.iamjanitor.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.AbortException;
import io.jenkins.plugins.iamjanitor.core.approval.ApprovalHandle;
import io.jenkins.plugins.iamjanitor.core.approval.ApprovalOutcome;
import io.jenkins.plugins.iamjanitor.core.approval.ApprovalRequest;
import io.jenkins.plugins.iamjanitor.core.approval.Decision;
import io.jenkins.plugins.iamjanitor.core.approval.UserDecision;
import io.jenkins.plugins.iamjanitor.core.port.ApprovalChannel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SlackAskApprovalStepTest {
    final FakeServices services = new FakeServices();
    final List<ApprovalRequest> posted = new ArrayList<>();
    final FakeStepContext context = new FakeStepContext();

    @BeforeEach
    void slack() {
        services.approvalChannel = new ApprovalChannel() {
            @Override
            public ApprovalHandle post(ApprovalRequest request) {
                posted.add(request);
                return new ApprovalHandle(request.reviewId(), "C0123REVIEW", List.of("1700000000.000100"));
            }

            @Override
            public ApprovalOutcome await(ApprovalHandle handle, Duration timeout) {
                throw new AssertionError("a paused step never blocks on the channel");
            }
        };
    }

    static List<Object> users() {
        List<Object> users = new ArrayList<>();
        for (String name : List.of("alice", "bob")) {
            Map<String, Object> u = new LinkedHashMap<>();
            u.put("user", name);
            u.put("arn", "arn:aws:iam::123456789012:user/" + name);
            u.put("daysInactive", 40);
            u.put("lastActivity", "2026-10-14T09:00:00Z");
            u.put("reason", "access key 1 last used 40 days ago");
            users.add(u);
        }
        return users;
    }

    SlackAskApprovalStep.Execution started(SlackAskApprovalStep step) throws Exception {
        SlackAskApprovalStep.Execution e = new SlackAskApprovalStep.Execution(step, context, services);
        assertThat(e.start()).as("asynchronous: start() returns false").isFalse();
        return e;
    }

    static SlackAskApprovalStep step(Object users) {
        SlackAskApprovalStep s = new SlackAskApprovalStep(users);
        s.setTimeoutMinutes(60);
        s.setMessage("weekly review");
        return s;
    }

    static UserDecision decision(String user, Decision d, Instant at) {
        return new UserDecision(user, d, "U0APPROVER", "Ada Approver", at, "slack:C0123REVIEW");
    }

    @Test
    void postsTheReviewAndWaitsWithoutCompleting() throws Exception {
        SlackAskApprovalStep.Execution e = started(step(users()));

        assertThat(context.done()).isFalse();
        assertThat(posted).singleElement().satisfies(r -> {
            assertThat(r.channel()).isEqualTo("#iam-reviews");
            assertThat(r.approvers()).containsExactly("U0APPROVER");
            assertThat(r.accountId()).isEqualTo("123456789012");
            assertThat(r.candidates()).extracting(v -> v.user().userName()).containsExactly("alice", "bob");
            assertThat(r.message()).isEqualTo("weekly review");
        });
        assertThat(services.reviews.events).as("posting opened the review").isEmpty();
        assertThat(services.scheduler.delays).containsExactly(Duration.ofMinutes(60));
        assertThat(e.getStatus()).contains("waiting for 2 of 2");
        assertThat(context.log()).contains("[iam-janitor] Asked for approval of 2 user(s) in Slack C0123REVIEW");
    }

    @Test
    void completesWhenEveryUserHasADecision() throws Exception {
        SlackAskApprovalStep.Execution e = started(step(users()));
        Instant t1 = FakeServices.NOW.plusSeconds(60);
        Instant t2 = FakeServices.NOW.plusSeconds(120);

        e.onDecision("some-other-review", decision("alice", Decision.KEEP, t1));
        e.onDecision(e.reviewId(), decision("alice", Decision.APPROVE, t1));
        e.onDecision(e.reviewId(), decision("alice", Decision.KEEP, t2)); // double click: the first stands
        assertThat(context.done()).isFalse();
        e.onDecision(e.reviewId(), decision("bob", Decision.KEEP, t2));

        assertThat(context.completions()).isEqualTo(1);
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) context.result();
        assertThat(result).containsEntry("approved", List.of("alice")).containsEntry("kept", List.of("bob"))
                .containsEntry("approver", "U0APPROVER").containsEntry("approverName", "Ada Approver")
                .containsEntry("decidedAt", t1.toString()).containsEntry("channel", "C0123REVIEW")
                .containsEntry("messageTs", "1700000000.000100").containsEntry("timedOut", false)
                .containsEntry("reviewId", e.reviewId());
        assertThat((List<?>) result.get("decisions")).hasSize(2).first().asString()
                .contains("evidenceAsOf=2026-10-14T09:00:00Z");
        assertThat(services.reviews.events).last().isEqualTo("close " + e.reviewId());
        assertThat(services.scheduler.pending).isEmpty();
        assertThat(services.scheduler.cancelled).isEqualTo(1);

        e.onDecision(e.reviewId(), decision("bob", Decision.APPROVE, t2));
        assertThat(context.completions()).as("a late click changes nothing").isEqualTo(1);
    }

    @Test
    void slackBeingDownWhenClosingDoesNotKeepTheStepWaiting() throws Exception {
        services.registry = new ReviewRegistry() {
            @Override
            public void resume(ApprovalRequest request, ApprovalHandle handle, List<UserDecision> earlier) {
            }

            @Override
            public List<UserDecision> decisions(String reviewId) {
                return List.of();
            }

            @Override
            public void close(String reviewId) {
                throw new io.jenkins.plugins.iamjanitor.core.port.ServiceException("Slack", "chat.update", "503",
                        "service unavailable");
            }
        };
        SlackAskApprovalStep.Execution e = started(step(users()));
        e.onDecision(e.reviewId(), decision("alice", Decision.APPROVE, FakeServices.NOW));
        e.onDecision(e.reviewId(), decision("bob", Decision.APPROVE, FakeServices.NOW));
        assertThat(context.result()).asString().contains("approved=[alice, bob]");
        assertThat(context.log()).contains("Could not mark the Slack review as closed: Slack chat.update failed (503)");
    }

    @Test
    void clicksRecordedBeforeTheStepCouldBeReachedStillCount() throws Exception {
        services.reviews.recorded.add(decision("alice", Decision.APPROVE, FakeServices.NOW));
        services.reviews.recorded.add(decision("bob", Decision.KEEP, FakeServices.NOW));
        started(step(users()));
        assertThat(context.result()).asString().contains("approved=[alice]", "kept=[bob]", "timedOut=false");
    }

    @Test
    void aRestartWithoutSlackStillEndsAtTheDeadline() throws Exception {
        SlackAskApprovalStep.Execution after = restart(started(step(users())));
        FakeServices fresh = new FakeServices();
        fresh.registry = new ReviewRegistry() {
            @Override
            public void resume(ApprovalRequest request, ApprovalHandle handle, List<UserDecision> earlier) {
                throw new io.jenkins.plugins.iamjanitor.core.port.ServiceException("Jenkins", "credentials", null,
                        "no Slack bot token configured");
            }

            @Override
            public List<UserDecision> decisions(String reviewId) {
                return List.of();
            }

            @Override
            public void close(String reviewId) {
            }
        };
        after.attach(fresh);
        after.onResume();
        FakeStepContext restored = (FakeStepContext) after.getContext();
        assertThat(restored.done()).isFalse();
        assertThat(restored.log()).contains("Could not re-attach the Slack review");
        fresh.advance(Duration.ofMinutes(61));
        fresh.scheduler.fireAll();
        assertThat(restored.result()).asString().contains("timedOut=true", "approved=[]");
    }

    @Test
    void timesOutWithUndecidedUsersNotApproved() throws Exception {
        SlackAskApprovalStep.Execution e = started(step(users()));
        e.onDecision(e.reviewId(), decision("alice", Decision.APPROVE, FakeServices.NOW.plusSeconds(5)));

        services.advance(Duration.ofMinutes(59));
        services.scheduler.fireAll();
        assertThat(context.done()).as("not before the deadline").isFalse();

        services.advance(Duration.ofMinutes(1));
        services.scheduler.fireAll();
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) context.result();
        assertThat(result).containsEntry("timedOut", true).containsEntry("approved", List.of("alice"))
                .containsEntry("undecided", List.of("bob")).containsEntry("kept", List.of());
        assertThat(context.log()).contains("Approval timed out");
    }

    @Test
    void resumesAfterARestartWithItsDecisions() throws Exception {
        SlackAskApprovalStep.Execution before = started(step(users()));
        before.onDecision(before.reviewId(), decision("alice", Decision.APPROVE, FakeServices.NOW.plusSeconds(5)));

        SlackAskApprovalStep.Execution after = restart(before);
        FakeServices fresh = new FakeServices();
        fresh.advance(Duration.ofMinutes(10));
        after.attach(fresh);
        after.onResume();

        assertThat(fresh.reviews.events).containsExactly("resume " + before.reviewId()
                + " C0123REVIEW [1700000000.000100] [alice, bob] [U0APPROVER] #iam-reviews earlier=1");
        assertThat(fresh.scheduler.delays).containsExactly(Duration.ofMinutes(50));
        FakeStepContext restored = (FakeStepContext) after.getContext();
        assertThat(restored.done()).isFalse();

        after.onDecision(before.reviewId(), decision("bob", Decision.KEEP, FakeServices.NOW.plusSeconds(700)));
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) restored.result();
        assertThat(result).containsEntry("approved", List.of("alice")).containsEntry("kept", List.of("bob"))
                .containsEntry("timedOut", false);
        assertThat(context.done()).as("the pre-restart copy is gone for good").isFalse();
    }

    @Test
    void resumingAfterTheDeadlineEndsAsTimedOut() throws Exception {
        SlackAskApprovalStep.Execution after = restart(started(step(users())));
        FakeServices fresh = new FakeServices();
        fresh.advance(Duration.ofHours(3));
        after.attach(fresh);
        after.onResume();

        FakeStepContext restored = (FakeStepContext) after.getContext();
        assertThat(restored.result()).asString().contains("timedOut=true", "undecided=[alice, bob]");
        assertThat(fresh.scheduler.pending).isEmpty();
    }

    @Test
    void stopEndsTheWaitAndFailsTheStep() throws Exception {
        SlackAskApprovalStep.Execution e = started(step(users()));
        e.stop(new InterruptedException("aborted by user"));
        assertThat(context.failure()).hasMessage("aborted by user");
        assertThat(services.reviews.events).containsExactly("close " + e.reviewId());
        assertThat(services.scheduler.pending).isEmpty();
        e.onDecision(e.reviewId(), decision("alice", Decision.APPROVE, FakeServices.NOW));
        assertThat(context.completions()).isEqualTo(1);
    }

    @Test
    void invalidArgumentsNameTheArgument() {
        assertThatThrownBy(() -> started(step(List.of())))
                .isInstanceOf(AbortException.class).hasMessageContaining("'users'");
        assertThatThrownBy(() -> started(step(List.of("bad name!"))))
                .hasMessageContaining("'users[0]'");
        SlackAskApprovalStep noTimeout = step(users());
        noTimeout.setTimeoutMinutes(0);
        assertThatThrownBy(() -> started(noTimeout)).hasMessageContaining("'timeoutMinutes'");
        SlackAskApprovalStep widening = step(users());
        widening.setApprovers(List.of("U0APPROVER", "U0MYSELF"));
        assertThatThrownBy(() -> started(widening)).hasMessageContaining("'approvers'")
                .hasMessageContaining("U0MYSELF is not on the configured approver allow-list");
        SlackAskApprovalStep nobody = step(users());
        nobody.setApprovers(List.of());
        assertThatThrownBy(() -> started(nobody)).hasMessageContaining("'approvers'");
        services.defaults = new JanitorDefaults(services.defaults.aws(), 21, null, 10, null, List.of("U1"), null,
                null);
        assertThatThrownBy(() -> started(step(users()))).hasMessageContaining("'channel'");
        assertThat(posted).as("nothing is posted for invalid arguments").isEmpty();
    }

    /** What Pipeline does across a controller restart: the execution is written out and read back. */
    static SlackAskApprovalStep.Execution restart(SlackAskApprovalStep.Execution e) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(e);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (SlackAskApprovalStep.Execution) in.readObject();
        }
    }
}
