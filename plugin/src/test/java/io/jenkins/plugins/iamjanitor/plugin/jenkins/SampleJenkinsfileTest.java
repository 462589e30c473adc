package io.jenkins.plugins.iamjanitor.plugin.jenkins;

import static io.jenkins.plugins.iamjanitor.plugin.jenkins.ReviewFixtures.CONTRACTOR;
import static io.jenkins.plugins.iamjanitor.plugin.jenkins.ReviewFixtures.FRANK;
import static io.jenkins.plugins.iamjanitor.plugin.jenkins.ReviewFixtures.GRACE;
import static io.jenkins.plugins.iamjanitor.plugin.jenkins.ReviewFixtures.ZED;
import static io.jenkins.plugins.iamjanitor.plugin.jenkins.ReviewFixtures.inIam;
import static io.jenkins.plugins.iamjanitor.plugin.jenkins.ReviewFixtures.record;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import hudson.model.BooleanParameterDefinition;
import hudson.model.BooleanParameterValue;
import hudson.model.Item;
import hudson.model.ParametersAction;
import hudson.model.ParametersDefinitionProperty;
import hudson.model.StringParameterDefinition;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionStatus;
import io.jenkins.plugins.iamjanitor.core.review.ReviewRecord;
import io.jenkins.plugins.iamjanitor.sandbox.Scenario;
import io.jenkins.plugins.iamjanitor.sandbox.jira.JiraIssue;
import io.jenkins.plugins.iamjanitor.sandbox.slack.SlackEmulator;
import io.jenkins.plugins.iamjanitor.sandbox.slack.SlackRecords;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import jenkins.model.Jenkins;
import io.jenkins.plugins.iamjanitor.core.report.ReviewReport;
import io.jenkins.plugins.iamjanitor.plugin.review.BuildReports;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebRequest;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.html.HtmlTable;
import org.htmlunit.html.HtmlTableCell;
import org.htmlunit.html.HtmlTableRow;
import org.htmlunit.util.NameValuePair;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The repository's own {@code Jenkinsfile} (Declarative), run unmodified against the sandbox: the configured approver
 * decides in Slack with signed clicks through the running Jenkins' Slack endpoint, and a member of {@code iam-admins}
 * submits the input gate over HTTP.
 */
@WithJenkins
class SampleJenkinsfileTest {
    private static final String SAMPLE_CHANNEL_ID = "C0IAMREVIEWS";
    private static final String APPROVE = "iamj:approve:";

