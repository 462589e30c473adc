package io.jenkins.plugins.iamjanitor.plugin.jenkins;

import static io.jenkins.plugins.iamjanitor.plugin.jenkins.ApprovalFixture.awaitLog;
import static io.jenkins.plugins.iamjanitor.plugin.jenkins.ApprovalFixture.click;
import static io.jenkins.plugins.iamjanitor.plugin.jenkins.ApprovalFixture.record;
import static io.jenkins.plugins.iamjanitor.plugin.jenkins.ReviewFixtures.inIam;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import hudson.model.Result;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionStatus;
import io.jenkins.plugins.iamjanitor.core.review.ReviewRecord;
import io.jenkins.plugins.iamjanitor.plugin.IamJanitorConfiguration;
import io.jenkins.plugins.iamjanitor.plugin.IamJanitorStep;
import io.jenkins.plugins.iamjanitor.plugin.review.BuildReview;
import io.jenkins.plugins.iamjanitor.sandbox.Scenario;
import io.jenkins.plugins.iamjanitor.sandbox.jira.JiraIssue;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.jenkinsci.plugins.structs.describable.DescribableModel;
import org.jenkinsci.plugins.structs.describable.DescribableParameter;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The job's policy file in the workspace ({@code iamListInactive(config: 'iam-janitor.yml')}, the {@code iamJanitor}
 * block) driving a whole review on the emulators: threshold, a reasoned exemption, the cap, the Slack channel and the
 * Jira project all come from the file, recorded with the review and used by the later steps.
 */
@WithJenkins
class PolicyFileInJenkinsTest {
    static final String FILE = """
            thresholdDays: 30
            maxDeletions: 1
            exemptions:
              users:
                - glob: "sec.*"
                  reason: security team, reviewed by hand
            slack:
              channel: "#iam-policy"
            jira:
              project: OPS
            """;

