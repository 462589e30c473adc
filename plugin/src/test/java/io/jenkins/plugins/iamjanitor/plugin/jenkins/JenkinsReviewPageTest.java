package io.jenkins.plugins.iamjanitor.plugin.jenkins;

import static io.jenkins.plugins.iamjanitor.plugin.jenkins.ApprovalFixture.await;
import static io.jenkins.plugins.iamjanitor.plugin.jenkins.ApprovalFixture.awaitLog;
import static io.jenkins.plugins.iamjanitor.plugin.jenkins.ApprovalFixture.click;
import static io.jenkins.plugins.iamjanitor.plugin.jenkins.ApprovalFixture.decision;
import static io.jenkins.plugins.iamjanitor.plugin.jenkins.ApprovalFixture.record;
import static io.jenkins.plugins.iamjanitor.plugin.jenkins.ApprovalFixture.reviewMessage;
import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.domains.Domain;
import hudson.model.Item;
import hudson.model.Result;
import hudson.util.Secret;
import io.jenkins.plugins.iamjanitor.core.approval.Decision;
import io.jenkins.plugins.iamjanitor.plugin.ApprovalWaits;
import io.jenkins.plugins.iamjanitor.plugin.IamJanitorConfiguration;
import io.jenkins.plugins.iamjanitor.sandbox.slack.SlackEmulator;
import java.net.URL;
import jenkins.model.Jenkins;
import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.WebRequest;
import org.htmlunit.html.HtmlButton;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The build's IAM review page and Slack (over Socket Mode) deciding on one review together; abort; Jenkins alone. */
@WithJenkins
class JenkinsReviewPageTest {

