package io.jenkins.plugins.iamjanitor.plugin.jenkins;

import static io.jenkins.plugins.iamjanitor.plugin.jenkins.ReviewFixtures.FRANK;
import static io.jenkins.plugins.iamjanitor.plugin.jenkins.ReviewFixtures.GRACE;
import static io.jenkins.plugins.iamjanitor.plugin.jenkins.ReviewFixtures.ZED;
import static io.jenkins.plugins.iamjanitor.plugin.jenkins.ReviewFixtures.inIam;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.ExtensionList;
import hudson.model.Item;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionResult;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionStatus;
import io.jenkins.plugins.iamjanitor.core.quarantine.QuarantineMarks;
import io.jenkins.plugins.iamjanitor.core.review.ReviewRecord;
import io.jenkins.plugins.iamjanitor.integrations.aws.AwsClients;
import io.jenkins.plugins.iamjanitor.integrations.aws.AwsCredentialsSource;
import io.jenkins.plugins.iamjanitor.integrations.aws.AwsSettings;
import io.jenkins.plugins.iamjanitor.integrations.review.JsonReviewStore;
import io.jenkins.plugins.iamjanitor.plugin.IamJanitorConfiguration;
import io.jenkins.plugins.iamjanitor.plugin.JanitorClock;
import io.jenkins.plugins.iamjanitor.sandbox.iam.IamModel;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import jenkins.model.Jenkins;
import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.WebRequest;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.TestExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * Quarantine in a real Jenkins on the sandbox: approved users quarantined by iamDeleteUser (the policy says so), a
 * refused call with a deactivated key recorded in CloudTrail, the quarantining build discarded, the clock moved past
 * the deletion date, and iamQuarantineSweep deleting the untouched users while the used one is "wanted back?";
 * releases through the review page's button (403 for a non-approver, GET refused) and through iamReleaseUser.
 */
@WithJenkins
class QuarantineInJenkinsTest {
    /** Its only key is active in the scenario: the one a forgotten job still uses. */
    static final String WANTED = "tmp-migration";
    static final String WANTED_KEY = "AKIATMPMIGRATION0001";

    /** The controller's clock, moved forward by the tests (production registers none: the system clock). */
    @TestExtension
    public static final class MovableClock extends JanitorClock {
        volatile Duration offset = Duration.ZERO;

        @Override
        public Clock clock() {
            return Clock.offset(Clock.systemUTC(), offset);
        }
    }

    private static final String QUARANTINE = """
            def r = iamListInactive(days: 21)
            testRecordDecisions(review: r)
            jiraCreateReviewTicket(review: r)
            cloudtrailEnrich(review: r)
            try { iamDeleteUser(review: r, action: 'delete', dryRun: true) } catch (e) { echo "REFUSED ${e.message}" }
            input(id: 'Gate', message: 'Quarantine?')
            def o = iamDeleteUser(review: r, dryRun: false)
            echo "action=${o.action} quarantined=${o.quarantined.sort()} deleted=${o.deleted}"
            echo "STAGE ${o.users['grace.stale-keys'].stage} NEXT ${o.users['grace.stale-keys'].nextDate}"
            """;