    @Test
    void theSampleDeletesApprovedUsersAfterTheGateAndNothingInADryRun(JenkinsRule j) throws Exception {
        try (SandboxJenkins s = SandboxJenkins.start(j, sampleScenario())) {
            JenkinsRule.DummySecurityRealm realm = j.createDummySecurityRealm();
            realm.addGroups("alice", "iam-admins");
            j.jenkins.setSecurityRealm(realm);
            j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                    .grant(Jenkins.ADMINISTER).everywhere().to("admin")
                    .grant(Jenkins.READ, Item.READ).everywhere().to("alice", "mallory"));
            String sample = Files.readString(Path.of("..", "Jenkinsfile"));
            WorkflowJob p = j.createProject(WorkflowJob.class, "iam-review");
            p.addProperty(new ParametersDefinitionProperty(new StringParameterDefinition("DAYS", "21"),
                    new BooleanParameterDefinition("DRY_RUN", true, "")));
            p.setDefinition(new CpsFlowDefinition(sample, true));

            // Production: DRY_RUN unchecked; the gate confirms, the approved users go, the ticket is closed.
            WorkflowRun b = p.scheduleBuild2(0, new ParametersAction(new BooleanParameterValue("DRY_RUN", false)))
                    .waitForStart();
            int clicked = decideInSlack(s, b, 0, Set.of(GRACE, FRANK, CONTRACTOR));
            ReviewFixtures.waitForInput(b, "ConfirmIamDeletion");
            assertThat(clicked).isEqualTo(record(b).candidates().size()).isGreaterThan(3);
            assertThat(record(b).approval().decisions()).allMatch(d -> d.approverId().equals(SandboxJenkins.APPROVER)
                    && d.channel().equals("slack:" + SAMPLE_CHANNEL_ID));
            j.assertLogContains("Approved: [", b);
            j.assertLogContains("timed out: false", b);
            submitGate(j, b, "mallory", true, false);
            submitGate(j, b, "alice", true, true);
            j.assertBuildStatusSuccess(j.waitForCompletion(b));
            for (String user : List.of(GRACE, FRANK, CONTRACTOR)) {
                assertThat(inIam(s, user)).as(user).isFalse();
            }
            assertThat(b.getArtifacts()).filteredOn(a -> a.relativePath.startsWith("iam-janitor-backups/"))
                    .hasSize(3);
            ReviewRecord r = record(b);
            assertSummaryPageAndArchivedReport(j, b, r);
            assertThat(r.gate().by()).isEqualTo("alice");
            assertThat(r.deletions()).extracting(d -> d.status()).containsOnly(DeletionStatus.DELETED);
            JiraIssue issue = s.sandbox.jira().issue(r.ticket().key()).orElseThrow();
            assertThat(issue.comments().toString()).contains("Outcome", "DELETED", GRACE);
            assertThat(issue.status()).isEqualTo("Done");
            j.assertLogContains("Confirmed by alice; delete for real: true", b);
            j.assertLogContains("(executed, confirmed by alice): deleted [", b);
            // The sample ends earlier quarantines first; this job has none yet, and nobody was quarantined now.
            j.assertLogContains("Quarantine sweep: deleted [], would delete [], wanted back? [], still waiting []", b);
            j.assertLogContains("quarantined [], planned [], kept [", b);
            j.assertLogContains("3 backup(s) archived", b);
            j.assertLogNotContains(SandboxJenkins.AWS_SECRET, b);

            // Trial: DRY_RUN checked and the gate keeps it; the approved users are planned, nothing is deleted.
            int before = s.sandbox.slack().messages().size();
            WorkflowRun dry = p.scheduleBuild2(0, new ParametersAction(new BooleanParameterValue("DRY_RUN", true)))
                    .waitForStart();
            decideInSlack(s, dry, before, Set.of(ZED));
            submitGate(j, dry, "alice", false, true);
            j.assertBuildStatusSuccess(j.waitForCompletion(dry));
            assertThat(inIam(s, ZED)).isTrue();
            ReviewRecord trial = record(dry);
            assertThat(trial.dryRun()).isTrue();
            assertThat(trial.deletionFor(ZED).orElseThrow().status()).isEqualTo(DeletionStatus.PLANNED);
            j.assertLogContains("(dry run, confirmed by alice): deleted [], quarantined [], planned [" + ZED + "]", dry);
            j.assertLogContains("Quarantine sweep (dry run): deleted [], would delete []", dry);
            assertThat(s.sandbox.jira().issue(trial.ticket().key()).orElseThrow().status()).isNotEqualTo("Done");
        }
    }

    /**
     * The build's "IAM review" page shows the cards (adding up to the users scanned) and one overview row per scanned
     * user, every flagged one included; the HTML report is archived, linked from the page, and holds no secret.
     */
    private static void assertSummaryPageAndArchivedReport(JenkinsRule j, WorkflowRun b, ReviewRecord r)
            throws Exception {
        int scanned = r.scan().usersScanned();
        assertThat(r.scan().users()).hasSize(scanned);
        JenkinsRule.WebClient wc = j.createWebClient().withJavaScriptEnabled(false).login("alice");
        HtmlPage page = wc.getPage(b, "iam-review");
        HtmlTable overview = page.getHtmlElementById("iam-review-overview");
        assertThat(overview.getBodies().get(0).getRows()).hasSize(scanned);
        for (var v : r.candidates()) {
            String user = v.user().userName();
            assertThat(page.getElementById("iam-overview-" + user)).as(user).isNotNull()
                    .satisfies(row -> assertThat(row.getAttribute("data-flagged")).isEqualTo("true"));
        }
        assertThat(overview.getHeader().getRows().get(0).getCells()).extracting(HtmlTableCell::asNormalizedText)
                .containsExactlyElementsOf(ReviewReport.OVERVIEW_HEADERS);
        HtmlTable cards = page.getHtmlElementById("iam-review-cards");
        assertThat(cards.getHeader().getRows().get(0).getCell(1).asNormalizedText()).isEqualTo(String.valueOf(scanned));
        int sum = 0;
        for (HtmlTableRow row : cards.getBodies().get(0).getRows()) {
            if (row.hasAttribute("data-card")) {
                sum += Integer.parseInt(row.getCell(1).asNormalizedText());
            }
        }
        assertThat(sum).isEqualTo(scanned).isGreaterThan(r.candidates().size());

        String html = BuildReports.DIR + "/" + r.reviewId() + ".html";
        assertThat(b.getArtifacts()).extracting(a -> a.relativePath).contains(html,
                BuildReports.DIR + "/" + r.reviewId() + ".json", BuildReports.DIR + "/" + r.reviewId() + ".md");
        assertThat(page.getHtmlElementById("iam-review-report").getAttribute("href")).endsWith("artifact/" + html);
        String report = wc.goTo(b.getUrl() + "artifact/" + html, null).getWebResponse().getContentAsString();
        assertThat(report).startsWith("<!DOCTYPE html>").doesNotContain(SandboxJenkins.AWS_SECRET);
        for (var v : r.candidates()) {
            assertThat(report).contains(v.user().userName());
        }
    }

    /**
     * The built-in scenario (fast CloudTrail) with the sample's Slack channel {@code #iam-reviews} and without the
     * scripted approver: the test clicks itself, so it decides who is approved.
     */
    private static Scenario sampleScenario() throws Exception {
        ObjectNode root = ReviewFixtures.fastScenarioJson();
        ObjectNode slack = (ObjectNode) root.path("slack");
        slack.remove("approver");
        ((ArrayNode) slack.path("channels")).addObject().put("id", SAMPLE_CHANNEL_ID).put("name", "iam-reviews");
        return Scenario.parse("default (sample channel, clicks by the test)", root.toString());
    }

    /**
     * Once the build has asked in Slack, clicks every candidate's button in the review message(s) posted from
     * {@code firstMessage} on, as the configured approver through the running Jenkins' Slack endpoint (signed HTTP):
     * approve for {@code approve}, keep for everyone else. Returns how many users were decided.
     */
    private static int decideInSlack(SandboxJenkins s, WorkflowRun b, int firstMessage, Set<String> approve)
            throws Exception {
        ApprovalFixture.awaitLog(b, "Asked in Slack");
        SlackEmulator slack = s.sandbox.slack();
        List<SlackRecords.Message> posted = slack.messages();
        int decided = 0;
        for (SlackRecords.Message m : posted.subList(firstMessage, posted.size())) {
            for (SlackRecords.Button button : SlackRecords.buttons(m.blocks())) {
                if (!button.actionId().startsWith(APPROVE)) {
                    continue;
                }
                String user = button.actionId().substring(APPROVE.length());
                String action = (approve.contains(user) ? APPROVE : "iamj:keep:") + user;
                int status = slack.clicks().viaHttp(ApprovalFixture.callback(s.j), SandboxJenkins.APPROVER, m.ts(),
                        action).httpStatus();
                assertThat(status).as(action).isEqualTo(200);
                decided++;
            }
        }
        return decided;
    }

    /** Submits the input form's proceed as that user over HTTP, as the input page does. */
    private static void submitGate(JenkinsRule j, WorkflowRun b, String user, boolean delete, boolean allowed)
            throws Exception {
        ReviewFixtures.waitForInput(b, "ConfirmIamDeletion");
        // The test war has no JavaScript bundles (no login page, no form script): a plain POST of what the input page's
        // form sends, authenticated with the user's API token (which Jenkins exempts from crumbs).
        JenkinsRule.WebClient wc = j.createWebClient().withBasicApiToken(user);
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
