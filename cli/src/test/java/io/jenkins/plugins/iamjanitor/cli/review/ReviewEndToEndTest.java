package io.jenkins.plugins.iamjanitor.cli.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.iamjanitor.core.approval.UserDecision;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionResult;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionStatus;
import io.jenkins.plugins.iamjanitor.core.model.AccessKey;
import io.jenkins.plugins.iamjanitor.core.model.IamUser;
import io.jenkins.plugins.iamjanitor.core.policy.PolicySettings;
import io.jenkins.plugins.iamjanitor.core.port.ProgressListener;
import io.jenkins.plugins.iamjanitor.core.review.ReviewObserver;
import io.jenkins.plugins.iamjanitor.core.review.ReviewRecord;
import io.jenkins.plugins.iamjanitor.core.review.ReviewStage;
import io.jenkins.plugins.iamjanitor.core.review.ReviewStatus;
import io.jenkins.plugins.iamjanitor.integrations.backup.JsonBackupStore;
import io.jenkins.plugins.iamjanitor.sandbox.Scenario;
import io.jenkins.plugins.iamjanitor.sandbox.cloudtrail.TrailEvent;
import io.jenkins.plugins.iamjanitor.sandbox.iam.IamEmulator;
import io.jenkins.plugins.iamjanitor.sandbox.jira.JiraIssue;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole review on the sandbox: the real AWS SDK, Slack client (Socket Mode) and Jira client against the loopback
 * emulators, with the default scenario's scripted Slack approver doing the clicking.
 */
public class ReviewEndToEndTest {
    /** What the default scenario's scripted approver approves and keeps (scenario section {@code slack.approver}). */
    static final Set<String> APPROVED = Set.of("zed.full-house", "yara.virtual-mfa", "xavier.groups-policies",
            "walt.boundary", "frank.password-only", "grace.stale-keys", "contractor-2019", "tmp-migration");

    /** grace.stale-keys's key in the default scenario (its CloudTrail events name it). */
    static final String GRACE_KEY = "AKIAGRACESTALE000001";

    @TempDir
    Path dir;

    private final Clock clock = Clock.systemUTC();
    private final List<String> progress = Collections.synchronizedList(new ArrayList<>());
    private SandboxReviewServices services;

    /** The built-in scenario, with CloudTrail's emulated limit raised so the test does not wait on it. */
    static Scenario fastScenario() throws Exception {
        return Scenario.parse("default (fast CloudTrail)", fastScenarioJson());
    }

    public static String fastScenarioJson() throws Exception {
        try (InputStream in = Scenario.class.getResourceAsStream(Scenario.DEFAULT_RESOURCE)) {
            ObjectNode root = (ObjectNode) new ObjectMapper().readTree(in);
            ((ObjectNode) root.path("cloudtrail")).put("requestsPerSecond", 200).put("burst", 50);
            return root.toString();
        }
    }

    @BeforeEach
    void start() throws Exception {
        services = SandboxReviewServices.start(fastScenario(), clock, progress::add);
    }

    @AfterEach
    void stop() {
        services.close();
    }

    private ReviewRunner runner(boolean execute) {
        ReviewRunner.Options options = new ReviewRunner.Options(execute, 10, Duration.ofSeconds(30),
                services.reviewChannel(), List.of(services.scriptedApprover()), List.of(), "Done", null, false,
                dir.resolve("state"), dir.resolve("reports"), Map.of());
        return new ReviewRunner(services, new PolicySettings(Duration.ofDays(PolicySettings.DEFAULT_DAYS), true, services.scenarioExemptions()),
                new JsonBackupStore(dir.resolve("backups"), clock), options, clock);
    }

