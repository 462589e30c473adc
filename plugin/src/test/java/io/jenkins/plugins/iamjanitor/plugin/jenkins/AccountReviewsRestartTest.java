package io.jenkins.plugins.iamjanitor.plugin.jenkins;

import static io.jenkins.plugins.iamjanitor.plugin.jenkins.ApprovalFixture.awaitLog;
import static io.jenkins.plugins.iamjanitor.plugin.jenkins.ApprovalFixture.callback;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.iamjanitor.core.approval.Decision;
import io.jenkins.plugins.iamjanitor.core.review.ReviewRecord;
import io.jenkins.plugins.iamjanitor.plugin.IamJanitorConfiguration;
import io.jenkins.plugins.iamjanitor.plugin.review.BuildReview;
import io.jenkins.plugins.iamjanitor.sandbox.org.OrgScenario;
import io.jenkins.plugins.iamjanitor.sandbox.org.OrganizationSandbox;
import io.jenkins.plugins.iamjanitor.sandbox.slack.SlackEmulator;
import io.jenkins.plugins.iamjanitor.sandbox.slack.SlackRecords;
import java.util.List;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

/**
 * Two per-account reviews in one build, both waiting in slackAskApproval across a controller restart: both reviews
 * come back with the build, and a click on each account's message reaches that account's review only.
 */
class AccountReviewsRestartTest {
    private static final String ONE = "200000000001";
    private static final String TWO = "200000000002";

    @RegisterExtension
    private final JenkinsSessionExtension sessions = new JenkinsSessionExtension();
    private SandboxJenkins s;
    private OrganizationSandbox org;

    private static WorkflowRun build(JenkinsRule j) {
        return j.jenkins.getItemByFullName("accounts", WorkflowJob.class).getBuildByNumber(1);
    }

    @Test
    void everyAccountReviewOfABuildSurvivesARestartAndClicksReachTheirOwnReview() throws Throwable {
        try {
            sessions.then(j -> {
                org = OrgScenario.of(OrganizationJenkinsfileTest.organization(List.of(ONE, TWO))).start();
                s = SandboxJenkins.start(j, OrganizationJenkinsfileTest.slackJiraCloudTrail());
                IamJanitorConfiguration c = IamJanitorConfiguration.get();
                c.setAwsEndpointUrl(org.iamEndpoint().toString());
                c.setAwsRoleOverrideJobs("accounts");
                WorkflowJob p = j.createProject(WorkflowJob.class, "accounts");
                p.setDefinition(new CpsFlowDefinition("""
                        def role = { id -> "arn:aws:iam::${id}:role/IamJanitorMemberRole".toString() }
                        def one = iamListInactive(days: 21, roleArn: role('%s'))
                        def two = iamListInactive(days: 21, roleArn: role('%s'))
                        try { iamListInactive(days: 21, roleArn: role('%s')) } catch (e) { echo "AGAIN ${e.message}" }
                        try { cloudtrailEnrich() } catch (e) { echo "NO-ID ${e.message}" }
                        parallel one: {
                            echo "ONE approved=${slackAskApproval(review: one, timeoutMinutes: 120).approved}"
                        }, two: {
                            echo "TWO approved=${slackAskApproval(review: two, timeoutMinutes: 120).approved}"
                        }
                        """.formatted(ONE, TWO, ONE), true));
                WorkflowRun b = p.scheduleBuild2(0).waitForStart();
                awaitLog(b, "AGAIN ");
                j.assertLogContains("AGAIN iamListInactive: this build already started review jenkins-accounts-1-"
                        + ONE + " of account " + ONE + "; one review per account and build", b);
                awaitLog(b, "NO-ID ");
                j.assertLogContains("NO-ID cloudtrailEnrich: this build runs 2 reviews; pass review: the result of"
                        + " iamListInactive", b);
                ApprovalFixture.await("both reviews posted", () -> s.sandbox.slack().messages().size() == 2);
            });
            sessions.then(j -> {
                WorkflowRun b = build(j);
                assertThat(BuildReview.all(b)).extracting(BuildReview::getReviewId).containsExactly(
                        "jenkins-accounts-1-" + ONE, "jenkins-accounts-1-" + TWO);
                ApprovalFixture.await("both waits resumed", () -> {
                    try {
                        return JenkinsRule.getLog(b).split("Resumed waiting for approval", -1).length == 3;
                    } catch (java.io.IOException e) {
                        return false;
                    }
                });
                // Account one approves old.contractor, account two old.keys: the same names, different reviews.
                click(j, ONE, "iamj:approve:old.contractor");
                click(j, ONE, "iamj:keep:old.keys");
                click(j, TWO, "iamj:keep:old.contractor");
                click(j, TWO, "iamj:approve:old.keys");
                j.assertBuildStatusSuccess(j.waitForCompletion(b));
                j.assertLogContains("ONE approved=[old.contractor]", b);
                j.assertLogContains("TWO approved=[old.keys]", b);
                ReviewRecord one = BuildReview.require(b, "jenkins-accounts-1-" + ONE).record();
                ReviewRecord two = BuildReview.require(b, "jenkins-accounts-1-" + TWO).record();
                assertThat(one.decisionFor("old.contractor").orElseThrow().decision()).isEqualTo(Decision.APPROVE);
                assertThat(one.decisionFor("old.keys").orElseThrow().decision()).isEqualTo(Decision.KEEP);
                assertThat(two.decisionFor("old.contractor").orElseThrow().decision()).isEqualTo(Decision.KEEP);
                assertThat(two.decisionFor("old.keys").orElseThrow().decision()).isEqualTo(Decision.APPROVE);
            });
        } finally {
            if (s != null) {
                s.close();
            }
            if (org != null) {
                org.close();
            }
        }
    }

    /** Clicks the button of that account's review message (found by the review id the button carries). */
    private void click(JenkinsRule j, String account, String action) throws Exception {
        SlackEmulator slack = s.sandbox.slack();
        ObjectMapper json = new ObjectMapper();
        for (SlackRecords.Message m : slack.messages()) {
            for (SlackRecords.Button button : SlackRecords.buttons(m.original())) {
                if (json.readTree(button.value()).path("r").asText().endsWith("-" + account)) {
                    assertThat(slack.clicks().viaHttp(callback(j), SandboxJenkins.APPROVER, m.ts(), action)
                            .httpStatus()).as(account + " " + action).isEqualTo(200);
                    return;
                }
            }
        }
        throw new AssertionError("no review message of account " + account);
    }
}
