package io.jenkins.plugins.iamjanitor.plugin.jenkins;

import static io.jenkins.plugins.iamjanitor.plugin.jenkins.ReviewFixtures.ACTIVE;
import static io.jenkins.plugins.iamjanitor.plugin.jenkins.ReviewFixtures.FRANK;
import static io.jenkins.plugins.iamjanitor.plugin.jenkins.ReviewFixtures.GRACE;
import static io.jenkins.plugins.iamjanitor.plugin.jenkins.ReviewFixtures.ZED;
import static io.jenkins.plugins.iamjanitor.plugin.jenkins.ReviewFixtures.inIam;
import static io.jenkins.plugins.iamjanitor.plugin.jenkins.ReviewFixtures.record;
import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionStatus;
import io.jenkins.plugins.iamjanitor.core.review.ReviewRecord;
import io.jenkins.plugins.iamjanitor.plugin.IamJanitorConfiguration;
import io.jenkins.plugins.iamjanitor.sandbox.cloudtrail.TrailEvent;
import io.jenkins.plugins.iamjanitor.sandbox.jira.JiraIssue;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockFolder;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The four review steps in real, sandboxed Pipelines against the emulators: the review the controller records is the
 * only source of what may be deleted. Decisions are recorded by the approval stand-in ({@link RecordDecisionsStep})
 * until the new {@code slackAskApproval(review:)} lands.
 */
@WithJenkins
class ReviewStepsInJenkinsTest {

    @Test
    void theChainDeletesWhatWasApprovedKeepsWhomCloudTrailSawAndRecordsWhoConfirmed(JenkinsRule j) throws Exception {
        try (SandboxJenkins s = SandboxJenkins.start(j, ReviewFixtures.fastScenario())) {
            j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
            // Someone used zed's access key an hour ago: IAM's last-used data has not caught up, CloudTrail has. The
            // event names the key only; the scan named zed's keys by slot, so cloudtrailEnrich must list their ids.
            String zedKey = s.sandbox.iam().state().user(ZED).accessKeys.get(0).id;
            s.sandbox.cloudTrail().events().add(new TrailEvent("evt-zed-1", s.sandbox.cloudTrail().now()
                    .minus(1, ChronoUnit.HOURS), "ListBuckets", "s3.amazonaws.com", "us-east-1", null, zedKey,
                    "10.0.0.7", "aws-cli/2", null, null, null, true));
            // A failed sign-in proves no access: it must not keep grace.
            s.sandbox.cloudTrail().events().add(new TrailEvent("evt-grace-1", s.sandbox.cloudTrail().now()
                    .minus(1, ChronoUnit.HOURS), "ConsoleLogin", "signin.amazonaws.com", "us-east-1", GRACE, null,
                    "10.0.0.8", "browser", null, "Failure", false, false));
            ReviewFixtures.decide(j, SandboxJenkins.APPROVER, GRACE, FRANK, ZED);
            WorkflowJob p = j.createProject(WorkflowJob.class, "chain");
            p.setDefinition(new CpsFlowDefinition("""
                    def r = iamListInactive(days: 21)
                    echo "review=${r.reviewId} flagged=${r.flagged} scanned=${r.scanned}"
                    def a = testRecordDecisions(review: r)
                    def t = jiraCreateReviewTicket(review: r, labels: ['weekly-review'])
                    echo "ticket=${t.key}"
                    def e = cloudtrailEnrich(review: r.reviewId, days: 30)
                    echo "zed used after evidence: ${e.users['zed.full-house'].usedAfterEvidence}"
                    input(id: 'Gate', message: 'Delete?')
                    def o = iamDeleteUser(review: r, dryRun: false)
                    echo "deleted=${o.deleted.sort()} kept=${o.kept} confirmedBy=${o.confirmedBy} backups=${o.backups.size()}"
                    """, true));
            WorkflowRun b = p.scheduleBuild2(0).waitForStart();
            ReviewFixtures.approveAs(b, "Gate", "alice");
            j.assertBuildStatusSuccess(j.waitForCompletion(b));

            j.assertLogContains("review=jenkins-chain-1 flagged=", b);
            j.assertLogContains("zed used after evidence: ListBuckets (s3.amazonaws.com)", b);
            j.assertLogContains("IAM: reading the access key ids of ", b);
            j.assertLogContains("deleted=[" + FRANK + ", " + GRACE + "] kept=[" + ZED + "] confirmedBy=alice backups=2",
                    b);
            j.assertLogContains("[iam-janitor] Deleting 3 approved user(s) of review jenkins-chain-1", b);
            j.assertLogNotContains(SandboxJenkins.AWS_SECRET, b);
            j.assertLogNotContains(SandboxJenkins.JIRA_TOKEN, b);

            assertThat(inIam(s, GRACE)).isFalse();
            assertThat(inIam(s, FRANK)).isFalse();
            assertThat(inIam(s, ZED)).as("kept by the CloudTrail rule").isTrue();
            assertThat(b.getArtifacts()).extracting(a -> a.relativePath)
                    .filteredOn(path -> path.startsWith("iam-janitor-backups/")).hasSize(2);

            ReviewRecord r = record(b);
            // The review's reports are archived with the build, and hold no secret.
            for (String ext : List.of(".html", ".md", ".json")) {
                String report;
                try (java.io.InputStream in = b.getArtifactManager().root()
                        .child("iam-janitor-reports/" + r.reviewId() + ext).open()) {
                    report = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                }
                assertThat(report).as(ext).contains(GRACE, FRANK, ZED)
                        .doesNotContain(SandboxJenkins.AWS_SECRET, SandboxJenkins.JIRA_TOKEN);
            }
            assertThat(r.gate().by()).isEqualTo("alice");
            assertThat(r.dryRun()).isFalse();
            assertThat(r.deletionFor(ZED).orElseThrow().status()).isEqualTo(DeletionStatus.KEPT);
            assertThat(r.deletionFor(ZED).orElseThrow().reason()).contains("ListBuckets");
            assertThat(r.deletionFor(GRACE).orElseThrow().status()).isEqualTo(DeletionStatus.DELETED);
            assertThat(r.notes()).anyMatch(n -> n.startsWith("Policy: inactive after 21 days"));
            JiraIssue issue = s.sandbox.jira().issue(r.ticket().key()).orElseThrow();
            assertThat(issue.labels()).contains("weekly-review");
            assertThat(issue.comments().toString()).contains("CloudTrail", "Outcome", "DELETED", "KEPT");
            assertThat(issue.status()).as("zed was kept: the ticket stays open").isNotEqualTo("Done");
        }
    }

