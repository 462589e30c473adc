package io.jenkins.plugins.iamjanitor.plugin.jenkins;

import static io.jenkins.plugins.iamjanitor.plugin.jenkins.ApprovalFixture.await;
import static io.jenkins.plugins.iamjanitor.plugin.jenkins.ApprovalFixture.awaitLog;
import static io.jenkins.plugins.iamjanitor.plugin.jenkins.ApprovalFixture.callback;
import static io.jenkins.plugins.iamjanitor.plugin.jenkins.ApprovalFixture.click;
import static io.jenkins.plugins.iamjanitor.plugin.jenkins.ApprovalFixture.decision;
import static io.jenkins.plugins.iamjanitor.plugin.jenkins.ApprovalFixture.record;
import static io.jenkins.plugins.iamjanitor.plugin.jenkins.ApprovalFixture.reviewMessage;
import static io.jenkins.plugins.iamjanitor.plugin.jenkins.ApprovalFixture.signed;
import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import io.jenkins.plugins.iamjanitor.core.approval.Decision;
import io.jenkins.plugins.iamjanitor.plugin.IamJanitorConfiguration;
import io.jenkins.plugins.iamjanitor.sandbox.FaultPlan;
import io.jenkins.plugins.iamjanitor.sandbox.slack.SlackClicks;
import io.jenkins.plugins.iamjanitor.sandbox.slack.SlackEmulator;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** slackAskApproval in a real Pipeline, approved with signed Slack clicks through the running Jenkins' HTTP endpoint. */
@WithJenkins
class SlackApprovalInJenkinsTest {

    @Test
    void signedClicksThroughTheRealEndpointDecideAndNothingElsePassesWithoutACrumb(JenkinsRule j) throws Exception {
        try (SandboxJenkins s = SandboxJenkins.start(j, ApprovalFixture.scenario())) {
            IamJanitorConfiguration.get().setSlackApprovers("U0SECLEAD U0OPS");
            SlackEmulator slack = s.sandbox.slack();
            // Every Slack call takes 8 s while the step starts: a step posting on the CPS VM thread would hold up
            // the other branch of the same Pipeline until the post is done.
            slack.faults().setPlan(new FaultPlan(Duration.ofSeconds(8), 0, 0, 0, 1));
            WorkflowJob p = j.createProject(WorkflowJob.class, "approve");
            p.setDefinition(new CpsFlowDefinition("""
                    def r = iamListInactive(days: 21)
                    parallel ask: {
                        def a = slackAskApproval(review: r, timeoutMinutes: 60)
                        echo "RESULT approved=${a.approved.sort()} kept=${a.kept} undecided=${a.undecided} timedOut=${a.timedOut} same=${a.reviewId == r.reviewId}"
                    }, other: {
                        echo 'OTHER BRANCH RAN'
                    }
                    """, true));
            WorkflowRun b = p.scheduleBuild2(0).waitForStart();
            awaitLog(b, "OTHER BRANCH RAN");
            assertThat(JenkinsRule.getLog(b)).doesNotContain("Asked in Slack");
            slack.faults().setPlan(FaultPlan.none());
            awaitLog(b, "Asked in Slack");

            SlackClicks clicks = slack.clicks();
            URI callback = callback(j);
            String payload = clicks.payload("U0SECLEAD", reviewMessage(slack), "iamj:approve:grace.stale");
            String body = clicks.formBody(payload);
            String now = String.valueOf(Instant.now().getEpochSecond());
            String stale = String.valueOf(Instant.now().minusSeconds(600).getEpochSecond());
            // Forged (wrong signature) and stale requests: 401, nothing recorded.
            assertThat(clicks.post(callback, body, Map.of("X-Slack-Request-Timestamp", now,
                    "X-Slack-Signature", "v0=" + "0".repeat(64)))).isEqualTo(401);
            assertThat(clicks.post(callback, body, signed(slack, stale, body))).isEqualTo(401);
            assertThat(decision(b, "grace.stale")).isNull();
            // A signed request needs no crumb; the same request again is a replay: 401.
            Map<String, String> headers = signed(slack, now, body);
            assertThat(clicks.post(callback, body, headers)).isEqualTo(200);
            assertThat(clicks.post(callback, body, headers)).isEqualTo(401);
            await("grace.stale approved", () -> decision(b, "grace.stale") != null);
            assertThat(decision(b, "grace.stale").approverId()).isEqualTo("U0SECLEAD");
            assertThat(decision(b, "grace.stale").channel()).isEqualTo("slack:C0IAMREVIEW");

            // Nothing else is reachable without a crumb: not beside the Slack path, not the review page's buttons.
            assertThat(clicks.post(URI.create(j.getURL() + "iam-janitor/slack/actions-x"), body, headers))
                    .isEqualTo(403);
            assertThat(clicks.post(URI.create(j.getURL() + b.getUrl() + "iam-review/decide"),
                    "user=frank.old&decision=APPROVE", Map.of())).isEqualTo(403);
            assertThat(decision(b, "frank.old")).isNull();

            // Self-approval in Slack: sec.lead's IAM user carries U0SECLEAD's Slack id.
            assertThat(click(s, "U0SECLEAD", "iamj:approve:sec.lead")).isEqualTo(200);
            await("the refusal told to U0SECLEAD", () -> slack.ephemerals().stream()
                    .anyMatch(e -> e.user().equals("U0SECLEAD") && e.text().contains("own account")));
            assertThat(decision(b, "sec.lead")).isNull();

            assertThat(click(s, "U0OPS", "iamj:keep:frank.old")).isEqualTo(200);
            assertThat(click(s, "U0OPS", "iamj:approve:sec.lead")).isEqualTo(200);
            j.assertBuildStatusSuccess(j.waitForCompletion(b));
            j.assertLogContains("RESULT approved=[grace.stale, sec.lead] kept=[frank.old] undecided=[] "
                    + "timedOut=false same=true", b);
            assertThat(record(b).approval().decisions()).hasSize(3);
            assertThat(decision(b, "frank.old").decision()).isEqualTo(Decision.KEEP);
            assertThat(decision(b, "sec.lead").approverId()).isEqualTo("U0OPS");
            assertThat(slack.callCount("chat.update")).isPositive();
            j.assertLogNotContains(SandboxJenkins.SLACK_BOT, b);
            j.assertLogNotContains(SandboxJenkins.SLACK_SIGNING, b);
            assertThat(b.getResult()).isEqualTo(Result.SUCCESS);
        }
    }
}
