package io.jenkins.plugins.iamjanitor.plugin.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.domains.Domain;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import hudson.model.BooleanParameterDefinition;
import hudson.model.BooleanParameterValue;
import hudson.model.Item;
import hudson.model.Label;
import hudson.model.ParametersAction;
import hudson.model.ParametersDefinitionProperty;
import hudson.model.Result;
import hudson.model.StringParameterDefinition;
import hudson.util.Secret;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionStatus;
import io.jenkins.plugins.iamjanitor.core.review.ReviewRecord;
import io.jenkins.plugins.iamjanitor.plugin.IamJanitorConfiguration;
import io.jenkins.plugins.iamjanitor.plugin.review.BuildReview;
import io.jenkins.plugins.iamjanitor.sandbox.Scenario;
import io.jenkins.plugins.iamjanitor.sandbox.org.OrgScenario;
import io.jenkins.plugins.iamjanitor.sandbox.org.OrganizationSandbox;
import io.jenkins.plugins.iamjanitor.sandbox.slack.SlackEmulator;
import io.jenkins.plugins.iamjanitor.sandbox.slack.SlackRecords;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jenkins.model.Jenkins;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebRequest;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.html.HtmlTable;
import org.htmlunit.util.NameValuePair;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * {@code docs/examples/Jenkinsfile.organization}, unmodified, against a sandbox organisation of 10 accounts (every one
 * with the same user names, one denying AssumeRole) on 2 agents: one review per account in one build, decided in
 * Slack (clicks over Socket Mode, routed by the review id in each button) for some accounts and on each account's
 * Jenkins page for others, one gate, deletions only where approved, each account's record, cap and backups apart.
 */
@WithJenkins
class OrganizationJenkinsfileTest {
    private static final String SAMPLE_CHANNEL_ID = "C0IAMREVIEWS";
    private static final String DENIED = "200000000007";
    private static final String CONTRACTOR = "old.contractor";
    private static final String KEYS = "old.keys";
    private static final String ACTIVE = "deployer";

    @Test
    void theOrganizationSampleReviewsEveryAccountInOneBuildOnAgents(JenkinsRule j) throws Exception {
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            ids.add(String.format("2000000000%02d", i));
        }
        // Slack approves old.contractor in 01-05; the Jenkins page approves old.keys in 09-10 and keeps all in 06, 08.
        Set<String> viaSlack = Set.copyOf(ids.subList(0, 5));
        Map<String, String> pageApproves = Map.of(ids.get(5), "", ids.get(7), "", ids.get(8), KEYS, ids.get(9), KEYS);
        try (OrganizationSandbox org = OrgScenario.of(organization(ids)).start();
                SandboxJenkins s = SandboxJenkins.start(j, slackJiraCloudTrail())) {
            JenkinsRule.DummySecurityRealm realm = j.createDummySecurityRealm();
            realm.addGroups("alice", "iam-admins");
            realm.addGroups("carol", "iam-approvers");
            j.jenkins.setSecurityRealm(realm);
            j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                    .grant(Jenkins.ADMINISTER).everywhere().to("admin")
                    .grant(Jenkins.READ, Item.READ).everywhere().toAuthenticated());
            IamJanitorConfiguration c = IamJanitorConfiguration.get();
            c.setAwsEndpointUrl(org.iamEndpoint().toString());
            c.setOrganizationsEndpointUrl(org.organizationsEndpoint().toString());
            c.setAwsAllowedJobs("organization");
            c.setAwsRoleOverrideJobs("organization");
            c.setJenkinsApprovers("iam-approvers");
            // Slack clicks over Socket Mode (as behind a firewall): acked on the socket, routed by the button's review.
            CredentialsProvider.lookupStores(j.jenkins).iterator().next().addCredentials(Domain.global(),
                    new StringCredentialsImpl(CredentialsScope.GLOBAL, "slack-app", "Slack app",
                            Secret.fromString("xapp-sandbox-app-token")));
            c.setSlackAppTokenCredentialsId("slack-app");
            ApprovalFixture.await("a Socket Mode connection", () -> s.sandbox.slack().openSockets() > 0);
            j.createOnlineSlave(Label.get("iam-janitor"));
            j.createOnlineSlave(Label.get("iam-janitor"));

            WorkflowJob p = j.createProject(WorkflowJob.class, "organization");
            p.addProperty(new ParametersDefinitionProperty(new StringParameterDefinition("DAYS", "21"),
                    new BooleanParameterDefinition("DRY_RUN", true, ""), new StringParameterDefinition("OUS", "")));
            p.setDefinition(new CpsFlowDefinition(Files.readString(Path.of("..", "docs", "examples",
                    "Jenkinsfile.organization")), true));
            WorkflowRun b = p.scheduleBuild2(0, new ParametersAction(new BooleanParameterValue("DRY_RUN", false)))
                    .waitForStart();

