package io.jenkins.plugins.iamjanitor.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.iamjanitor.core.approval.ApprovalOutcome;
import io.jenkins.plugins.iamjanitor.core.approval.DecisionListener;
import io.jenkins.plugins.iamjanitor.core.approval.ReviewDecisions;
import io.jenkins.plugins.iamjanitor.core.approval.UserDecision;
import io.jenkins.plugins.iamjanitor.sandbox.LoopbackServer;
import io.jenkins.plugins.iamjanitor.sandbox.Sandbox;
import io.jenkins.plugins.iamjanitor.sandbox.Scenario;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample Jenkinsfile's chain, step by step, against the sandbox (IAM, CloudTrail, Slack and Jira emulators over
 * their real protocols): list, ask in Slack (the scenario's scripted approver clicks through the plugin's endpoint
 * logic), open the ticket, add CloudTrail evidence, plan, then delete. Only the Jenkins runtime is simulated.
 */
class SandboxPipelineTest {
    static final Set<String> UNDER_REVIEW = Set.of("zed.full-house", "yara.virtual-mfa", "ci-legacy",
            "frank.password-only");

    Sandbox sandbox;
    ScheduledExecutorService executor;
    LoopbackServer jenkins;
    SandboxServices services;
    final ReviewDecisions decisions = new ReviewDecisions(Clock.systemUTC());
    @TempDir
    Path artifacts;

