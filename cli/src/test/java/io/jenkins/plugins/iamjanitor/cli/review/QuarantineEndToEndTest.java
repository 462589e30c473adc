package io.jenkins.plugins.iamjanitor.cli.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.iamjanitor.core.activity.ActivityEvent;
import io.jenkins.plugins.iamjanitor.core.activity.ActivityQuery;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionResult;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionStatus;
import io.jenkins.plugins.iamjanitor.core.deletion.UserSnapshot;
import io.jenkins.plugins.iamjanitor.core.model.AccessKey;
import io.jenkins.plugins.iamjanitor.core.model.CredentialStatus;
import io.jenkins.plugins.iamjanitor.core.model.Tag;
import io.jenkins.plugins.iamjanitor.core.policy.PolicySettings;
import io.jenkins.plugins.iamjanitor.core.quarantine.QuarantineMarks;
import io.jenkins.plugins.iamjanitor.core.quarantine.QuarantineRelease;
import io.jenkins.plugins.iamjanitor.core.quarantine.QuarantineSettings;
import io.jenkins.plugins.iamjanitor.core.quarantine.QuarantineSweep;
import io.jenkins.plugins.iamjanitor.core.quarantine.RemediationAction;
import io.jenkins.plugins.iamjanitor.core.review.ReviewObserver;
import io.jenkins.plugins.iamjanitor.core.review.ReviewRecord;
import io.jenkins.plugins.iamjanitor.integrations.aws.AwsClients;
import io.jenkins.plugins.iamjanitor.integrations.aws.AwsCredentialsSource;
import io.jenkins.plugins.iamjanitor.integrations.aws.AwsSettings;
import io.jenkins.plugins.iamjanitor.integrations.backup.JsonBackupStore;
import io.jenkins.plugins.iamjanitor.sandbox.jira.JiraIssue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * Quarantine instead of deletion, end to end on the sandbox with the real AWS SDK, Slack client and Jira client: the
 * review quarantines the approved users; a call with a deactivated key fails, lands in the CloudTrail emulator and
 * keeps its user out of deletion; 30 days later (an injected clock) the others are deleted; release restores keys.
 */
class QuarantineEndToEndTest {
    static final Set<String> APPROVED = ReviewEndToEndTest.APPROVED;
    /** Its only key is active in the scenario: the one a forgotten job still uses. */
    static final String WANTED = "tmp-migration";
    static final String WANTED_KEY = "AKIATMPMIGRATION0001";

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock();
    private final List<String> progress = Collections.synchronizedList(new ArrayList<>());
    private SandboxReviewServices services;

    @BeforeEach
    void start() throws Exception {
        services = SandboxReviewServices.start(ReviewEndToEndTest.fastScenario(), Clock.systemUTC(), progress::add);
    }

    @AfterEach
    void stop() {
        services.close();
    }

    private ReviewRunner runner(RemediationAction action) {
        ReviewRunner.Options options = new ReviewRunner.Options(true, 10, Duration.ofSeconds(30),
                services.reviewChannel(), List.of(services.scriptedApprover()), List.of(), "Done", null, false,
                dir.resolve("state"), dir.resolve("reports"), Map.of(), null,
                new QuarantineSettings(action, 30, List.of()));
        return new ReviewRunner(services, new PolicySettings(Duration.ofDays(PolicySettings.DEFAULT_DAYS), true,
                services.scenarioExemptions()), new JsonBackupStore(dir.resolve("backups"), clock), options, clock);
    }

