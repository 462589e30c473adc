package io.jenkins.plugins.iamjanitor.plugin.jenkins;

import static io.jenkins.plugins.iamjanitor.plugin.jenkins.ReviewFixtures.CONTRACTOR;
import static io.jenkins.plugins.iamjanitor.plugin.jenkins.ReviewFixtures.FRANK;
import static io.jenkins.plugins.iamjanitor.plugin.jenkins.ReviewFixtures.GRACE;
import static io.jenkins.plugins.iamjanitor.plugin.jenkins.ReviewFixtures.ZED;
import static io.jenkins.plugins.iamjanitor.plugin.jenkins.ReviewFixtures.inIam;
import static io.jenkins.plugins.iamjanitor.plugin.jenkins.ReviewFixtures.record;
import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.BooleanParameterDefinition;
import hudson.model.BooleanParameterValue;
import hudson.model.Item;
import hudson.model.ParametersAction;
import hudson.model.ParametersDefinitionProperty;
import hudson.model.StringParameterDefinition;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionStatus;
import io.jenkins.plugins.iamjanitor.core.review.ReviewRecord;
import io.jenkins.plugins.iamjanitor.sandbox.jira.JiraIssue;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jenkins.model.Jenkins;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebRequest;
import org.htmlunit.util.NameValuePair;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The repository's own {@code Jenkinsfile} (Declarative), run as written against the sandbox, with one substitution
 * until the new {@code slackAskApproval(review:)} lands: the approval stage calls the test's stand-in, which records
 * the decisions in the build's review where the approval step will. The input gate is submitted over HTTP by a member
 * of {@code iam-admins}.
 */
@WithJenkins
class SampleJenkinsfileTest {

    @Test
    void theSampleDeletesApprovedUsersAfterTheGateAndNothingInADryRun(JenkinsRule j) throws Exception {
        try (SandboxJenkins s = SandboxJenkins.start(j, ReviewFixtures.fastScenario())) {
            JenkinsRule.DummySecurityRealm realm = j.createDummySecurityRealm();
            realm.addGroups("alice", "iam-admins");
            j.jenkins.setSecurityRealm(realm);
            j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                    .grant(Jenkins.ADMINISTER).everywhere().to("admin")
                    .grant(Jenkins.READ, Item.READ).everywhere().to("alice", "mallory"));
            String sample = Files.readString(Path.of("..", "Jenkinsfile"))
                    .replace("slackAskApproval(", "testRecordDecisions(");
            WorkflowJob p = j.createProject(WorkflowJob.class, "iam-review");
            p.addProperty(new ParametersDefinitionProperty(new StringParameterDefinition("DAYS", "21"),
                    new BooleanParameterDefinition("DRY_RUN", true, "")));
            p.setDefinition(new CpsFlowDefinition(sample, true));

            // Production: DRY_RUN unchecked; the gate confirms, the approved users go, the ticket is closed.
            ReviewFixtures.decide(j, SandboxJenkins.APPROVER, GRACE, FRANK, CONTRACTOR);
            WorkflowRun b = p.scheduleBuild2(0, new ParametersAction(new BooleanParameterValue("DRY_RUN", false)))
                    .waitForStart();
            submitGate(j, b, "mallory", true, false);
            submitGate(j, b, "alice", true, true);
            j.assertBuildStatusSuccess(j.waitForCompletion(b));
            for (String user : List.of(GRACE, FRANK, CONTRACTOR)) {
                assertThat(inIam(s, user)).as(user).isFalse();
            }
            assertThat(b.getArtifacts()).hasSize(3)
                    .allMatch(a -> a.relativePath.startsWith("iam-janitor-backups/"));
            ReviewRecord r = record(b);
            assertThat(r.gate().by()).isEqualTo("alice");
            assertThat(r.deletions()).extracting(d -> d.status()).containsOnly(DeletionStatus.DELETED);
            JiraIssue issue = s.sandbox.jira().issue(r.ticket().key()).orElseThrow();
            assertThat(issue.comments().toString()).contains("Outcome", "DELETED", GRACE);
            assertThat(issue.status()).isEqualTo("Done");
            j.assertLogContains("Confirmed by alice; delete for real: true", b);
            j.assertLogContains("(executed, confirmed by alice): deleted [", b);
            j.assertLogContains("3 backup(s) archived", b);
            j.assertLogNotContains(SandboxJenkins.AWS_SECRET, b);

            // Trial: DRY_RUN checked and the gate keeps it; the approved users are planned, nothing is deleted.
            ReviewFixtures.decide(j, SandboxJenkins.APPROVER, ZED);
            WorkflowRun dry = p.scheduleBuild2(0, new ParametersAction(new BooleanParameterValue("DRY_RUN", true)))
                    .waitForStart();
            submitGate(j, dry, "alice", false, true);
            j.assertBuildStatusSuccess(j.waitForCompletion(dry));
            assertThat(inIam(s, ZED)).isTrue();
            ReviewRecord trial = record(dry);
            assertThat(trial.dryRun()).isTrue();
            assertThat(trial.deletionFor(ZED).orElseThrow().status()).isEqualTo(DeletionStatus.PLANNED);
            j.assertLogContains("(dry run, confirmed by alice): deleted [], planned [" + ZED + "]", dry);
            assertThat(s.sandbox.jira().issue(trial.ticket().key()).orElseThrow().status()).isNotEqualTo("Done");
        }
    }

    /** Submits the input form's proceed as that user over HTTP, as the input page does. */
    private static void submitGate(JenkinsRule j, WorkflowRun b, String user, boolean delete, boolean allowed)
            throws Exception {
        ReviewFixtures.waitForInput(b, "ConfirmIamDeletion");
        // The test war has no JavaScript bundles (no login page, no form script): a plain POST of what the input page's
        // form sends, authenticated with the user's API token (which Jenkins exempts from crumbs).
        JenkinsRule.WebClient wc = j.createWebClient().withBasicApiToken(user);
        wc.getOptions().setJavaScriptEnabled(false);
        wc.setThrowExceptionOnFailingStatusCode(false);
        WebRequest req = new WebRequest(new URL(j.getURL(), b.getUrl() + "input/ConfirmIamDeletion/proceed"),
                HttpMethod.POST);
        req.setRequestParameters(List.of(new NameValuePair("json",
                "{\"parameter\":[{\"name\":\"DELETE\",\"value\":" + delete + "}]}")));
        int status = wc.getPage(req).getWebResponse().getStatusCode();
        if (allowed) {
            assertThat(status).as(user + " submits the gate").isLessThan(400);
        } else {
            assertThat(status).as(user + " is not in iam-admins").isGreaterThanOrEqualTo(400);
            assertThat(b.isBuilding()).isTrue();
        }
    }
}