    /** The approval scenario with a second channel and a second Jira project for the file to choose. */
    static Scenario scenario() throws Exception {
        ObjectNode root;
        try (InputStream in = ApprovalFixture.class.getResourceAsStream("approval-scenario.json")) {
            root = (ObjectNode) new ObjectMapper().readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        ((ArrayNode) root.path("slack").path("channels")).addObject().put("id", "C0POLICY").put("name",
                "iam-policy");
        ArrayNode projects = root.putObject("jira").putArray("projects");
        projects.addObject().put("key", "SEC").putArray("issueTypes").add("Task");
        projects.addObject().put("key", "OPS").putArray("issueTypes").add("Task");
        return Scenario.parse("policy file test", root.toString());
    }

    @Test
    void aWorkspaceFileDrivesThresholdExemptionsCapSlackAndJiraEndToEnd(JenkinsRule j) throws Exception {
        try (SandboxJenkins s = SandboxJenkins.start(j, scenario())) {
            j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
            WorkflowJob p = j.createProject(WorkflowJob.class, "policy");
            p.setDefinition(new CpsFlowDefinition("""
                    def r
                    node {
                        writeFile file: 'iam-janitor.yml', text: '''%s'''
                        r = iamListInactive(config: 'iam-janitor.yml')
                    }
                    echo "flagged=${r.users.collect { it.user }.sort()}"
                    def a = slackAskApproval(review: r, channels: ['slack'], timeoutMinutes: 60)
                    echo "approved=${a.approved.sort()}"
                    def t = jiraCreateReviewTicket(review: r)
                    echo "ticket=${t.key}"
                    cloudtrailEnrich(review: r)
                    input(id: 'Gate', message: 'Delete?')
                    def o = iamDeleteUser(review: r, dryRun: false)
                    echo "deleted=${o.deleted} skipped=${o.skipped}"
                    """.formatted(FILE), true));
            WorkflowRun b = p.scheduleBuild2(0).waitForStart();
            awaitLog(b, "Asked in Slack");
            // Threshold 30 from the file: frank.old (120 days) and grace.stale (90) are flagged; sec.lead (60) is
            // exempt by the file's reasoned rule, alice is active.
            j.assertLogContains("flagged=[frank.old, grace.stale]", b);
            // The file's channel, and the exempt user with its rule and reason in the message the approvers read.
            var message = s.sandbox.slack().messages().get(0);
            assertThat(message.channel()).isEqualTo("C0POLICY");
            assertThat(message.blocks().toString()).contains("sec.lead", "security team, reviewed by hand");
            assertThat(click(s, SandboxJenkins.APPROVER, "iamj:approve:frank.old")).isEqualTo(200);
            assertThat(click(s, SandboxJenkins.APPROVER, "iamj:approve:grace.stale")).isEqualTo(200);
            awaitLog(b, "approved=[frank.old, grace.stale]");
            ReviewFixtures.approveAs(b, "Gate", "alice");
            j.assertBuildStatusSuccess(j.waitForCompletion(b));

            // The cap of 1 from the file: one user deleted, the other skipped and still in IAM; sec.lead untouched.
            ReviewRecord r = record(b);
            assertThat(r.deletions()).extracting(d -> d.status())
                    .containsExactlyInAnyOrder(DeletionStatus.DELETED, DeletionStatus.SKIPPED);
            assertThat(inIam(s, "frank.old") && inIam(s, "grace.stale")).isFalse();
            assertThat(inIam(s, "frank.old") || inIam(s, "grace.stale")).isTrue();
            assertThat(inIam(s, "sec.lead")).isTrue();
            j.assertLogContains("policy: cap 1 per review; action delete; Slack approvers [U0SECLEAD], channel"
                    + " #iam-policy; Jira project OPS", b);
            j.assertLogContains("cap 1 per review; confirmed by alice", b);
            // The file's Jira project, with the exempt user's rule and reason on the ticket.
            JiraIssue issue = s.sandbox.jira().issue(r.ticket().key()).orElseThrow();
            assertThat(issue.projectKey()).isEqualTo("OPS");
            assertThat(issue.description().toString()).contains("Exempt users", "sec.lead",
                    "security team, reviewed by hand");
            var scope = b.getAction(BuildReview.class).scope();
            assertThat(scope.days()).isEqualTo(30);
            assertThat(scope.recorded().slackChannel()).isEqualTo("#iam-policy");
            assertThat(scope.recorded().source()).isEqualTo("global configuration + iam-janitor.yml");
            assertThat(scope.remediation().action()).isEqualTo("delete");
        }
    }

    @Test
    void theBlockGivesEveryScanItsFileAndNothingWeakerOrUnreadableReachesAws(JenkinsRule j) throws Exception {
        try (SandboxJenkins s = SandboxJenkins.start(j, scenario())) {
            // The global file locks the Jira project: no job may file the review elsewhere.
            IamJanitorConfiguration.get().setPolicyYaml("jira:\n  project: SEC\n");
            WorkflowJob p = j.createProject(WorkflowJob.class, "block");
            p.setDefinition(new CpsFlowDefinition("""
                    iamJanitor(config: 'iam-janitor.yml') {
                        node {
                            writeFile file: 'iam-janitor.yml', text: '''%s'''
                            def r = iamListInactive(days: 100)
                            echo "flagged=${r.users.collect { it.user }.sort()}"
                        }
                    }
                    """.formatted(FILE.replace("  project: OPS", "  issueType: Task")), true));
            WorkflowRun b = j.buildAndAssertSuccess(p);
            // The block's file (exemption, cap) under the step's own narrowing (100 days): only frank.old.
            j.assertLogContains("flagged=[frank.old]", b);
            var scope = b.getAction(BuildReview.class).scope();
            assertThat(scope.days()).isEqualTo(100);
            assertThat(scope.exemptUsers()).contains("sec.*");
            assertThat(scope.recorded().maxDeletions()).isEqualTo(1);
            assertThat(scope.recorded().jiraProject()).isEqualTo("SEC");
            // The block and its arguments have help in the Snippet Generator and the Steps Reference.
            DescribableModel<?> model = DescribableModel.of(IamJanitorStep.class);
            assertThat(model.getHelp()).contains("every <code>iamListInactive</code> inside the block");
            assertThat(model.getParameters()).extracting(DescribableParameter::getName)
                    .containsExactlyInAnyOrder("config", "configText");
            for (DescribableParameter arg : model.getParameters()) {
                assertThat(arg.getHelp()).as(arg.getName()).isNotBlank();
            }

            // Each of these fails in one line before any AWS call.
            s.sandbox.iam().resetCallCounts();
            refused(j, "weaker", """
                    iamJanitor(config: 'iam-janitor.yml') {
                        node {
                            writeFile file: 'iam-janitor.yml', text: 'thresholdDays: 40\\n'
                            iamListInactive(days: 35)
                        }
                    }
                    """, "iamListInactive: policy refused: step arguments: thresholdDays: 35 would weaken"
                    + " the global policy (thresholdDays: 40 in global configuration + iam-janitor.yml)");
            refused(j, "locked", "node { writeFile file: 'j.yml', text: 'jira:\\n  project: OPS\\n'\n"
                    + "iamListInactive(config: 'j.yml') }", "iamListInactive: policy refused: j.yml:"
                    + " jira.project: OPS would weaken the global policy (jira.project: SEC in global configuration)");
            refused(j, "no-node", "iamListInactive(config: 'iam-janitor.yml')", "iamListInactive: config:"
                    + " 'iam-janitor.yml' needs a workspace: call iamListInactive inside node { }");
            refused(j, "no-file", "node { iamListInactive(config: 'missing.yml') }", "iamListInactive: config:"
                    + " 'missing.yml' not found in the workspace");
            refused(j, "both", "iamListInactive(config: 'a.yml', configText: 'thresholdDays: 30')",
                    "give either config (a file in the workspace) or configText (YAML text), not both");
            // A symbolic link in the workspace leading out of it (here: to a file of the controller) is not read.
            WorkflowJob link = j.createProject(WorkflowJob.class, "link");
            hudson.FilePath ws = j.jenkins.getWorkspaceFor(link);
            ws.mkdirs();
            java.nio.file.Path outside = java.nio.file.Files.createTempFile("outside", ".yml");
            java.nio.file.Files.writeString(outside, "thresholdDays: 30\n");
            java.nio.file.Files.createSymbolicLink(java.nio.file.Path.of(ws.getRemote(), "evil.yml"), outside);
            link.setDefinition(new CpsFlowDefinition("node { iamListInactive(config: 'evil.yml') }", true));
            j.assertLogContains("'evil.yml' leads out of the workspace",
                    j.buildAndAssertStatus(Result.FAILURE, link));
            assertThat(s.sandbox.iam().callCounts().values().stream().mapToInt(Integer::intValue).sum())
                    .as("IAM calls of the refused builds").isZero();
        }
    }

    private static void refused(JenkinsRule j, String name, String script, String line) throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, name);
        p.setDefinition(new CpsFlowDefinition(script, true));
        WorkflowRun b = j.buildAndAssertStatus(Result.FAILURE, p);
        j.assertLogContains(line, b);
        assertThat(b.getAction(BuildReview.class)).as(name).isNull();
    }
}