    @Test
    void quarantineThenWantedBackOnAFailedCallOthersDeletedAfter30DaysReleaseRestoresKeys() throws Exception {
        ReviewRecord r = runner(RemediationAction.QUARANTINE).run(progress::add, ReviewObserver.NONE, null);

        // Quarantined, nothing deleted: deny-all, keys off, no password, tagged.
        for (String user : APPROVED) {
            DeletionResult d = r.deletionFor(user).orElseThrow();
            assertThat(d.status()).as(user).isEqualTo(DeletionStatus.QUARANTINED);
            assertThat(d.quarantine().deleteAfter()).isEqualTo(d.quarantine().since().plus(Duration.ofDays(30)));
            UserSnapshot now = services.admin().snapshot(user).orElseThrow();
            assertThat(now.accessKeys()).as(user).allSatisfy(k -> assertThat(k.status())
                    .isEqualTo(CredentialStatus.INACTIVE));
            assertThat(now.loginProfile()).as(user).isFalse();
            assertThat(QuarantineMarks.isDenyAll(now.inlinePolicies().get(QuarantineMarks.DENY_POLICY_NAME)))
                    .as(user).isTrue();
            assertThat(now.tags()).as(user).contains(new Tag(QuarantineMarks.REVIEW_TAG, r.reviewId()))
                    .anySatisfy(t -> assertThat(t.key()).isEqualTo(QuarantineMarks.QUARANTINED_AT_TAG));
        }
        UserSnapshot zed = services.admin().snapshot("zed.full-house").orElseThrow();
        assertThat(zed.sshPublicKeys()).hasSize(1);
        assertThat(zed.inlinePolicies()).containsKey("s3-reports");
        JiraIssue ticket = services.sandbox().jira().issue(r.ticket().key()).orElseThrow();
        assertThat(ticket.status()).isNotEqualTo("Done");
        assertThat(ticket.comments().toString()).contains("QUARANTINED", "quarantined since");
        assertThat(services.sandbox().slack().messages()).anySatisfy(m -> assertThat(m.toString())
                .contains("Quarantined", "zed.full-house: flagged → approved → quarantined since",
                        "next: delete if nothing happens meanwhile on or after"));
        assertThat(Files.readString(Path.of(r.reports().get(1)))).contains("Stage: flagged → approved →"
                + " quarantined since", "PutUserPolicy(UserName=zed.full-house");

        // Something still uses tmp-migration's key: the call is refused and CloudTrail records the failure.
        assertThatThrownBy(() -> callWithKey(WANTED_KEY)).isInstanceOfSatisfying(AwsServiceException.class,
                e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId"));
        List<ActivityEvent> events = services.activity().lookup(new ActivityQuery(WANTED, List.of(WANTED_KEY),
                clock.instant().minus(Duration.ofHours(1)), List.of())).events();
        assertThat(events).anySatisfy(e -> {
            assertThat(e.accessKeyId()).isEqualTo(WANTED_KEY);
            assertThat(e.errorCode()).isEqualTo("InvalidClientTokenId");
        });

        // Release zed before anything else: both its keys were active, so both come back; the password cannot.
        QuarantineRelease.Outcome released = runner(RemediationAction.QUARANTINE).release("zed.full-house",
                "test:ops", "Temp-Passw0rd-123!".toCharArray(), progress::add);
        assertThat(released.notes()).singleElement().asString().contains("cannot come back");
        zed = services.admin().snapshot("zed.full-house").orElseThrow();
        assertThat(zed.accessKeys()).hasSize(2).allSatisfy(k -> assertThat(k.status())
                .isEqualTo(CredentialStatus.ACTIVE));
        assertThat(zed.inlinePolicies()).containsOnlyKeys("s3-reports");
        assertThat(zed.tags()).containsExactlyInAnyOrder(new Tag("team", "platform"), new Tag("cost-center", "42"));
        assertThat(zed.loginProfile()).isTrue();
        assertThat(services.sandbox().iam().state().user("zed.full-house").loginProfile.passwordResetRequired)
                .isTrue();

        // Ten days in: nobody is due; tmp-migration is already reported as wanted back.
        clock.advance(Duration.ofDays(10));
        List<QuarantineSweep.Outcome> early = runner(RemediationAction.DELETE).sweep(progress::add);
        assertThat(early).filteredOn(o -> o.status() == DeletionStatus.DELETED).isEmpty();
        assertThat(early).filteredOn(o -> o.userName().equals(WANTED)).singleElement()
                .satisfies(o -> assertThat(o.status()).isEqualTo(DeletionStatus.WANTED_BACK));
        assertThat(APPROVED).allSatisfy(u -> assertThat(services.directory().fetchLive(u)).as(u).isPresent());

        // Thirty-one days in: the untouched ones are deleted, the wanted one is not.
        clock.advance(Duration.ofDays(21));
        List<QuarantineSweep.Outcome> late = runner(RemediationAction.DELETE).sweep(progress::add);
        Set<String> deleted = new HashSet<>(APPROVED);
        deleted.removeAll(Set.of("zed.full-house", WANTED));
        assertThat(late).filteredOn(o -> o.status() == DeletionStatus.DELETED).extracting(QuarantineSweep.Outcome::userName)
                .containsExactlyInAnyOrderElementsOf(deleted);
        assertThat(deleted).allSatisfy(u -> assertThat(services.directory().fetchLive(u)).as(u).isEmpty());
        assertThat(services.directory().fetchLive(WANTED)).isPresent();
        assertThat(services.directory().fetchLive("zed.full-house")).isPresent();
        ReviewRecord after = runner(RemediationAction.DELETE).store().load(r.reviewId()).orElseThrow();
        DeletionResult wanted = after.deletionFor(WANTED).orElseThrow();
        assertThat(wanted.status()).isEqualTo(DeletionStatus.WANTED_BACK);
        assertThat(wanted.quarantine().signs()).anySatisfy(s -> assertThat(s).contains(WANTED_KEY,
                "InvalidClientTokenId"));
        assertThat(after.deletionFor("frank.password-only").orElseThrow().status()).isEqualTo(DeletionStatus.DELETED);
        assertThat(services.sandbox().jira().issue(r.ticket().key()).orElseThrow().comments().toString())
                .contains("wanted back?", "InvalidClientTokenId");
        assertThat(services.sandbox().slack().messages()).anySatisfy(m -> assertThat(m.toString())
                .contains("Quarantine follow-up"));

        // The approvers want it back: release it, and the key works again; nothing is pending, the ticket closes.
        runner(RemediationAction.DELETE).release(WANTED, "test:ops", null, progress::add);
        assertThat(services.admin().snapshot(WANTED).orElseThrow().accessKeys())
                .extracting(AccessKey::status).containsExactly(CredentialStatus.ACTIVE);
        callWithKey(WANTED_KEY);
        assertThat(runner(RemediationAction.DELETE).store().load(r.reviewId()).orElseThrow()
                .deletionFor(WANTED).orElseThrow().status()).isEqualTo(DeletionStatus.RELEASED);
        assertThat(services.sandbox().jira().issue(r.ticket().key()).orElseThrow().status()).isEqualTo("Done");
    }

    @Test
    void aCrashDuringQuarantineResumesWithTheFirstBackupAndReleaseStillRestoresEveryKey() throws Exception {
        ProgressListenerCrash crash = new ProgressListenerCrash("UpdateAccessKey(UserName=zed.full-house");
        assertThatThrownBy(() -> runner(RemediationAction.QUARANTINE).run(crash, ReviewObserver.NONE, null))
                .isInstanceOf(ProgressListenerCrash.Crash.class);
        // Half done: one of zed's keys is off, the other still on.
        assertThat(services.admin().snapshot("zed.full-house").orElseThrow().accessKeys())
                .extracting(AccessKey::status).containsExactlyInAnyOrder(CredentialStatus.ACTIVE,
                        CredentialStatus.INACTIVE);

        ReviewRecord r = runner(RemediationAction.QUARANTINE).run(progress::add, ReviewObserver.NONE, null);
        assertThat(APPROVED).allSatisfy(u -> assertThat(r.deletionFor(u).orElseThrow().status()).as(u)
                .isEqualTo(DeletionStatus.QUARANTINED));
        try (Stream<Path> files = Files.list(dir.resolve("backups"))) {
            assertThat(files.filter(f -> f.getFileName().toString().startsWith("zed.full-house"))).hasSize(1);
        }
        assertThat(progress).anySatisfy(l -> assertThat(l).contains("zed.full-house", "resuming the quarantine"));

        runner(RemediationAction.QUARANTINE).release("zed.full-house", "test:ops", null, progress::add);
        assertThat(services.admin().snapshot("zed.full-house").orElseThrow().accessKeys())
                .extracting(AccessKey::status).containsExactly(CredentialStatus.ACTIVE, CredentialStatus.ACTIVE);
    }

    /** A call signed with one of the account's users' keys, through the real SDK. */
    private void callWithKey(String accessKeyId) {
        try (AwsClients clients = new AwsClients(new AwsSettings(null, services.sandbox().iamEndpoint(), null,
                new AwsCredentialsSource.Static(accessKeyId, "not-a-secret", null), 1, Duration.ofMillis(10),
                null))) {
            clients.iam().getUser(b -> b.userName(WANTED));
        }
    }
}
