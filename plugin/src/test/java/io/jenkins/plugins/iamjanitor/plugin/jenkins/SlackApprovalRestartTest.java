package io.jenkins.plugins.iamjanitor.plugin.jenkins;

import static io.jenkins.plugins.iamjanitor.plugin.jenkins.ApprovalFixture.await;
import static io.jenkins.plugins.iamjanitor.plugin.jenkins.ApprovalFixture.awaitLog;
import static io.jenkins.plugins.iamjanitor.plugin.jenkins.ApprovalFixture.callback;
import static io.jenkins.plugins.iamjanitor.plugin.jenkins.ApprovalFixture.decision;
import static io.jenkins.plugins.iamjanitor.plugin.jenkins.ApprovalFixture.record;
import static io.jenkins.plugins.iamjanitor.plugin.jenkins.ApprovalFixture.reviewMessage;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.iamjanitor.core.approval.Decision;
import io.jenkins.plugins.iamjanitor.core.review.ReviewStage;
import io.jenkins.plugins.iamjanitor.plugin.IamJanitorConfiguration;
import io.jenkins.plugins.iamjanitor.sandbox.slack.SlackEmulator;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

/** slackAskApproval across controller restarts: nothing decided is lost, and the wait goes on. */
class SlackApprovalRestartTest {
    @RegisterExtension
    private final JenkinsSessionExtension sessions = new JenkinsSessionExtension();
    private SandboxJenkins s;
    /** The first click as Slack sent it: replayed after the restart. */
    private String firstBody;
    private java.util.Map<String, String> firstHeaders;

    private int click(JenkinsRule j, String slackUser, String action) throws Exception {
        SlackEmulator slack = s.sandbox.slack();
        return slack.clicks().viaHttp(callback(j), slackUser, reviewMessage(slack), action).httpStatus();
    }

    private static WorkflowRun build(JenkinsRule j) {
        return j.jenkins.getItemByFullName("restart", WorkflowJob.class).getBuildByNumber(1);
    }

    @Test
    void decisionsSurviveRestartsAndAClickAfterTheRestartCompletesTheStep() throws Throwable {
        try {
            sessions.then(j -> {
                s = SandboxJenkins.start(j, ApprovalFixture.scenario());
                IamJanitorConfiguration.get().setSlackApprovers("U0SECLEAD U0OPS");
                WorkflowJob p = j.createProject(WorkflowJob.class, "restart");
                p.setDefinition(new CpsFlowDefinition("""
                        def a = slackAskApproval(review: iamListInactive(days: 21), timeoutMinutes: 120)
                        echo "RESULT approved=${a.approved.sort()} kept=${a.kept} undecided=${a.undecided}"
                        """, true));
                WorkflowRun b = p.scheduleBuild2(0).waitForStart();
                awaitLog(b, "Asked in Slack");
                // A click before the restart: recorded in the build's review right away.
                SlackEmulator slack = s.sandbox.slack();
                firstBody = slack.clicks().formBody(slack.clicks().payload("U0SECLEAD", reviewMessage(slack),
                        "iamj:approve:grace.stale"));
                firstHeaders = ApprovalFixture.signed(slack,
                        String.valueOf(java.time.Instant.now().getEpochSecond()), firstBody);
                assertThat(slack.clicks().post(callback(j), firstBody, firstHeaders)).isEqualTo(200);
                await("grace.stale approved", () -> decision(b, "grace.stale") != null);
            });
            sessions.then(j -> {
                WorkflowRun b = build(j);
                awaitLog(b, "Resumed waiting for approval");
                assertThat(b.isBuilding()).isTrue();
                assertThat(decision(b, "grace.stale").approverId()).isEqualTo("U0SECLEAD");
                // The click captured before the restart, replayed within Slack's window: refused (the replay cache
                // is kept under JENKINS_HOME).
                assertThat(s.sandbox.slack().clicks().post(callback(j), firstBody, firstHeaders)).isEqualTo(401);
                // The message posted before the restart still works; a double click on grace changes nothing.
                assertThat(click(j, "U0OPS", "iamj:keep:grace.stale")).isEqualTo(200);
                assertThat(click(j, "U0OPS", "iamj:keep:frank.old")).isEqualTo(200);
                assertThat(click(j, "U0OPS", "iamj:approve:sec.lead")).isEqualTo(200);
                j.assertBuildStatusSuccess(j.waitForCompletion(b));
                j.assertLogContains("RESULT approved=[grace.stale, sec.lead] kept=[frank.old] undecided=[]", b);
                assertThat(s.sandbox.slack().messages()).hasSize(1);
            });
            sessions.then(j -> {
                // A restart between the decision and the deletion keeps every decision, who made it and where.
                WorkflowRun b = build(j);
                assertThat(record(b).stage().reached(ReviewStage.APPROVAL_DECIDED)).isTrue();
                assertThat(decision(b, "grace.stale").decision()).isEqualTo(Decision.APPROVE);
                assertThat(decision(b, "grace.stale").approverId()).isEqualTo("U0SECLEAD");
                assertThat(decision(b, "grace.stale").channel()).isEqualTo("slack:C0IAMREVIEW");
                assertThat(decision(b, "frank.old").decision()).isEqualTo(Decision.KEEP);
                assertThat(decision(b, "sec.lead").approverId()).isEqualTo("U0OPS");
            });
        } finally {
            if (s != null) {
                s.close();
            }
        }
    }
}