            decideEveryAccount(j, s, b, ids, viaSlack, pageApproves);
            submitGate(j, b, "alice");
            j.assertBuildStatus(Result.UNSTABLE, j.waitForCompletion(b));

            // The denied account failed its branch alone, with the reason, and has no review.
            j.assertLogContains("not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::" + DENIED, b);
            j.assertLogContains(DENIED + " acct-07: FAILED: ", b);
            j.assertLogContains("Confirmed by alice; delete for real: true", b);
            j.assertLogNotContains(SandboxJenkins.AWS_SECRET, b);
            List<BuildReview> reviews = BuildReview.all(b);
            assertThat(reviews).extracting(BuildReview::getAccountId).containsExactlyInAnyOrderElementsOf(
                    ids.stream().filter(id -> !id.equals(DENIED)).toList());
            Set<String> tickets = new HashSet<>();
            for (BuildReview review : reviews) {
                String id = review.getAccountId();
                ReviewRecord r = review.record();
                assertThat(r.reviewId()).isEqualTo("jenkins-organization-1-" + id);
                assertThat(r.accountId()).isEqualTo(id);
                assertThat(r.candidates()).extracting(v -> v.user().userName()).containsExactlyInAnyOrder(CONTRACTOR,
                        KEYS);
                assertThat(r.candidates()).allMatch(v -> v.user().arn().contains(":" + id + ":"));
                tickets.add(r.ticket().key());
                Set<String> approved = viaSlack.contains(id) ? Set.of(CONTRACTOR)
                        : pageApproves.get(id).isEmpty() ? Set.of() : Set.of(pageApproves.get(id));
                assertThat(r.approvedCandidates()).extracting(d -> d.userName()).containsExactlyInAnyOrderElementsOf(
                        approved);
                assertThat(r.approval().decisions()).allMatch(d -> d.channel().equals(viaSlack.contains(id)
                        ? "slack:" + SAMPLE_CHANNEL_ID : "jenkins"));
                assertThat(r.deletions()).extracting(d -> d.userName()).containsExactlyInAnyOrderElementsOf(approved);
                assertThat(r.deletions()).allMatch(d -> d.status() == DeletionStatus.DELETED);
                for (String user : List.of(CONTRACTOR, KEYS, ACTIVE)) {
                    assertThat(org.account(id).state().hasUser(user)).as(id + " " + user)
                            .isEqualTo(!approved.contains(user));
                }
                assertThat(b.getArtifacts()).filteredOn(a -> a.relativePath.startsWith("iam-janitor-backups/" + id
                        + "/")).hasSize(approved.size());
            }
            assertThat(tickets).hasSize(9);
            assertThat(org.account(DENIED).state().hasUser(CONTRACTOR)).isTrue();
            assertThat(b.getArtifacts()).filteredOn(a -> a.relativePath.startsWith("results/")).hasSize(7);
            assertIndexPage(j, b, ids);
        }
    }

    /**
     * Decides every account as it asks: Slack clicks (routed by the review id in the button) for the Slack accounts,
     * decide POSTs on the account's own review page for the others; the batches ask one after the other.
     */
    private static void decideEveryAccount(JenkinsRule j, SandboxJenkins s, WorkflowRun b, List<String> ids,
            Set<String> viaSlack, Map<String, String> pageApproves) throws Exception {
        SlackEmulator slack = s.sandbox.slack();
        ObjectMapper json = new ObjectMapper();
        Set<String> done = new HashSet<>();
        ApprovalFixture.await("every account decided", () -> {
            try {
                String log = JenkinsRule.getLog(b);
                for (SlackRecords.Message m : slack.messages()) {
                    for (SlackRecords.Button button : SlackRecords.buttons(m.blocks())) {
                        String review = json.readTree(button.value()).path("r").asText();
                        String id = review.substring(review.lastIndexOf('-') + 1);
                        String user = button.actionId().substring(button.actionId().lastIndexOf(':') + 1);
                        if (!viaSlack.contains(id) || !button.actionId().startsWith("iamj:approve:")
                                || !done.add(id + "/" + user)) {
                            continue;
                        }
                        String action = (user.equals(CONTRACTOR) ? "iamj:approve:" : "iamj:keep:") + user;
                        slack.clicks().viaSocket(SandboxJenkins.APPROVER, m.ts(), action);
                    }
                }
                for (Map.Entry<String, String> e : pageApproves.entrySet()) {
                    String id = e.getKey();
                    if (log.contains("(review jenkins-organization-1-" + id + ")") && done.add(id)) {
                        for (String user : List.of(CONTRACTOR, KEYS)) {
                            assertThat(decideOnPage(j, b, id, user, user.equals(e.getValue()) ? "APPROVE" : "KEEP"))
                                    .as(id + " " + user).isLessThan(400);
                        }
                    }
                }
                return done.size() == 5 * 2 + pageApproves.size() || !b.isBuilding();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        assertThat(b.isBuilding()).as("the build waits for the gate: %s", JenkinsRule.getLog(b)).isTrue();
    }

    /** POSTs a decision with a crumb on that account's review page, as carol (a Jenkins approver). */
    private static int decideOnPage(JenkinsRule j, WorkflowRun b, String account, String user, String decision)
            throws Exception {
        JenkinsRule.WebClient wc = j.createWebClient().withJavaScriptEnabled(false)
                .withThrowExceptionOnFailingStatusCode(false);
        wc.login("carol");
        WebRequest req = new WebRequest(new URL(j.getURL(), b.getUrl() + "iam-review-" + account + "/decide?user="
                + user + "&decision=" + decision), HttpMethod.POST);
        wc.addCrumb(req);
        return wc.getPage(req).getWebResponse().getStatusCode();
    }

    /** Submits the run's single gate as that member of iam-admins, with "Delete for real" ticked. */
    private static void submitGate(JenkinsRule j, WorkflowRun b, String user) throws Exception {
        ReviewFixtures.waitForInput(b, "ConfirmIamDeletion");
        JenkinsRule.WebClient wc = j.createWebClient().withBasicApiToken(user);
        WebRequest req = new WebRequest(new URL(j.getURL(), b.getUrl() + "input/ConfirmIamDeletion/proceed"),
                HttpMethod.POST);
        req.setRequestParameters(List.of(new NameValuePair("json",
                "{\"parameter\":[{\"name\":\"DELETE\",\"value\":true}]}")));
        assertThat(wc.getPage(req).getWebResponse().getStatusCode()).isLessThan(400);
    }

    /** The build's "IAM reviews" page lists the nine reviews, each linking its own account's page. */
    private static void assertIndexPage(JenkinsRule j, WorkflowRun b, List<String> ids) throws Exception {
        JenkinsRule.WebClient wc = j.createWebClient().withJavaScriptEnabled(false).login("alice");
        HtmlPage index = wc.getPage(b, "iam-reviews");
        HtmlTable table = index.getHtmlElementById("iam-reviews");
        assertThat(table.getBodies().get(0).getRows()).hasSize(9);
        assertThat(index.getElementById("iam-reviews-" + DENIED)).isNull();
        HtmlPage one = wc.getPage(b, "iam-review-" + ids.get(0));
        assertThat(one.getHtmlElementById("iam-review").asNormalizedText()).contains(CONTRACTOR, KEYS);
        // The sidebar links the index, not nine review pages.
        assertThat(wc.getPage(b).getAnchors()).extracting(a -> a.getHrefAttribute())
                .anyMatch(h -> h.endsWith("iam-reviews")).noneMatch(h -> h.endsWith("iam-review-" + ids.get(0)));
    }

    /** Ten accounts, each with the same three users (one active, two inactive); account 07 denies AssumeRole. */
    static Scenario organization(List<String> ids) throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        root.putObject("account").put("id", "111111111111");
        ObjectNode o = root.putObject("organization");
        o.put("managementAccount", "111111111111");
        ArrayNode accounts = o.putArray("accounts");
        for (String id : ids) {
            ObjectNode a = accounts.addObject().put("id", id).put("name", "acct-" + id.substring(10));
            if (id.equals(DENIED)) {
                a.put("assumeRole", "denied");
            }
            a.set("iam", json.readTree("""
                    {"users": [
                      {"name": "deployer", "createdDaysAgo": 300,
                       "accessKeys": [{"createdDaysAgo": 300, "lastUsedDaysAgo": 1, "service": "s3"}]},
                      {"name": "old.contractor", "createdDaysAgo": 500,
                       "password": {"createdDaysAgo": 500, "lastUsedDaysAgo": 90}},
                      {"name": "old.keys", "createdDaysAgo": 400,
                       "accessKeys": [{"createdDaysAgo": 400, "lastUsedDaysAgo": 60, "service": "ec2"}]}
                    ]}"""));
        }
        return Scenario.parse("ten accounts", root.toString());
    }

    /** Slack (the sample's channel, clicks by the test), Jira and a fast CloudTrail for every account. */
    static Scenario slackJiraCloudTrail() throws Exception {
        ObjectNode root = ReviewFixtures.fastScenarioJson();
        ObjectNode slack = (ObjectNode) root.path("slack");
        slack.remove("approver");
        ((ArrayNode) slack.path("channels")).addObject().put("id", SAMPLE_CHANNEL_ID).put("name", "iam-reviews");
        return Scenario.parse("Slack, Jira, CloudTrail", root.toString());
    }
}