    @Test
    void approvedUsersAreDeletedWithBackupsKeptUsersUntouchedTicketCommentedAndClosedReportsWritten()
            throws Exception {
        // The scan names report keys by slot only: the kept users' keys are compared with IAM's ids before the run.
        Map<String, Set<String>> keysBefore = new java.util.HashMap<>();
        services.sandbox().iam().state().users().forEach(u -> keysBefore.put(u.name,
                keyIds(services.directory().fetchLive(u.name).orElseThrow())));
        services.sandbox().iam().resetCallCounts();
        ReviewRecord r = runner(true).run(progress::add, ReviewObserver.NONE, null);

        assertThat(r.status()).isEqualTo(ReviewStatus.COMPLETED);
        List<String> candidates = r.candidates().stream().map(v -> v.user().userName()).toList();
        assertThat(candidates).containsAll(APPROVED).doesNotContain("alice.active-console", "svc-build");
        assertThat(names(r.approvedCandidates())).containsExactlyInAnyOrderElementsOf(APPROVED);
        List<String> kept = candidates.stream().filter(u -> !APPROVED.contains(u)).toList();
        assertThat(kept).isNotEmpty();
        assertThat(r.approval().timedOut()).isFalse();
        // Each decision was told as it arrived over Socket Mode; deletion lines count over the approved users.
        for (String user : candidates) {
            assertThat(progress).as(user).anyMatch(l -> l.matches("Decision \\d+/" + candidates.size() + ": "
                    + java.util.regex.Pattern.quote(user) + " (approved|kept) by .* via slack:.*"));
        }
        assertThat(progress).anyMatch(l -> l.startsWith("[" + APPROVED.size() + "/" + APPROVED.size() + "] "))
                .noneMatch(l -> l.startsWith("[1/1] "));

        // Approved: gone from IAM, each with a backup on disk.
        for (String user : APPROVED) {
            DeletionResult d = r.deletionFor(user).orElseThrow();
            assertThat(d.status()).as(user).isEqualTo(DeletionStatus.DELETED);
            assertThat(Path.of(d.backupFile())).as(user).exists();
            assertThat(services.directory().fetchLive(user)).as(user).isEmpty();
        }
        assertThat(Files.readString(Path.of(r.deletionFor("zed.full-house").orElseThrow().backupFile())))
                .contains("zed.full-house", r.ticket().key());
        // Kept: still there with the same access keys; never handed to the deleter.
        for (String user : kept) {
            assertThat(r.deletionFor(user)).as(user).isEmpty();
            IamUser now = services.directory().fetchLive(user).orElseThrow();
            assertThat(keyIds(now)).as(user).isEqualTo(keysBefore.get(user));
        }
        assertThat(services.directory().fetchLive("svc-build")).isPresent();

        // One ticket with the evidence, commented with CloudTrail and the outcome, then closed.
        List<JiraIssue> issues = services.sandbox().jira().issues();
        assertThat(issues).singleElement().satisfies(i -> {
            assertThat(i.key()).isEqualTo(r.ticket().key());
            assertThat(i.labels()).contains("iam-janitor", "123456789012");
            // No Organizations name for one account: the alias read from IAM (the scenario's account.alias).
            assertThat(i.summary()).endsWith("123456789012 (sandbox)");
            assertThat(i.description().toString()).contains("zed.full-house", "ci-legacy");
            assertThat(i.comments()).hasSizeGreaterThanOrEqualTo(2);
            assertThat(i.comments().toString()).contains("CloudTrail", "ListBuckets", "DELETED");
            assertThat(i.status()).isEqualTo("Done");
        });
        assertThat(r.evidenceFor("grace.stale-keys").orElseThrow().totalEvents()).isEqualTo(2);

        // Slack: the request was posted once and updated as the decisions came in.
        assertThat(services.sandbox().slack().callCount("chat.postMessage")).isEqualTo(r.approvalHandle().messageIds().size());
        assertThat(services.sandbox().slack().messages()).allSatisfy(m -> assertThat(m.updates()).isPositive());

        // Reports.
        assertThat(r.reports()).hasSize(3).allSatisfy(p -> assertThat(Path.of(p)).exists());
        JsonNode report = new ObjectMapper().readTree(Path.of(r.reports().get(0)).toFile());
        assertThat(report.path("summary").path("deletions").path("DELETED").asInt()).isEqualTo(APPROVED.size());
        assertThat(report.path("review").path("ticket").path("key").asText()).isEqualTo(r.ticket().key());
        assertThat(report.path("report").path("overview")).hasSize(r.scan().usersScanned());
        assertThat(Files.readString(Path.of(r.reports().get(2)))).contains("<h1>IAM Janitor access review",
                "zed.full-house", dir.resolve("backups").toString());
    }