    /** The policy says quarantine; the job's build quarantines the approved users and returns their stages. */
    private static WorkflowRun quarantine(SandboxJenkins s, WorkflowJob p, String... approved) throws Exception {
        s.j.jenkins.setSecurityRealm(s.j.createDummySecurityRealm());
        IamJanitorConfiguration.get().setPolicyYaml("action: quarantine\ndeleteAfterDays: 30\n");
        ReviewFixtures.decide(s.j, SandboxJenkins.APPROVER, approved);
        p.setDefinition(new CpsFlowDefinition(QUARANTINE, true));
        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        ReviewFixtures.approveAs(b, "Gate", "alice");
        s.j.assertBuildStatusSuccess(s.j.waitForCompletion(b));
        s.j.assertLogContains("REFUSED iamDeleteUser: invalid argument 'action': the policy (recorded with the review from"
                + " global configuration", b);
        s.j.assertLogContains("quarantines first; a job may not delete directly", b);
        s.j.assertLogContains("action=quarantine quarantined=" + List.of(approved).stream().sorted().toList()
                + " deleted=[]", b);
        s.j.assertLogContains("STAGE flagged → approved → quarantined since ", b);
        s.j.assertLogContains("; next: delete if nothing happens meanwhile on or after ", b);
        for (String u : approved) {
            IamModel.User user = s.sandbox.iam().state().user(u);
            assertThat(user.accessKeys).as(u).allSatisfy(k -> assertThat(k.status).isEqualTo("Inactive"));
            assertThat(user.loginProfile).as(u).isNull();
            assertThat(QuarantineMarks.isDenyAll(user.inlinePolicies.get(QuarantineMarks.DENY_POLICY_NAME)))
                    .as(u).isTrue();
            assertThat(user.tags).as(u).containsEntry(QuarantineMarks.REVIEW_TAG, ReviewFixtures.record(b).reviewId())
                    .containsKey(QuarantineMarks.QUARANTINED_AT_TAG);
        }
        return b;
    }

    /** The job's vault on the controller, where the quarantine outlives the build. */
    private static JsonReviewStore vault(JenkinsRule j, WorkflowJob p) {
        return new JsonReviewStore(j.jenkins.getRootDir().toPath().resolve("iam-janitor/quarantine")
                .resolve(URLEncoder.encode(p.getFullName(), StandardCharsets.UTF_8)).resolve("reviews"));
    }

