package io.jenkins.plugins.iamjanitor.core.deletion;

import static io.jenkins.plugins.iamjanitor.core.deletion.UserDeleterTest.EVIDENCE;
import static io.jenkins.plugins.iamjanitor.core.deletion.UserDeleterTest.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.iamjanitor.core.approval.ApprovalRecord;
import io.jenkins.plugins.iamjanitor.core.model.AccessKey;
import io.jenkins.plugins.iamjanitor.core.model.CredentialStatus;
import io.jenkins.plugins.iamjanitor.core.model.ServiceSpecificCredential;
import io.jenkins.plugins.iamjanitor.core.policy.InactivityPolicy;
import io.jenkins.plugins.iamjanitor.core.policy.PolicySettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 14 item 2: the live re-check re-runs the whole policy with the scan's settings, and any credential created or
 * uploaded after the evidence is a sign of life. Item 1: the intent is told after the backup and before the first
 * destructive call.
 */
class LiveRecheckPolicyTest {
    private static final Instant OLD = NOW.minus(Duration.ofDays(300));
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final FakeAccount account = new FakeAccount();

    private static UserSnapshot user(String name, List<UserSnapshot.SshKey> ssh, List<UserSnapshot.Certificate> certs,
            List<ServiceSpecificCredential> sscs) {
        return new UserSnapshot(name, "AIDA" + name.toUpperCase(), "arn:aws:iam::123456789012:user/" + name, "/", OLD,
                List.of(), null, List.of(), List.of(), Map.of(), false,
                List.of(new AccessKey("AKIA" + name.toUpperCase(), 0, CredentialStatus.ACTIVE, OLD, EVIDENCE, "s3",
                        "us-east-1")), List.of(), ssh, certs, sscs);
    }

    private DeletionResult delete(boolean unknownBlocks, String name, DeletionIntent.Listener intents) {
        UserDeleter deleter = new UserDeleter(account, account, account, new InactivityPolicy(
                new PolicySettings(Duration.ofDays(21), unknownBlocks, null), clock),
                new DeletionSettings(false, 10), clock);
        return deleter.delete(List.of(new ApprovalRecord(name, "U1", "Ann", NOW.minusSeconds(60), "cli", null,
                EVIDENCE)), line -> { }, intents).get(0);
    }

    @Test
    void withUnknownActivityBlockingAUserHoldingAnSshKeyIsKept() {
        account.add(user("ssh", List.of(new UserSnapshot.SshKey("APKA1", CredentialStatus.ACTIVE, OLD, "ssh-rsa A")),
                List.of(), List.of()));
        DeletionResult r = delete(true, "ssh", DeletionIntent.Listener.NONE);
        assertThat(r.status()).isEqualTo(DeletionStatus.KEPT);
        assertThat(r.reason()).contains("no longer rated inactive", "SSH public key");
        assertThat(account.users).containsKey("ssh");
        assertThat(account.backupsWritten).isEmpty();
    }

    @Test
    void withUnknownActivityBlockingServiceCredentialsAndCertificatesKeepTheUser() {
        account.add(user("ssc", List.of(), List.of(), List.of(new ServiceSpecificCredential("ACCA1",
                "codecommit.amazonaws.com", CredentialStatus.ACTIVE, OLD))));
        account.add(user("cert", List.of(), List.of(new UserSnapshot.Certificate("CERT1", CredentialStatus.ACTIVE,
                OLD, "-----BEGIN CERTIFICATE-----")), List.of()));
        assertThat(delete(true, "ssc", DeletionIntent.Listener.NONE).status()).isEqualTo(DeletionStatus.KEPT);
        assertThat(delete(true, "cert", DeletionIntent.Listener.NONE).status()).isEqualTo(DeletionStatus.KEPT);
        assertThat(account.users).containsKeys("ssc", "cert");
    }

    @Test
    void anSshKeyOrServiceCredentialAddedAfterTheEvidenceKeepsTheUserEvenWhenUnknownActivityDoesNotBlock() {
        Instant fresh = EVIDENCE.plus(Duration.ofDays(1));
        account.add(user("newssh", List.of(new UserSnapshot.SshKey("APKA2", CredentialStatus.ACTIVE, fresh, "k")),
                List.of(), List.of()));
        account.add(user("newssc", List.of(), List.of(), List.of(new ServiceSpecificCredential("ACCA2",
                "codecommit.amazonaws.com", CredentialStatus.ACTIVE, fresh))));
        DeletionResult ssh = delete(false, "newssh", DeletionIntent.Listener.NONE);
        DeletionResult ssc = delete(false, "newssc", DeletionIntent.Listener.NONE);
        assertThat(ssh.status()).isEqualTo(DeletionStatus.KEPT);
        assertThat(ssh.reason()).contains("SSH public key APKA2 uploaded");
        assertThat(ssc.status()).isEqualTo(DeletionStatus.KEPT);
        assertThat(ssc.reason()).contains("service-specific credential ACCA2");
        assertThat(account.users).containsKeys("newssh", "newssc");
    }

    @Test
    void theIntentIsToldAfterTheBackupAndBeforeTheFirstDestructiveCall() {
        account.add(user("plain", List.of(), List.of(), List.of()));
        List<String> seen = new ArrayList<>();
        DeletionResult r = delete(true, "plain", intent -> seen.add(intent.userId() + " " + intent.backupFile()
                + " after " + account.calls.get(account.calls.size() - 1)));
        assertThat(r.status()).isEqualTo(DeletionStatus.DELETED);
        assertThat(seen).containsExactly("AIDAPLAIN plain-AIDAPLAIN after backup plain");
    }

    @Test
    void anIntentThatCannotBeRecordedDeletesNothing() {
        account.add(user("plain", List.of(), List.of(), List.of()));
        DeletionResult r = delete(true, "plain", intent -> {
            throw new IllegalStateException("disk full");
        });
        assertThat(r.status()).isEqualTo(DeletionStatus.FAILED);
        assertThat(r.reason()).contains("nothing deleted", "disk full");
        assertThat(account.users).containsKey("plain");
    }

    @Test
    void aUserGoneAfterItsIntentIsDeletedWithThatBackupUnlessTheIdsDiffer() {
        account.add(user("plain", List.of(), List.of(), List.of()));
        List<DeletionIntent> intents = new ArrayList<>();
        delete(true, "plain", intents::add);
        UserDeleter deleter = new UserDeleter(account, account, account,
                new InactivityPolicy(PolicySettings.defaults(), clock), new DeletionSettings(false, 10), clock);

        assertThat(deleter.finishedBefore(intents.get(0))).get().satisfies(r -> {
            assertThat(r.status()).isEqualTo(DeletionStatus.DELETED);
            assertThat(r.backupFile()).isEqualTo("plain-AIDAPLAIN");
        });
        DeletionIntent other = new DeletionIntent("plain", "AIDAOTHER", intents.get(0).backupFile(), NOW);
        assertThat(deleter.finishedBefore(other)).isEmpty();
    }
}