    @Test
    void aKeyUsedAfterTheScanKeepsAnApprovedUserThoughTheScanNeverListedAKeyId() {
        IamEmulator iam = services.sandbox().iam();
        int[] scanCalls = {-1};
        int[] evidenceCalls = {-1};
        ReviewObserver observer = rec -> {
            if (rec.stage() == ReviewStage.SCANNED && scanCalls[0] < 0) {
                scanCalls[0] = iam.calls("ListAccessKeys");
                // After the scan, someone uses grace's key; CloudTrail's event names the key only, not the user.
                services.sandbox().cloudTrail().events().add(new TrailEvent("after-the-scan",
                        services.sandbox().cloudTrail().now().minusSeconds(60), "ListBuckets", "s3.amazonaws.com",
                        "us-east-1", null, GRACE_KEY, "203.0.113.99", "aws-cli/2.15.30", null, null, null, true));
            }
            if (rec.stage() == ReviewStage.EVIDENCE_ADDED && evidenceCalls[0] < 0) {
                evidenceCalls[0] = iam.calls("ListAccessKeys");
            }
        };

        ReviewRecord r = runner(true).run(progress::add, observer, null);

        // The scan (bulk details, the default scenario's choice) read no key id; the CloudTrail stage read those of
        // the approved users with keys, one ListAccessKeys each.
        assertThat(progress).anyMatch(l -> l.contains(": bulk reads (estimated IAM calls"));
        assertThat(scanCalls[0]).isZero();
        long approvedWithKeys = r.approvedCandidates().stream()
                .filter(d -> !r.candidate(d.userName()).orElseThrow().user().accessKeys().isEmpty()).count();
        assertThat(approvedWithKeys).isPositive();
        assertThat(evidenceCalls[0]).isEqualTo((int) approvedWithKeys);
        assertThat(r.candidate("grace.stale-keys").orElseThrow().user().accessKeys())
                .allSatisfy(k -> assertThat(k.accessKeyId()).isNull());

        assertThat(r.evidenceFor("grace.stale-keys").orElseThrow().useAfterEvidence().eventId())
                .isEqualTo("after-the-scan");
        DeletionResult grace = r.deletionFor("grace.stale-keys").orElseThrow();
        assertThat(grace.status()).isEqualTo(DeletionStatus.KEPT);
        assertThat(grace.reason()).contains("CloudTrail shows ListBuckets");
        assertThat(services.directory().fetchLive("grace.stale-keys")).isPresent();
        // The other approved users, whose keys nobody used, are deleted as before.
        assertThat(r.deletionFor("zed.full-house").orElseThrow().status()).isEqualTo(DeletionStatus.DELETED);
    }

    @Test
    void aReviewStoppedAfterApprovalFinishesWithoutASecondRequestOrTicket() {
        ReviewObserver crash = rec -> {
            if (rec.stage() == ReviewStage.APPROVAL_DECIDED) {
                throw new IllegalStateException("simulated crash after approval");
            }
        };
        assertThatThrownBy(() -> runner(true).run(progress::add, crash, null))
                .hasMessage("simulated crash after approval");
        int posts = services.sandbox().slack().callCount("chat.postMessage");
        assertThat(posts).isPositive();
        assertThat(services.sandbox().jira().issues()).isEmpty();
        assertThat(services.directory().fetchLive("zed.full-house")).isPresent();

        ReviewRecord r = runner(true).run(progress::add, ReviewObserver.NONE, null);

        assertThat(r.status()).isEqualTo(ReviewStatus.COMPLETED);
        assertThat(progress).anyMatch(l -> l.startsWith("Resuming review " + r.reviewId()));
        assertThat(services.sandbox().slack().callCount("chat.postMessage")).isEqualTo(posts);
        assertThat(services.sandbox().jira().issues()).hasSize(1);
        assertThat(names(r.approvedCandidates())).containsExactlyInAnyOrderElementsOf(APPROVED);
        APPROVED.forEach(u -> assertThat(services.directory().fetchLive(u)).as(u).isEmpty());
        assertThat(r.deletions()).extracting(DeletionResult::status).containsOnly(DeletionStatus.DELETED);
    }

    @Test
    void aDryRunAsksAndDocumentsButChangesNothingInIam() {
        ReviewRecord r = runner(false).run(progress::add, ReviewObserver.NONE, null);

        assertThat(r.dryRun()).isTrue();
        assertThat(r.deletions()).isNotEmpty().extracting(DeletionResult::status).containsOnly(DeletionStatus.PLANNED);
        APPROVED.forEach(u -> assertThat(services.directory().fetchLive(u)).as(u).isPresent());
        assertThat(dir.resolve("backups")).doesNotExist();
        assertThat(services.sandbox().jira().issues()).singleElement()
                .satisfies(i -> assertThat(i.status()).isNotEqualTo("Done"));
    }

    private static List<String> names(List<UserDecision> decisions) {
        return decisions.stream().map(UserDecision::userName).toList();
    }

    private static Set<String> keyIds(IamUser user) {
        return user.accessKeys().stream().map(AccessKey::accessKeyId).collect(Collectors.toSet());
    }
}
