package io.jenkins.plugins.iamjanitor.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.iamjanitor.core.doc.Document;
import io.jenkins.plugins.iamjanitor.core.port.ServiceException;
import io.jenkins.plugins.iamjanitor.core.port.TicketTracker;
import io.jenkins.plugins.iamjanitor.core.ticket.ReviewTicket;
import io.jenkins.plugins.iamjanitor.core.ticket.TicketRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JiraCreateReviewTicketStepTest {
    final FakeServices services = new FakeServices();
    final FakeStepContext context = new FakeStepContext();
    final List<ReviewTicket> opened = new ArrayList<>();
    final List<String> comments = new ArrayList<>();
    boolean exists;

    @BeforeEach
    void jira() {
        services.tracker = new TicketTracker() {
            @Override
            public TicketRef openOrFind(ReviewTicket ticket) {
                opened.add(ticket);
                TicketRef ref = new TicketRef("SEC-42", "https://jira.example.com/browse/SEC-42", !exists);
                exists = true;
                return ref;
            }

            @Override
            public void comment(String ticketKey, Document comment) {
                comments.add(ticketKey + ": " + comment);
            }

            @Override
            public void transition(String ticketKey, String statusName) {
                throw new AssertionError("not used");
            }
        };
    }

    Map<String, Object> approval() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("reviewId", "iamj-review-1");
        a.put("approved", List.of("alice"));
        a.put("kept", List.of("bob"));
        a.put("approverName", "Ada Approver");
        a.put("decidedAt", "2026-11-23T12:05:00Z");
        a.put("channel", "C0123REVIEW");
        a.put("timedOut", false);
        a.put("decisions", List.of(
                Map.of("user", "alice", "decision", "APPROVE", "approverId", "U0APPROVER", "approverName",
                        "Ada Approver", "decidedAt", "2026-11-23T12:05:00Z", "channel", "slack:C0123REVIEW"),
                Map.of("user", "bob", "decision", "KEEP", "approverId", "U0APPROVER", "approverName",
                        "Ada Approver", "decidedAt", "2026-11-23T12:04:00Z", "channel", "slack:C0123REVIEW")));
        return a;
    }

    Object run(JiraCreateReviewTicketStep step) throws Exception {
        new JiraCreateReviewTicketStep.Execution(step, context, services).start();
        return context.done() && context.failure() == null ? context.result() : context.failure();
    }

    @Test
    void opensOneTicketPerReviewAndReusesItOnARerun() throws Exception {
        JiraCreateReviewTicketStep step = new JiraCreateReviewTicketStep(SlackAskApprovalStepTest.users());
        step.setApproval(approval());
        step.setLabels(List.of("weekly-review"));

        assertThat(run(step)).isEqualTo(Map.of("key", "SEC-42", "url", "https://jira.example.com/browse/SEC-42",
                "created", true, "reused", false));
        ReviewTicket t = opened.get(0);
        assertThat(t.reviewId()).isEqualTo("iamj-review-1");
        assertThat(t.accountId()).isEqualTo("123456789012");
        assertThat(t.userNames()).containsExactly("alice", "bob");
        assertThat(t.labels()).containsExactly("iam-janitor", "123456789012", "weekly-review");
        assertThat(t.summary()).isEqualTo("IAM Janitor: 2 inactive users in 123456789012");
        assertThat(t.description().toString()).contains("alice", "40", "Ada Approver", "jenkins.example.com");
        assertThat(services.trackerProjects).containsExactly("SEC/Task");
        assertThat(context.log()).contains("Created SEC-42");

        FakeStepContext second = new FakeStepContext();
        new JiraCreateReviewTicketStep.Execution(step, second, services).start();
        assertThat(second.result()).asString().contains("reused=true");
        assertThat(opened.get(1).reviewId()).isEqualTo(t.reviewId());
    }

    @Test
    void withoutAnApprovalTheReviewIdIsStableForTheSameUsers() throws Exception {
        run(new JiraCreateReviewTicketStep(SlackAskApprovalStepTest.users()));
        run(new JiraCreateReviewTicketStep(SlackAskApprovalStepTest.users()));
        assertThat(opened.get(0).reviewId()).startsWith("iamj-").isEqualTo(opened.get(1).reviewId());
    }

    @Test
    void argumentsAreValidatedBeforeJiraIsCalled() throws Exception {
        assertThat(run(new JiraCreateReviewTicketStep("alice"))).asString().contains("invalid argument 'users'");
        JiraCreateReviewTicketStep badApproval = new JiraCreateReviewTicketStep(List.of("alice"));
        badApproval.setApproval("yes");
        assertThat(new FakeStepContextRun(badApproval).failure()).contains("invalid argument 'approval'");
        services.defaults = new JanitorDefaults(services.defaults.aws(), 21, null, 10, null, List.of(), null, null);
        assertThat(new FakeStepContextRun(new JiraCreateReviewTicketStep(List.of("alice"))).failure())
                .contains("'projectKey'");
        services.defaults = new FakeServices().defaults;
        assertThat(new FakeStepContextRun(new JiraCreateReviewTicketStep(List.of("alice"))).failure())
                .as("bare names carry no account id").contains("invalid argument 'users'", "iamListInactive");
        assertThat(opened).isEmpty();
    }

    @Test
    void aJiraFailureFailsTheStepWithOneMaskedLine() throws Exception {
        services.secrets.add("s3cr3t-token");
        services.tracker = new TicketTracker() {
            @Override
            public TicketRef openOrFind(ReviewTicket ticket) {
                throw new ServiceException("Jira", "create issue", "401", "token s3cr3t-token rejected");
            }

            @Override
            public void comment(String ticketKey, Document comment) {
            }

            @Override
            public void transition(String ticketKey, String statusName) {
            }
        };
        Object failure = run(new JiraCreateReviewTicketStep(SlackAskApprovalStepTest.users()));
        assertThat(failure).isInstanceOf(hudson.AbortException.class).asString()
                .contains("Jira create issue failed (401)").contains("****").doesNotContain("s3cr3t-token");
        assertThat(context.log()).doesNotContain("s3cr3t-token");
    }

    /** Runs a step on a fresh context and returns the failure message. */
    final class FakeStepContextRun {
        final FakeStepContext ctx = new FakeStepContext();

        FakeStepContextRun(JiraCreateReviewTicketStep step) throws Exception {
            new JiraCreateReviewTicketStep.Execution(step, ctx, services).start();
        }

        String failure() {
            return ctx.failure() == null ? "no failure" : ctx.failure().getMessage();
        }
    }
}
