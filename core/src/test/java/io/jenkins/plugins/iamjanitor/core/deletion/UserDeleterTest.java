package io.jenkins.plugins.iamjanitor.core.deletion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.iamjanitor.core.approval.ApprovalRecord;
import io.jenkins.plugins.iamjanitor.core.model.AccessKey;
import io.jenkins.plugins.iamjanitor.core.model.CredentialStatus;
import io.jenkins.plugins.iamjanitor.core.model.MfaDevice;
import io.jenkins.plugins.iamjanitor.core.model.ServiceSpecificCredential;
import io.jenkins.plugins.iamjanitor.core.model.Tag;
import io.jenkins.plugins.iamjanitor.core.policy.InactivityPolicy;
import io.jenkins.plugins.iamjanitor.core.policy.PolicySettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class UserDeleterTest {
    static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
    static final Instant EVIDENCE = NOW.minus(Duration.ofDays(40));
    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    final FakeAccount account = new FakeAccount();
    final List<String> progress = new ArrayList<>();

    static UserSnapshot everything(String name) {
        Instant old = NOW.minus(Duration.ofDays(300));
        return new UserSnapshot(name, "AIDA" + name.toUpperCase(), "arn:aws:iam::123456789012:user/" + name, "/",
                old, List.of(new Tag("team", "web")), "arn:aws:iam::aws:policy/PowerUserAccess",
                List.of("developers", "readers"), List.of("arn:aws:iam::aws:policy/ReadOnlyAccess"),
                Map.of("inline-s3", "{\"Version\":\"2012-10-17\"}"), true,
                List.of(new AccessKey("AKIA" + name.toUpperCase() + "1", 0, CredentialStatus.ACTIVE, old, EVIDENCE,
                        "s3", "us-east-1"),
                        new AccessKey("AKIA" + name.toUpperCase() + "2", 0, CredentialStatus.INACTIVE, old, null,
                                null, null)),
                List.of(new MfaDevice("arn:aws:iam::123456789012:mfa/" + name, old, true),
                        new MfaDevice("GAHT12345678", old, false)),
                List.of(new UserSnapshot.SshKey("APKA" + name.toUpperCase(), CredentialStatus.ACTIVE, old,
                        "ssh-rsa AAAA")),
                List.of(new UserSnapshot.Certificate("CERT" + name.toUpperCase(), CredentialStatus.ACTIVE, old,
                        "-----BEGIN CERTIFICATE-----")),
                List.of(new ServiceSpecificCredential("ACCA" + name.toUpperCase(), "codecommit.amazonaws.com",
                        CredentialStatus.ACTIVE, old)));
    }

    static ApprovalRecord approval(String user) {
        return new ApprovalRecord(user, "U0APPROVER", "Ann Approver", NOW.minus(Duration.ofHours(1)), "cli",
                "SEC-42", EVIDENCE);
    }

    /**
     * The teardown tests use users holding every kind of dependent, SSH keys included, so they run with unknown
     * activity not blocking (as a scan with {@code --unknown-activity ignore} would have flagged them); the default
     * policy's re-check is tested in {@link LiveRecheckPolicyTest}.
     */
    PolicySettings policy = new PolicySettings(Duration.ofDays(21), false, null);

    UserDeleter deleter(boolean dryRun, int cap) {
        return new UserDeleter(account, account, account,
                new InactivityPolicy(policy, clock), new DeletionSettings(dryRun, cap), clock);
    }

    List<DeletionResult> run(boolean dryRun, String... users) {
        return deleter(dryRun, 10).delete(List.of(users).stream().map(UserDeleterTest::approval).toList(),
                progress::add);
    }

    @Test
    void planListsEveryDependentInIamOrderAndDryRunChangesNothing() {
        account.add(everything("alice"));
        DeletionResult r = run(true, "alice").get(0);
        assertThat(r.status()).isEqualTo(DeletionStatus.PLANNED);
        assertThat(r.plan()).extracting(s -> s.action().apiName()).containsExactly(
                "DeleteLoginProfile", "DeleteAccessKey", "DeleteAccessKey", "DeleteSigningCertificate",
                "DeleteSSHPublicKey", "DeleteServiceSpecificCredential", "DeactivateMFADevice",
                "DeactivateMFADevice", "DeleteVirtualMFADevice", "DetachUserPolicy", "DeleteUserPolicy",
                "RemoveUserFromGroup", "RemoveUserFromGroup", "DeleteUserPermissionsBoundary", "DeleteUser");
        assertThat(r.plan()).filteredOn(s -> s.action() == DeletionAction.DELETE_VIRTUAL_MFA_DEVICE)
                .extracting(DeletionStep::target).containsExactly("arn:aws:iam::123456789012:mfa/alice");
        assertThat(account.users).containsKey("alice");
        assertThat(account.users.get("alice")).isEqualTo(everything("alice"));
        assertThat(account.calls).containsExactly("snapshot alice");
        assertThat(account.backupsWritten).isEmpty();
        assertThat(progress).anyMatch(l -> l.contains("would call DeleteUser(UserName=alice)"));
    }

    @Test
    void deletesEveryDependentAfterRecheckAndBackup() {
        account.add(everything("alice"));
        account.add(everything("bob"));
        DeletionResult r = run(false, "alice").get(0);
        assertThat(r.status()).isEqualTo(DeletionStatus.DELETED);
        assertThat(r.reason()).isNull();
        assertThat(account.users).containsOnlyKeys("bob");
        assertThat(account.virtualMfa).containsExactly("arn:aws:iam::123456789012:mfa/bob");
        int recheck = account.calls.indexOf("fetchLive alice");
        int backup = account.calls.indexOf("backup alice");
        int firstDelete = account.calls.indexOf("DeleteLoginProfile(UserName=alice)");
        assertThat(recheck).isPositive().isLessThan(backup);
        assertThat(backup).isLessThan(firstDelete);
        assertThat(account.backupFiles.get(r.backupFile()).snapshot()).isEqualTo(everything("alice"));
        assertThat(account.backupFiles.get(r.backupFile()).approval()).isEqualTo(approval("alice"));
        assertThat(account.calls).noneMatch(c -> c.contains("bob"));
    }

    @Test
    void exemptUserIsKeptUntouched() {
        UserSnapshot base = everything("carol");
        account.add(new UserSnapshot(base.userName(), base.userId(), base.arn(), base.path(), base.createDate(),
                List.of(new Tag("iam-janitor:exempt", "on-call")), null, List.of(), List.of(), Map.of(), true,
                List.of(), List.of(), List.of(), List.of(), List.of()));
        DeletionResult r = run(false, "carol").get(0);
        assertThat(r.status()).isEqualTo(DeletionStatus.KEPT);
        assertThat(r.reason()).contains("iam-janitor:exempt");
        assertThat(account.users).containsKey("carol");
        assertThat(account.calls).containsExactly("snapshot carol");
    }

    @Test
    void userUsedSinceTheEvidenceIsKeptAndReported() {
        account.add(everything("dave"));
        UserSnapshot s = account.users.get("dave");
        Instant used = EVIDENCE.plus(Duration.ofDays(10));
        List<AccessKey> keys = new ArrayList<>(s.accessKeys());
        keys.set(1, new AccessKey("AKIADAVE2", 0, CredentialStatus.INACTIVE, s.createDate(), used, "ec2",
                "eu-west-1"));
        FakeAccount.Edit e = new FakeAccount.Edit(s);
        e.keys.clear();
        e.keys.addAll(keys);
        account.users.put("dave", e.build());

        DeletionResult r = run(false, "dave").get(0);
        assertThat(r.status()).isEqualTo(DeletionStatus.KEPT);
        assertThat(r.reason()).contains("access key AKIADAVE2 used " + used).contains("ec2 in eu-west-1");
        assertThat(account.backupsWritten).isEmpty();
        assertThat(account.calls).containsExactly("snapshot dave", "fetchLive dave");
    }

    @Test
    void passwordUsedSinceTheEvidenceKeepsTheUser() {
        account.add(everything("erin"));
        account.passwordLastUsed.put("erin", EVIDENCE.plusSeconds(1));
        DeletionResult r = run(false, "erin").get(0);
        assertThat(r.status()).isEqualTo(DeletionStatus.KEPT);
        assertThat(r.reason()).contains("console password used");
        account.passwordLastUsed.put("erin", EVIDENCE);
        assertThat(run(false, "erin").get(0).status()).as("use exactly at the evidence is what was approved")
                .isEqualTo(DeletionStatus.DELETED);
    }

    @Test
    void capStopsTheRunWithAClearMessage() {
        for (String u : List.of("u1", "u2", "u3", "u4")) {
            account.add(everything(u));
        }
        account.add(everything("other"));
        List<ApprovalRecord> approvals = List.of(approval("u1"), approval("gone"), approval("u2"), approval("u3"),
                approval("u4"));
        List<DeletionResult> results = deleter(false, 2).delete(approvals, progress::add);
        assertThat(results).extracting(DeletionResult::status).containsExactly(DeletionStatus.DELETED,
                DeletionStatus.NOT_FOUND, DeletionStatus.DELETED, DeletionStatus.SKIPPED, DeletionStatus.SKIPPED);
        assertThat(results.get(3).reason()).contains("per-run cap of 2");
        assertThat(account.users).containsOnlyKeys("u3", "u4", "other");
        assertThat(progress).last().asString().contains("Stopped at the per-run cap of 2").contains("2 approved");
        assertThat(account.calls).noneMatch(c -> c.contains("u3") || c.contains("u4") || c.contains("other"));
    }

    @Test
    void missingUserIsNotFoundAndDuplicateApprovalsRunOnce() {
        account.add(everything("fay"));
        List<DeletionResult> results = run(false, "fay", "fay", "nobody");
        assertThat(results).extracting(DeletionResult::status).containsExactly(DeletionStatus.DELETED,
                DeletionStatus.SKIPPED, DeletionStatus.NOT_FOUND);
        assertThat(run(false, "fay").get(0).status()).as("re-run after a finished deletion is harmless")
                .isEqualTo(DeletionStatus.NOT_FOUND);
    }

    static IntStream stepIndexes() {
        return IntStream.range(0, DeletionPlanner.plan(everything("gus")).size());
    }

    @ParameterizedTest(name = "process stops at step {0}, re-run finishes")
    @MethodSource("stepIndexes")
    void rerunAfterAProcessStopAtAnyStepFinishesTheJob(int index) {
        account.add(everything("gus"));
        account.add(everything("hal"));
        DeletionStep target = DeletionPlanner.plan(everything("gus")).get(index);
        account.failWhen = target::equals;
        account.stopProcess = true;
        assertThatThrownBy(() -> run(false, "gus")).isInstanceOf(FakeAccount.ProcessStop.class);

        DeletionResult r = run(false, "gus").get(0);
        assertThat(r.status()).isEqualTo(DeletionStatus.DELETED);
        assertThat(account.users).containsOnlyKeys("hal");
        assertThat(account.virtualMfa).as("no orphaned virtual MFA device")
                .containsExactly("arn:aws:iam::123456789012:mfa/hal");
        assertThat(account.backupsWritten).as("the first, fullest backup is kept").hasSize(1);
        assertThat(account.backupFiles.values().iterator().next().snapshot()).isEqualTo(everything("gus"));
    }

    @Test
    void serviceErrorFailsThatUserOnlyAndReRunFinishes() {
        account.add(everything("ivy"));
        account.add(everything("jon"));
        account.failWhen = s -> s.action() == DeletionAction.DETACH_USER_POLICY && s.userName().equals("ivy");
        account.failWith = FakeAccount.throttled(new DeletionStep(DeletionAction.DETACH_USER_POLICY, "ivy", null));
        List<DeletionResult> first = run(false, "ivy", "jon");
        assertThat(first.get(0).status()).isEqualTo(DeletionStatus.FAILED);
        assertThat(first.get(0).reason()).contains("DetachUserPolicy").contains("Throttling").contains("run again");
        assertThat(first.get(1).status()).isEqualTo(DeletionStatus.DELETED);
        DeletionResult again = run(false, "ivy").get(0);
        assertThat(again.status()).isEqualTo(DeletionStatus.DELETED);
        assertThat(again.reason()).contains("already gone");
        assertThat(account.users).isEmpty();
    }

    @Test
    void deleteConflictReReadsAndRetriesOnce() {
        account.add(everything("kim"));
        // A group membership the backup knows of reappears (eventual consistency) right before DeleteUser.
        account.beforeDeleteUser = () -> {
            FakeAccount.Edit e = new FakeAccount.Edit(account.users.get("kim"));
            if (!e.groups.contains("developers")) {
                e.groups.add("developers");
                account.users.put("kim", e.build());
            }
            account.beforeDeleteUser = () -> { };
        };
        DeletionResult r = run(false, "kim").get(0);
        assertThat(r.status()).isEqualTo(DeletionStatus.DELETED);
        assertThat(account.users).isEmpty();
        assertThat(progress).anyMatch(l -> l.contains("refused (DeleteConflict)"));
    }

    @Test
    void dependentUnknownToTheBackupIsNeverDeletedAndNamed() {
        account.add(everything("lea"));
        account.beforeDeleteUser = () -> {
            FakeAccount.Edit e = new FakeAccount.Edit(account.users.get("lea"));
            e.attached.add("arn:aws:iam::123456789012:policy/NewPolicy");
            account.users.put("lea", e.build());
            account.beforeDeleteUser = () -> { };
        };
        DeletionResult r = run(false, "lea").get(0);
        assertThat(r.status()).isEqualTo(DeletionStatus.FAILED);
        assertThat(r.reason()).contains("DeleteUser").contains("appeared after the backup")
                .contains("DetachUserPolicy(UserName=lea, arn:aws:iam::123456789012:policy/NewPolicy)");
        assertThat(account.users.get("lea").attachedPolicyArns())
                .containsExactly("arn:aws:iam::123456789012:policy/NewPolicy");
    }

    @Test
    void persistentConflictFailsNamingTheBlockingDependent() {
        account.add(everything("max"));
        account.beforeDeleteUser = () -> {
            FakeAccount.Edit e = new FakeAccount.Edit(account.users.get("max"));
            if (!e.groups.contains("readers")) {
                e.groups.add("readers");
                account.users.put("max", e.build());
            }
        };
        DeletionResult r = run(false, "max").get(0);
        assertThat(r.status()).isEqualTo(DeletionStatus.FAILED);
        assertThat(r.reason()).contains("refused twice").contains("RemoveUserFromGroup(UserName=max, readers)");
    }

    @Test
    void approvalFromTheFutureIsRefused() {
        account.add(everything("ned"));
        ApprovalRecord future = new ApprovalRecord("ned", "U1", "x", NOW.plus(Duration.ofHours(2)), "cli", null,
                EVIDENCE);
        DeletionResult r = deleter(false, 10).delete(List.of(future), progress::add).get(0);
        assertThat(r.status()).isEqualTo(DeletionStatus.KEPT);
        assertThat(account.users).containsKey("ned");
    }

    @Test
    void sessionNameStampsTheApprover() {
        assertThat(ApproverSession.sessionName("ann@example.com")).isEqualTo("iam-janitor-ann@example.com");
        assertThat(ApproverSession.sessionName("Ann Approver/ops")).isEqualTo("iam-janitor-Ann-Approver-ops");
        assertThat(ApproverSession.sessionName("x".repeat(100))).hasSize(64).startsWith("iam-janitor-xxx");
    }
}