    private static void security(JenkinsRule j) {
        JenkinsRule.DummySecurityRealm realm = j.createDummySecurityRealm();
        realm.addGroups("carol", "iam-approvers");
        j.jenkins.setSecurityRealm(realm);
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ, Item.READ).everywhere().toAuthenticated());
    }

    /** POSTs a decision with a valid crumb as that Jenkins user; returns the HTTP status. */
    private static int decide(JenkinsRule j, WorkflowRun b, String as, String user, String decision)
            throws Exception {
        JenkinsRule.WebClient wc = j.createWebClient().withJavaScriptEnabled(false)
                .withThrowExceptionOnFailingStatusCode(false);
        wc.login(as);
        WebRequest req = new WebRequest(new URL(j.getURL(), b.getUrl() + "iam-review/decide?user=" + user
                + "&decision=" + decision), HttpMethod.POST);
        wc.addCrumb(req);
        Page page = wc.getPage(req);
        return page.getWebResponse().getStatusCode();
    }

    @Test
    void jenkinsPageAndSlackSocketModeDecideTogether(JenkinsRule j) throws Exception {
        try (SandboxJenkins s = SandboxJenkins.start(j, ApprovalFixture.scenario())) {
            security(j);
            SlackEmulator slack = s.sandbox.slack();
            CredentialsProvider.lookupStores(j.jenkins).iterator().next().addCredentials(Domain.global(),
                    new StringCredentialsImpl(CredentialsScope.GLOBAL, "slack-app", "Slack app",
                            Secret.fromString("xapp-sandbox-app-token")));
            IamJanitorConfiguration c = IamJanitorConfiguration.get();
            c.setSlackApprovers("U0SECLEAD U0OPS");
            c.setJenkinsApprovers("iam-approvers, sec.lead");
            c.setSlackAppTokenCredentialsId("slack-app");
            await("a Socket Mode connection", () -> slack.openSockets() > 0);
            WorkflowJob p = j.createProject(WorkflowJob.class, "both");
            p.setDefinition(new CpsFlowDefinition("""
                    def a = slackAskApproval(review: iamListInactive(days: 21))
                    echo "RESULT approved=${a.approved.sort()} kept=${a.kept} undecided=${a.undecided}"
                    """, true));
            WorkflowRun b = p.scheduleBuild2(0).waitForStart();
            awaitLog(b, "Asked in Slack");

            // The page lists the flagged users with their evidence and buttons for an approver.
            JenkinsRule.WebClient wc = j.createWebClient().withJavaScriptEnabled(false);
            wc.login("carol");
            HtmlPage page = wc.getPage(b, "iam-review");
            // The scan names keys by the credential report's slot; their ids are read later, at the CloudTrail stage.
            assertThat(page.getHtmlElementById("iam-review").asNormalizedText()).contains("grace.stale",
                    "access key 1: last used s3", "frank.old", "sec.lead").doesNotContain("alice.active");
            // The overview above it lists every scanned user, the active ones too, while people decide.
            assertThat(page.getElementById("iam-overview-alice.active")).isNotNull();
            // Not an approver: 403. An approver about their own IAM user (Jenkins id = IAM user name): 403.
            assertThat(decide(j, b, "mallory", "grace.stale", "APPROVE")).isEqualTo(403);
            assertThat(decide(j, b, "sec.lead", "sec.lead", "APPROVE")).isEqualTo(403);
            assertThat(record(b).approval()).isNull();

            HtmlForm form = page.getFormByName("decide-grace.stale");
            HtmlButton approve = (HtmlButton) form.getElementsByAttribute("button", "value", "APPROVE").get(0);
            approve.click();
            await("carol's approval", () -> decision(b, "grace.stale") != null);
            assertThat(decision(b, "grace.stale").approverId()).isEqualTo("carol");
            assertThat(decision(b, "grace.stale").channel()).isEqualTo("jenkins");
            // ...shows in Slack, and a later Slack click on the same user changes nothing: the first one stands.
            await("the Slack message showing carol", () -> slack.message(reviewMessage(slack)).blocks().toString()
                    .contains("carol"));
            slack.clicks().viaSocket("U0OPS", reviewMessage(slack), "iamj:approve:grace.stale");
            slack.clicks().viaSocket("U0OPS", reviewMessage(slack), "iamj:keep:frank.old");
            await("frank.old kept in Slack", () -> decision(b, "frank.old") != null);
            assertThat(decision(b, "frank.old").channel()).isEqualTo("slack:C0IAMREVIEW");
            assertThat(decision(b, "grace.stale").approverId()).isEqualTo("carol");
            // A Slack decision shows on the page: frank.old has no buttons any more.
            assertThat(wc.getPage(b, "iam-review").getForms()).extracting(HtmlForm::getNameAttribute)
                    .filteredOn(n -> n.startsWith("decide-")).containsExactly("decide-sec.lead");

            assertThat(decide(j, b, "carol", "sec.lead", "KEEP")).isEqualTo(200);
            j.assertBuildStatusSuccess(j.waitForCompletion(b));
            j.assertLogContains("RESULT approved=[grace.stale] kept=[frank.old, sec.lead] undecided=[]", b);
            assertThat(decision(b, "sec.lead").decision()).isEqualTo(Decision.KEEP);
            assertThat(decide(j, b, "carol", "grace.stale", "KEEP")).isEqualTo(409);

            ApprovalWaits.shutdown(); // what @Terminator runs at shutdown
            await("the Socket Mode connection closed", () -> slack.openSockets() == 0);
        }
    }

    @Test
    void abortingWhileWaitingEndsTheStepAndClosesTheSlackMessage(JenkinsRule j) throws Exception {
        try (SandboxJenkins s = SandboxJenkins.start(j, ApprovalFixture.scenario())) {
            SlackEmulator slack = s.sandbox.slack();
            WorkflowJob p = j.createProject(WorkflowJob.class, "abort");
            p.setDefinition(new CpsFlowDefinition("slackAskApproval(review: iamListInactive(days: 21))", true));
            WorkflowRun b = p.scheduleBuild2(0).waitForStart();
            awaitLog(b, "Asked in Slack");
            assertThat(click(s, "U0SECLEAD", "iamj:approve:grace.stale")).isEqualTo(200);
            await("grace.stale approved", () -> decision(b, "grace.stale") != null);

            b.getExecutor().interrupt();
            j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(b));
            await("the Slack message closed", () -> slack.message(reviewMessage(slack)).blocks().toString()
                    .contains("timed out"));
            assertThat(record(b).approval().timedOut()).isTrue();
            assertThat(decision(b, "grace.stale").decision()).isEqualTo(Decision.APPROVE);
            assertThat(record(b).notes()).anyMatch(n -> n.startsWith("approval stopped"));
            // A late click is refused by the closed review and changes nothing.
            click(s, "U0SECLEAD", "iamj:approve:frank.old");
            await("the late click refused", () -> slack.ephemerals().stream()
                    .anyMatch(e -> e.user().equals("U0SECLEAD")));
            assertThat(decision(b, "frank.old")).isNull();
        }
    }

    @Test
    void withoutSlackTheJenkinsPageAloneDecidesAndApproversAreNeverWidened(JenkinsRule j) throws Exception {
        try (SandboxJenkins s = SandboxJenkins.start(j, ApprovalFixture.scenario())) {
            security(j);
            IamJanitorConfiguration c = IamJanitorConfiguration.get();
            c.setSlackBotTokenCredentialsId(null);
            c.setSlackApprovers(null);
            WorkflowJob p = j.createProject(WorkflowJob.class, "jenkins-only");
            p.setDefinition(new CpsFlowDefinition("slackAskApproval(review: iamListInactive(days: 21))", true));
            WorkflowRun none = j.buildAndAssertStatus(Result.FAILURE, p);
            j.assertLogContains("slackAskApproval: invalid argument 'approvers': nobody can approve: configure "
                    + "approvers in Manage Jenkins » System » IAM Janitor", none);

            c.setJenkinsApprovers("carol");
            p.setDefinition(new CpsFlowDefinition("""
                    def r = iamListInactive(days: 21)
                    try { slackAskApproval(review: r, jenkinsApprovers: ['carol', 'mallory']) } catch (e) { echo "REFUSED ${e.message}" }
                    try { slackAskApproval(review: r, channels: ['slack']) } catch (e) { echo "REFUSED ${e.message}" }
                    def a = slackAskApproval(review: r, jenkinsApprovers: ['carol'])
                    echo "RESULT approved=${a.approved.sort()} kept=${a.kept} timedOut=${a.timedOut}"
                    """, true));
            WorkflowRun b = p.scheduleBuild2(0).waitForStart();
            awaitLog(b, "Asking for approval of 3 user(s)");
            j.assertLogContains("REFUSED slackAskApproval: invalid argument 'jenkinsApprovers': mallory is not a "
                    + "configured approver", b);
            j.assertLogContains("REFUSED slackAskApproval: invalid argument 'channels': Slack is not configured", b);
            assertThat(decide(j, b, "carol", "grace.stale", "APPROVE")).isEqualTo(200);
            assertThat(decide(j, b, "carol", "frank.old", "APPROVE")).isEqualTo(200);
            assertThat(decide(j, b, "mallory", "sec.lead", "APPROVE")).isEqualTo(403);
            assertThat(decide(j, b, "carol", "sec.lead", "KEEP")).isEqualTo(200);
            j.assertBuildStatusSuccess(j.waitForCompletion(b));
            j.assertLogContains("RESULT approved=[frank.old, grace.stale] kept=[sec.lead] timedOut=false", b);
            assertThat(s.sandbox.slack().messages()).isEmpty();
        }
    }
}