    @Test
    void quarantineReleaseByButtonSweepAfterTheBuildIsGoneAndReleaseByStep(JenkinsRule j) throws Exception {
        try (SandboxJenkins s = SandboxJenkins.start(j, ReviewFixtures.fastScenario())) {
            Map<String, String> zedKeys = keys(s, ZED);
            Map<String, String> wantedKeys = keys(s, WANTED);
            WorkflowJob p = j.createProject(WorkflowJob.class, "weekly");
            WorkflowRun first = quarantine(s, p, GRACE, FRANK, WANTED, ZED);
            String reviewId = ReviewFixtures.record(first).reviewId();
            assertThat(ReviewFixtures.record(first).deletions()).extracting(DeletionResult::backupFile)
                    .allSatisfy(f -> assertThat(Path.of(f)).startsWith(j.jenkins.getRootDir().toPath()
                            .resolve("iam-janitor/quarantine")));
            assertThat(s.sandbox.slack().messages()).anySatisfy(m -> assertThat(m.toString())
                    .contains("Quarantined", GRACE + ": flagged → approved → quarantined since"));

            // The page lists the quarantined users; only approvers and administrators get the Release button.
            JenkinsRule.DummySecurityRealm realm = j.createDummySecurityRealm();
            realm.addGroups("carol", "iam-approvers");
            j.jenkins.setSecurityRealm(realm);
            j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                    .grant(Jenkins.READ, Item.READ).everywhere().toAuthenticated());
            IamJanitorConfiguration.get().setJenkinsApprovers("iam-approvers");
            JenkinsRule.WebClient carol = j.createWebClient().withJavaScriptEnabled(false);
            carol.login("carol");
            HtmlPage page = carol.getPage(first, "iam-review");
            assertThat(page.getHtmlElementById("iam-quarantine").asNormalizedText()).contains(ZED, GRACE,
                    "quarantined since");
            JenkinsRule.WebClient mallory = j.createWebClient().withJavaScriptEnabled(false);
            mallory.login("mallory");
            assertThat(mallory.getPage(first, "iam-review").getForms()).extracting(HtmlForm::getNameAttribute)
                    .noneMatch(n -> n.startsWith("release-"));
            assertThat(post(j, first, "mallory", ZED)).isEqualTo(403);
            JenkinsRule.WebClient get = j.createWebClient().withJavaScriptEnabled(false)
                    .withThrowExceptionOnFailingStatusCode(false);
            get.login("carol");
            assertThat(get.goTo(first.getUrl() + "iam-review/release?user=" + ZED).getWebResponse().getStatusCode())
                    .isEqualTo(405);
            assertThat(keys(s, ZED).values()).containsOnly("Inactive");
            page.getFormByName("release-" + ZED).getElementsByTagName("button").get(0).click();
            assertThat(keys(s, ZED)).isEqualTo(zedKeys);
            assertThat(s.sandbox.iam().state().user(ZED).inlinePolicies).doesNotContainKey(
                    QuarantineMarks.DENY_POLICY_NAME);
            assertThat(s.sandbox.iam().state().user(ZED).tags).doesNotContainKeys(QuarantineMarks.REVIEW_TAG,
                    QuarantineMarks.QUARANTINED_AT_TAG);
            DeletionResult zed = ReviewFixtures.record(first).deletionFor(ZED).orElseThrow();
            assertThat(zed.status()).isEqualTo(DeletionStatus.RELEASED);
            assertThat(zed.reason()).contains("released by jenkins:carol", "cannot come back");
            assertThat(carol.getPage(first, "iam-review").getForms()).extracting(HtmlForm::getNameAttribute)
                    .contains("release-" + GRACE).doesNotContain("release-" + ZED);
            j.jenkins.setAuthorizationStrategy(new hudson.security.AuthorizationStrategy.Unsecured());

            // A forgotten job still uses tmp-migration's key: refused (inactive), recorded by CloudTrail.
            assertThatThrownBy(() -> callWithKey(s, WANTED_KEY)).isInstanceOfSatisfying(AwsServiceException.class,
                    e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId"));

            // Builds rotate: the quarantine lives in the job's vault, not in the build.
            first.delete();
            ExtensionList.lookupSingleton(MovableClock.class).offset = Duration.ofDays(31);
            p.setDefinition(new CpsFlowDefinition("""
                    def d = iamQuarantineSweep()
                    echo "DRY planned=${d.planned.sort()} wantedBack=${d.wantedBack}"
                    def s = iamQuarantineSweep(dryRun: false)
                    echo "SWEEP deleted=${s.deleted.sort()} wantedBack=${s.wantedBack} stage=${s.users['tmp-migration'].stage}"
                    """, true));
            WorkflowRun sweep = j.buildAndAssertSuccess(p);
            j.assertLogContains("DRY planned=[" + FRANK + ", " + GRACE + "] wantedBack=[" + WANTED + "]", sweep);
            j.assertLogContains("SWEEP deleted=[" + FRANK + ", " + GRACE + "] wantedBack=[" + WANTED + "] stage=flagged"
                    + " → approved → quarantined since ", sweep);
            j.assertLogContains(WANTED + ": wanted back? ", sweep);
            j.assertLogContains("InvalidClientTokenId", sweep);
            j.assertLogNotContains(SandboxJenkins.AWS_SECRET, sweep);
            assertThat(inIam(s, GRACE)).isFalse();
            assertThat(inIam(s, FRANK)).isFalse();
            assertThat(inIam(s, WANTED)).isTrue();
            assertThat(inIam(s, ZED)).as("released earlier").isTrue();
            ReviewRecord kept = vault(j, p).load(reviewId).orElseThrow();
            assertThat(kept.deletionFor(WANTED).orElseThrow().status()).isEqualTo(DeletionStatus.WANTED_BACK);
            assertThat(kept.deletionFor(GRACE).orElseThrow().status()).isEqualTo(DeletionStatus.DELETED);
            var ticket = s.sandbox.jira().issue(kept.ticket().key()).orElseThrow();
            assertThat(ticket.comments().toString()).contains("wanted back?", "InvalidClientTokenId");
            assertThat(ticket.status()).as("tmp-migration waits for the approvers").isNotEqualTo("Done");
            assertThat(s.sandbox.slack().messages()).anySatisfy(m -> assertThat(m.toString())
                    .contains("Quarantine follow-up", "wanted back?"));

            // The approvers want it back. The step: a password is refused, a dry run lists the calls, a real
            // release needs the gate; then the key works again and, nothing pending, the ticket closes.
            p.setDefinition(new CpsFlowDefinition("""
                    try { iamReleaseUser(user: 'tmp-migration', createLoginProfile: true) } catch (e) { echo "REFUSED ${e.message}" }
                    try { iamReleaseUser(user: 'tmp-migration', dryRun: false) } catch (e) { echo "REFUSED ${e.message}" }
                    def d = iamReleaseUser(user: 'tmp-migration')
                    echo "DRY ${d.calls}"
                    input(id: 'Gate', message: 'Release?')
                    def o = iamReleaseUser(user: 'tmp-migration', dryRun: false)
                    echo "RELEASED by=${o.releasedBy} stage=${o.stage}"
                    echo "AGAIN ${iamQuarantineSweep(dryRun: false).deleted}"
                    """, true));
            WorkflowRun r = p.scheduleBuild2(0).waitForStart();
            ReviewFixtures.approveAs(r, "Gate", "alice");
            j.assertBuildStatusSuccess(j.waitForCompletion(r));
            j.assertLogContains("REFUSED iamReleaseUser: invalid argument 'createLoginProfile': createLoginProfile is"
                    + " not supported in Jenkins", r);
            j.assertLogContains("REFUSED iamReleaseUser: a real release needs this build's input gate", r);
            j.assertLogContains("DRY [", r);
            j.assertLogContains("UpdateAccessKey(UserName=" + WANTED + ", " + WANTED_KEY + ", Status=Active)", r);
            j.assertLogContains("RELEASED by=jenkins:alice (weekly #3) stage=flagged → approved → quarantined since ",
                    r);
            j.assertLogContains("AGAIN []", r);
            assertThat(keys(s, WANTED)).isEqualTo(wantedKeys);
            callWithKey(s, WANTED_KEY);
            assertThat(vault(j, p).load(reviewId).orElseThrow().deletionFor(WANTED).orElseThrow().status())
                    .isEqualTo(DeletionStatus.RELEASED);
            assertThat(s.sandbox.jira().issue(kept.ticket().key()).orElseThrow().status()).isEqualTo("Done");
        }
    }