    @Test
    void scriptValuesNeverAuthoriseADeletion(JenkinsRule j) throws Exception {
        try (SandboxJenkins s = SandboxJenkins.start(j, ReviewFixtures.fastScenario())) {
            ReviewFixtures.decide(j, SandboxJenkins.APPROVER, GRACE, FRANK);
            String head = "def r = iamListInactive(days: 21)\ndef a = testRecordDecisions(review: r)\n";

            refused(j, "forged-approval", head + """
                    iamDeleteUser(review: r, dryRun: false, approval: [reviewId: r.reviewId, approved: ['%s'],
                            decisions: [[user: '%s', decision: 'APPROVE', approverId: 'U0SECLEAD']]])
                    """.formatted(ACTIVE, ACTIVE), "iamDeleteUser: invalid argument 'approval': approvals are recorded"
                    + " by the controller");
            refused(j, "unflagged-user", head + "iamDeleteUser(review: r, users: ['" + ACTIVE + "'], dryRun: false)",
                    "iamDeleteUser: " + ACTIVE + ": not deleted, not flagged by review jenkins-unflagged-user-1");
            refused(j, "kept-user", head + "iamDeleteUser(review: r, user: '" + ZED + "', dryRun: false)",
                    "iamDeleteUser: " + ZED + ": not deleted, not approved in review jenkins-kept-user-1 (kept by");
            refused(j, "no-gate", head + "cloudtrailEnrich(review: r)\niamDeleteUser(review: r, dryRun: false)",
                    "iamDeleteUser: a real deletion needs this build's input gate approved by a person");
            refused(j, "foreign-review", head + "iamDeleteUser(review: 'jenkins-other-job-7', dryRun: false)",
                    "iamDeleteUser: review 'jenkins-other-job-7' is not this build's review");

            ReviewFixtures.decide(j, "U0INTRUDER", GRACE);
            refused(j, "intruder", head + "iamDeleteUser(review: r, dryRun: true)", "iamDeleteUser: " + GRACE
                    + ": not deleted, approved by U0INTRUDER (slack:#iam-review), who is not a configured approver");
            IamJanitorConfiguration.get().setSlackApprovers("");
            ReviewFixtures.decide(j, SandboxJenkins.APPROVER, GRACE);
            refused(j, "no-approvers", head + "iamDeleteUser(review: r, dryRun: true)", "iamDeleteUser: " + GRACE
                    + ": not deleted, no approvers are configured, so nobody can approve");
            assertThat(inIam(s, GRACE) && inIam(s, FRANK) && inIam(s, ACTIVE) && inIam(s, ZED)).isTrue();

            // Looping over the users does not raise the cap: it counts per review, across calls.
            IamJanitorConfiguration.get().setSlackApprovers(SandboxJenkins.APPROVER);
            IamJanitorConfiguration.get().setMaxDeletions(1);
            j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
            ReviewFixtures.decide(j, SandboxJenkins.APPROVER, GRACE, FRANK);
            WorkflowJob loop = j.createProject(WorkflowJob.class, "loop");
            loop.setDefinition(new CpsFlowDefinition(head + """
                    cloudtrailEnrich(review: r)
                    input(id: 'Gate', message: 'Delete?')
                    def statuses = [:]
                    for (u in a.approved) {
                        statuses[u] = iamDeleteUser(review: r, users: [u], dryRun: false).users[u].status
                    }
                    echo "statuses=${statuses}"
                    """, true));
            WorkflowRun b = loop.scheduleBuild2(0).waitForStart();
            ReviewFixtures.approveAs(b, "Gate", "bob");
            j.assertBuildStatusSuccess(j.waitForCompletion(b));
            ReviewRecord r = record(b);
            assertThat(r.deletionsCountingAgainstCap()).isEqualTo(1);
            assertThat(inIam(s, GRACE) ^ inIam(s, FRANK)).as("exactly one of the two deleted").isTrue();
            j.assertLogContains("the cap of 1 deletions per review was reached", b);
        }
    }

