package io.jenkins.plugins.iamjanitor.plugin.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.iamjanitor.core.review.ReviewRecord;
import io.jenkins.plugins.iamjanitor.plugin.CloudtrailEnrichStep;
import io.jenkins.plugins.iamjanitor.plugin.IamDeleteUserStep;
import io.jenkins.plugins.iamjanitor.plugin.IamJanitorConfiguration;
import io.jenkins.plugins.iamjanitor.plugin.IamListInactiveStep;
import io.jenkins.plugins.iamjanitor.plugin.JiraCreateReviewTicketStep;
import io.jenkins.plugins.iamjanitor.plugin.review.BuildReview;
import hudson.util.FormValidation;
import java.util.List;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.jenkinsci.plugins.structs.describable.DescribableModel;
import org.jenkinsci.plugins.structs.describable.DescribableParameter;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * iamListInactive in a real Pipeline (sandboxed Groovy) against the IAM emulator, configured as an admin would; the
 * review steps in the Snippet Generator and the Steps Reference.
 */
@WithJenkins
class IamListInactiveInJenkinsTest {

    @Test
    void recordsTheReviewOnTheBuildTheScriptUsesThePlainResultAndEveryArgumentHasHelp(JenkinsRule j) throws Exception {
        try (SandboxJenkins s = SandboxJenkins.start(j)) {
            WorkflowJob p = j.createProject(WorkflowJob.class, "scan");
            p.setDefinition(new CpsFlowDefinition("""
                    def r = iamListInactive(days: 21, exemptUsers: ['peggy.*'])
                    echo "review=${r.reviewId} scanned=${r.scanned} flagged=${r.flagged} listed=${r.users.size()}"
                    echo "first=${r.users[0].user} daysInactive=${r.users[0].daysInactive} evidenceAsOf=${r.users[0].evidenceAsOf != null}"
                    """, true));
            WorkflowRun b = j.buildAndAssertSuccess(p);
            ReviewRecord record = b.getAction(BuildReview.class).record();
            int flagged = record.candidates().size();
            assertThat(flagged).isPositive();
            j.assertLogContains("review=jenkins-scan-1 scanned=40 flagged=" + flagged + " listed=" + flagged, b);
            j.assertLogContains("[iam-janitor] " + flagged + " of 40 users are inactive; review jenkins-scan-1"
                    + " recorded on this build", b);
            j.assertLogContains("evidenceAsOf=true", b);
            // The recorded review: what was flagged, with the policy used (the exemption the script asked for).
            assertThat(record.scan().usersScanned()).isEqualTo(40);
            assertThat(record.candidates()).noneMatch(v -> v.user().userName().startsWith("peggy."));
            assertThat(record.notes()).anyMatch(n -> n.contains("exempt users [peggy.*]"));
            assertThat(b.getAction(BuildReview.class).scope().days()).isEqualTo(21);
            j.assertLogNotContains(SandboxJenkins.AWS_SECRET, b);
            // The account's name comes from IAM itself (ListAccountAliases in the scanned account), with the review.
            j.assertLogContains("Account alias (IAM): sandbox", b);
            String label = record.accountId() + " (sandbox)";
            assertThat(b.getAction(BuildReview.class).getAccountLabel()).isEqualTo(label);
            JenkinsRule.WebClient web = j.createWebClient();
            web.getOptions().setJavaScriptEnabled(false);
            HtmlPage reviewPage = web.getPage(b, "iam-review");
            assertThat(reviewPage.getElementById("iam-review-account").getTextContent()).isEqualTo(label);
            // ...and so do the Jira ticket and the Slack message.
            p.setDefinition(new CpsFlowDefinition("""
                    def r = iamListInactive(days: 21)
                    echo "ticket=${jiraCreateReviewTicket(review: r).key}"
                    slackAskApproval(review: r, timeoutMinutes: 60, channels: ['slack'])
                    """, true));
            WorkflowRun named = p.scheduleBuild2(0).waitForStart();
            ApprovalFixture.awaitLog(named, "Asked in Slack");
            String key = named.getAction(BuildReview.class).record().ticket().key();
            assertThat(s.sandbox.jira().issue(key).orElseThrow().summary()).endsWith(label);
            assertThat(s.sandbox.slack().messages()).anySatisfy(m -> assertThat(m.text() + m.blocks())
                    .contains(label));
            if (named.isBuilding()) {
                named.doStop();
            }
            j.waitForCompletion(named);

            // Unreadable (a policy without iam:ListAccountAliases) is a warning, never a failure.
            s.sandbox.iam().state().deny("ListAccountAliases");
            p.setDefinition(new CpsFlowDefinition("iamListInactive(days: 21)", true));
            WorkflowRun denied = j.buildAndAssertSuccess(p);
            j.assertLogContains("Warning: the account alias could not be read (", denied);
            j.assertLogContains("AccessDenied", denied);
            assertThat(denied.getAction(BuildReview.class).getAccountLabel()).isEqualTo(record.accountId());

            // One review per build: a second scan in the same build is refused with one line.
            p.setDefinition(new CpsFlowDefinition("iamListInactive(days: 21)\niamListInactive(days: 30)", true));
            WorkflowRun twice = j.buildAndAssertStatus(hudson.model.Result.FAILURE, p);
            j.assertLogContains("iamListInactive: this build already started review jenkins-scan-4", twice);

            policyFilesGlobalAndJob(j, p, record.candidates().get(0).user().userName());
        }
        // One Jenkins for both (CI budget): the four review steps in the Snippet Generator and the Steps Reference.
        for (Class<?> step : List.of(IamListInactiveStep.class, JiraCreateReviewTicketStep.class,
                CloudtrailEnrichStep.class, IamDeleteUserStep.class)) {
            DescribableModel<?> model = DescribableModel.of(step);
            assertThat(model.getHelp()).as(step.getSimpleName()).isNotBlank();
            for (DescribableParameter arg : model.getParameters()) {
                assertThat(arg.getHelp()).as(step.getSimpleName() + "." + arg.getName()).isNotBlank();
            }
        }
        WorkflowJob snippets = j.createProject(WorkflowJob.class, "snippets");
        JenkinsRule.WebClient wc = j.createWebClient();
        wc.getOptions().setJavaScriptEnabled(false);
        // The Snippet Generator page lists the steps (their forms are loaded by script, absent from the test war);
        // the Steps Reference renders every step's arguments with their help.
        assertThat(wc.getPage(snippets, "pipeline-syntax").getWebResponse().getContentAsString())
                .contains("iamDeleteUser", "Delete the approved users of the build");
        var reference = wc.getPage(snippets, "pipeline-syntax/html").getWebResponse();
        assertThat(reference.getStatusCode()).isEqualTo(200);
        assertThat(reference.getContentAsString()).contains("iamListInactive", "jiraCreateReviewTicket",
                "cloudtrailEnrich", "iamDeleteUser", "Refused. Approvals are recorded by the controller",
                "Narrows the deletion to one approved user", "How many days back to look",
                "Flag users with no sign of life");
    }