    /** POSTs a release with a valid crumb as that Jenkins user; returns the HTTP status. */
    private static int post(JenkinsRule j, WorkflowRun b, String as, String user) throws Exception {
        JenkinsRule.WebClient wc = j.createWebClient().withJavaScriptEnabled(false)
                .withThrowExceptionOnFailingStatusCode(false);
        wc.login(as);
        WebRequest req = new WebRequest(new URL(j.getURL(), b.getUrl() + "iam-review/release?user=" + user),
                HttpMethod.POST);
        wc.addCrumb(req);
        Page page = wc.getPage(req);
        return page.getWebResponse().getStatusCode();
    }

    private static Map<String, String> keys(SandboxJenkins s, String user) {
        return s.sandbox.iam().state().user(user).accessKeys.stream()
                .collect(Collectors.toMap(k -> k.id, k -> k.status));
    }

    /** A call signed with one of the account's users' keys, through the real SDK. */
    private static void callWithKey(SandboxJenkins s, String accessKeyId) {
        try (AwsClients clients = new AwsClients(new AwsSettings(null, s.sandbox.iamEndpoint(), null,
                new AwsCredentialsSource.Static(accessKeyId, "not-a-secret", null), 1, Duration.ofMillis(10),
                null))) {
            clients.iam().getUser(b -> b.userName(WANTED));
        }
    }
}