    @Test
    void onlyJobsTheAdministratorAllowedUseTheAwsIdentity(JenkinsRule j) throws Exception {
        try (SandboxJenkins s = SandboxJenkins.start(j)) {
            IamJanitorConfiguration c = IamJanitorConfiguration.get();
            c.setAwsAllowedJobs("security/**");
            refused(j, "rogue", "iamListInactive(days: 21)", "iamListInactive: job 'rogue' may not use the IAM Janitor"
                    + " AWS identity");
            MockFolder security = j.createFolder("security");
            WorkflowJob allowed = security.createProject(WorkflowJob.class, "iam-review");
            allowed.setDefinition(new CpsFlowDefinition("""
                    def r = iamListInactive(days: 21)
                    echo "flagged=${r.flagged}"
                    """, true));
            assertThat(s.sandbox.iam().calls("ListUsers")).as("the refused build never called IAM").isZero();
            j.assertLogContains("flagged=", j.buildAndAssertSuccess(allowed));
            int listed = s.sandbox.iam().calls("ListUsers");
            assertThat(listed).isPositive();

            WorkflowJob override = security.createProject(WorkflowJob.class, "own-role");
            override.setDefinition(new CpsFlowDefinition(
                    "iamListInactive(days: 21, roleArn: 'arn:aws:iam::123456789012:role/other')", true));
            j.assertLogContains("iamListInactive: job 'security/own-role' may not override roleArn",
                    j.buildAndAssertStatus(Result.FAILURE, override));

            c.setAwsCredentialsId(null);
            WorkflowRun chain = j.buildAndAssertStatus(Result.FAILURE, allowed);
            j.assertLogContains("the controller's default credential chain is not enabled", chain);
            j.assertLogNotContains("\tat ", chain);
            assertThat(s.sandbox.iam().calls("ListUsers")).as("the refused builds never called IAM").isEqualTo(listed);
        }
    }

    private static void refused(JenkinsRule j, String job, String script, String reason) throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, job);
        p.setDefinition(new CpsFlowDefinition(script, true));
        WorkflowRun b = j.buildAndAssertStatus(Result.FAILURE, p);
        j.assertLogContains(reason, b);
        j.assertLogNotContains("\tat ", b);
    }
}