    @BeforeEach
    void start() {
        sandbox = Sandbox.start(Scenario.builtIn(), 0);
        executor = Executors.newScheduledThreadPool(2);
        services = new SandboxServices(sandbox, decisions, executor, artifacts);
        SlackActionsHandler endpoint = new SlackActionsHandler(services.slack::callback);
        jenkins = new LoopbackServer(0).mount("/iam-janitor/slack/actions", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = SlackActionsEndpoint.readLimited(in);
            }
            SlackCallback.Reply r = endpoint.handle(exchange.getRequestMethod(),
                    exchange.getRequestHeaders().getFirst("X-Slack-Request-Timestamp"),
                    exchange.getRequestHeaders().getFirst("X-Slack-Signature"), body);
            byte[] out = r.body() == null ? new byte[0] : r.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(r.status(), out.length == 0 ? -1 : out.length);
            try (OutputStream o = exchange.getResponseBody()) {
                o.write(out);
            }
        }).start();
        sandbox.slack().setCallbackUrl(jenkins.uri("/iam-janitor/slack/actions"));
    }

    @AfterEach
    void stop() {
        jenkins.close();
        executor.shutdownNow();
        services.adapters.close();
        sandbox.close();
    }

    @Test
    void theSamplePipelineEndToEnd() throws Exception {
        // iamListInactive(exemptUsers: ['svc-*', 'breakglass-*'], exemptPaths: ['/system/'], exemptGroups: [...])
        IamListInactiveStep list = new IamListInactiveStep();
        list.setExemptUsers(List.of("svc-*", "breakglass-*"));
        list.setExemptPaths(List.of("/system/"));
        list.setExemptGroups(List.of("admins-protected"));
        FakeStepContext listed = new FakeStepContext();
        new IamListInactiveStep.Execution(list, listed, services).start();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> inactive = (List<Map<String, Object>>) listed.result();
        assertThat(listed.failure()).isNull();
        assertThat(inactive).extracting(u -> u.get("user")).contains("frank.password-only", "zed.full-house",
                "ci-legacy").doesNotContain("alice.active-console", "svc-build", "monitoring-agent",
                "root-fallback", "legacy-reporting", "rupert.ssh-key");
        List<Object> review = new ArrayList<>(inactive.stream().filter(u -> UNDER_REVIEW.contains(u.get("user")))
                .toList());
        assertThat(review).hasSize(4);

        // slackAskApproval(users: review): the scripted approver approves all but ci-legacy
        FakeStepContext asked = new FakeStepContext();
        SlackAskApprovalStep.Execution approval = new SlackAskApprovalStep.Execution(
                new SlackAskApprovalStep(review), asked, services);
        decisions.addListener(new DecisionListener() {
            @Override
            public void onDecision(String reviewId, UserDecision decision) {
                approval.onDecision(reviewId, decision); // what StepExecution.acceptAll does in Jenkins
            }

            @Override
            public void onReviewComplete(ApprovalOutcome outcome) {
            }
        });
        assertThat(approval.start()).isFalse();
        SlackApprovalEndToEndTest.eventually("every user decided in Slack", asked::done);
        @SuppressWarnings("unchecked")
        Map<String, Object> decided = (Map<String, Object>) asked.result();
        assertThat(decided).containsEntry("kept", List.of("ci-legacy")).containsEntry("approver", "U0SECLEAD")
                .containsEntry("timedOut", false);
        @SuppressWarnings("unchecked")
        List<String> approved = (List<String>) decided.get("approved");
        assertThat(approved).containsExactlyInAnyOrder("zed.full-house",
                "yara.virtual-mfa", "frank.password-only");

        // jiraCreateReviewTicket(users: review, approval: decided)
        FakeStepContext ticketed = new FakeStepContext();
        JiraCreateReviewTicketStep jira = new JiraCreateReviewTicketStep(review);
        jira.setApproval(decided);
        new JiraCreateReviewTicketStep.Execution(jira, ticketed, services).start();
        assertThat(ticketed.failure()).isNull();
        @SuppressWarnings("unchecked")
        Map<String, Object> ticket = (Map<String, Object>) ticketed.result();
        assertThat(ticket).containsEntry("created", true);
        String key = (String) ticket.get("key");
        assertThat(sandbox.jira().issue(key)).isPresent();

        // cloudtrailEnrich(users: review, ticket: ticket)
        FakeStepContext enriched = new FakeStepContext();
        CloudtrailEnrichStep trail = new CloudtrailEnrichStep(review);
        trail.setTicket(ticket);
        new CloudtrailEnrichStep.Execution(trail, enriched, services).start();
        assertThat(enriched.failure()).isNull();
        @SuppressWarnings("unchecked")
        Map<String, Object> activity = (Map<String, Object>) enriched.result();
        assertThat(activity.keySet()).containsExactlyInAnyOrderElementsOf(UNDER_REVIEW);
        assertThat(sandbox.jira().requests()).anyMatch(r -> r.startsWith("POST") && r.contains(key + "/comment"));

        // iamDeleteUser(users: review, approval: decided, ticket: ticket): first the default dry run, then for real
        IamDeleteUserStep plan = new IamDeleteUserStep();
        plan.setUsers(review);
        plan.setApproval(decided);
        plan.setTicket(ticket);
        FakeStepContext planned = new FakeStepContext();
        new IamDeleteUserStep.Execution(plan, planned, services).start();
        assertThat(planned.result()).asString().contains("zed.full-house={user=zed.full-house, status=planned");
        assertThat(services.iamDirectory(services.defaults.aws()).fetchLive("zed.full-house")).isPresent();

        IamDeleteUserStep delete = new IamDeleteUserStep();
        delete.setUsers(review);
        delete.setApproval(decided);
        delete.setTicket(ticket);
        delete.setDryRun(false);
        FakeStepContext deleted = new FakeStepContext();
        new IamDeleteUserStep.Execution(delete, deleted, services).start();
        assertThat(deleted.failure()).isNull();
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> results = (Map<String, Map<String, Object>>) deleted.result();
        assertThat(results.get("ci-legacy")).containsEntry("status", "kept");
        for (String user : List.of("zed.full-house", "yara.virtual-mfa", "frank.password-only")) {
            assertThat(results.get(user)).as(user).containsEntry("status", "deleted");
            assertThat(Path.of((String) results.get(user).get("backup"))).exists()
                    .startsWith(artifacts.resolve("iam-janitor-backups"));
            assertThat(services.iamDirectory(services.defaults.aws()).fetchLive(user)).as(user).isEmpty();
        }
        assertThat(services.iamDirectory(services.defaults.aws()).fetchLive("ci-legacy")).isPresent();
        assertThat(Files.readString(Path.of((String) results.get("zed.full-house").get("backup"))))
                .contains("U0SECLEAD", key);

        String log = listed.log() + asked.log() + ticketed.log() + enriched.log() + planned.log() + deleted.log();
        assertThat(log).contains("[iam-janitor]").doesNotContain(SandboxServices.BOT, SandboxServices.SIGNING,
                SandboxServices.JIRA_TOKEN, "sandbox-secret-key");
    }
}