    /**
     * The global policy file (text area) and a job's {@code configText:}: a reasoned global exemption spares its
     * user and the review says so; a job may add or tighten but not weaken (one line); an invalid global file is
     * refused by the field check and by saving, with line and column.
     */
    private static void policyFilesGlobalAndJob(JenkinsRule j, WorkflowJob p, String wasFlagged) throws Exception {
        IamJanitorConfiguration config = IamJanitorConfiguration.get();
        String global = "exemptions:\n  users:\n    - glob: \"" + wasFlagged + "*\"\n"
                + "      reason: break-glass account, audited quarterly\n";
        config.setPolicyYaml(global);
        // The job's file raises the threshold and lists no user exemptions: the global one still holds.
        p.setDefinition(new CpsFlowDefinition("""
                def r = iamListInactive(configText: 'thresholdDays: 25\\nexemptions:\\n  users: []\\n', days: 30)
                echo "flagged=${r.flagged}"
                """, true));
        WorkflowRun b = j.buildAndAssertSuccess(p);
        BuildReview review = b.getAction(BuildReview.class);
        assertThat(review.record().candidates()).noneMatch(v -> v.user().userName().equals(wasFlagged));
        assertThat(review.record().scan().exemptUsersWithReasons()).contains(wasFlagged + " (exempt: user name"
                + " matches '" + wasFlagged + "*'; reason: break-glass account, audited quarterly)");
        // What the live re-check before a deletion applies: the effective policy, reasons included.
        assertThat(review.scope().days()).isEqualTo(30);
        assertThat(review.scope().policySettings().exemptions().reasons())
                .containsEntry("user:" + wasFlagged + "*", "break-glass account, audited quarterly");
        j.assertLogContains("exempt: user " + wasFlagged + "* (reason: break-glass account", b);

        // Weakening the global policy (threshold below 21, unknown activity ignored) fails the build in one line.
        p.setDefinition(new CpsFlowDefinition(
                "iamListInactive(configText: 'thresholdDays: 7\\nunknownActivity: ignore\\n')", true));
        WorkflowRun weak = j.buildAndAssertStatus(hudson.model.Result.FAILURE, p);
        j.assertLogContains("iamListInactive: policy refused: 2 problems: config: thresholdDays: 7 would weaken the"
                + " global policy (thresholdDays: 21 in global configuration)", weak);
        j.assertLogContains("config: unknownActivity: ignore would weaken", weak);
        assertThat(weak.getAction(BuildReview.class)).isNull();

        // An invalid global file: the field check lists every error with line and column, and saving refuses it.
        String typo = "thresholdDays: 30\nexemptons:\n  users: [svc-*]\n";
        FormValidation check = config.doCheckPolicyYaml(typo);
        assertThat(check.kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(check.getMessage()).contains("global configuration:2:1");
        JenkinsRule.WebClient wc = j.createWebClient().withThrowExceptionOnFailingStatusCode(false);
        wc.getOptions().setThrowExceptionOnScriptError(false);
        HtmlForm form = wc.goTo("manage/configure").getFormByName("config");
        form.getTextAreaByName("_.policyYaml").setText(typo);
        HtmlPage refused = j.submit(form);
        assertThat(refused.getWebResponse().getStatusCode()).isEqualTo(400);
        assertThat(refused.getWebResponse().getContentAsString()).contains("global configuration:2:1");
        assertThat(IamJanitorConfiguration.get().getPolicyYaml()).isEqualTo(global);
    }
}
