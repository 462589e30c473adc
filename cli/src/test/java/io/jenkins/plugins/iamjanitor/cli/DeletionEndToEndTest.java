package io.jenkins.plugins.iamjanitor.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.iamjanitor.core.deletion.DeletionAction;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionResult;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionStatus;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionStep;
import io.jenkins.plugins.iamjanitor.core.deletion.StepResult;
import io.jenkins.plugins.iamjanitor.core.deletion.UserSnapshot;
import io.jenkins.plugins.iamjanitor.core.port.IamUserAdmin;
import io.jenkins.plugins.iamjanitor.sandbox.Faults;
import io.jenkins.plugins.iamjanitor.sandbox.iam.IamState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Issue 3's "done when": UserDeleter through AwsIamUserAdmin and the real SDK against the IAM emulator. */
class DeletionEndToEndTest {
    static final String ZED_VIRTUAL_MFA = "arn:aws:iam::123456789012:mfa/zed";

    @TempDir
    Path backupDir;
    SandboxAccount account;
    final List<String> progress = new ArrayList<>();

    @BeforeEach
    void start() {
        account = new SandboxAccount(SandboxAccount.resource("deletion-scenario.json"), backupDir);
    }

    @AfterEach
    void stop() {
        account.close();
    }

    IamState state() {
        return account.sandbox.iam().state();
    }

    List<String> userNames() {
        return state().locked(s -> s.users().stream().map(u -> u.name).sorted().toList());
    }

    List<String> virtualMfaSerials() {
        return state().locked(s -> s.mfaDevices().stream().filter(d -> d.virtual).map(d -> d.serial)
                .sorted().toList());
    }

    DeletionResult delete(IamUserAdmin admin, String user) {
        return account.deleter(admin, false, 10).delete(List.of(account.approval(user, 50)), progress::add).get(0);
    }

    @Test
    void userWithEveryKindOfDependentIsDeletedCompletely() {
        UserSnapshot before = account.admin.snapshot("zed").orElseThrow();
        assertThat(before.accessKeys()).hasSize(2);
        assertThat(before.mfaDevices()).hasSize(2);

        DeletionResult r = delete(account.admin, "zed");

        assertThat(r.status()).as(r.reason()).isEqualTo(DeletionStatus.DELETED);
        assertThat(r.plan()).extracting(s -> s.action().apiName()).containsExactly("DeleteLoginProfile",
                "DeleteAccessKey", "DeleteAccessKey", "DeleteSigningCertificate", "DeleteSSHPublicKey",
                "DeleteServiceSpecificCredential", "DeactivateMFADevice", "DeactivateMFADevice",
                "DeleteVirtualMFADevice", "DetachUserPolicy", "DetachUserPolicy", "DeleteUserPolicy",
                "RemoveUserFromGroup", "RemoveUserFromGroup", "DeleteUserPermissionsBoundary", "DeleteUser");
        assertThat(userNames()).containsExactly("busy", "bystander", "guarded", "walt", "yara");
        assertThat(virtualMfaSerials()).as("zed's virtual device is deleted, not orphaned")
                .doesNotContain(ZED_VIRTUAL_MFA).contains("arn:aws:iam::123456789012:mfa/unassigned-device");
        assertThat(account.sandbox.iam().calls("GetAccessKeyLastUsed")).as("live re-check ran").isPositive();
        assertThat(account.backups.read(r.backupFile()).snapshot()).isEqualTo(before);
        assertThat(account.admin.snapshot("bystander").orElseThrow().groups()).containsExactly("developers");
    }

    @Test
    void backupThenRestoreGivesBackAnEquivalentUser() {
        UserSnapshot before = account.admin.snapshot("zed").orElseThrow();
        DeletionResult r = delete(account.admin, "zed");
        assertThat(state().hasUser("zed")).isFalse();

        List<String> notes = account.admin.restore(account.backups.read(r.backupFile()).snapshot());

        UserSnapshot after = account.admin.snapshot("zed").orElseThrow();
        assertThat(after.arn()).isEqualTo(before.arn());
        assertThat(after.path()).isEqualTo(before.path());
        assertThat(after.tags()).containsExactlyInAnyOrderElementsOf(before.tags());
        assertThat(after.permissionsBoundaryArn()).isEqualTo(before.permissionsBoundaryArn());
        assertThat(after.groups()).containsExactlyInAnyOrderElementsOf(before.groups());
        assertThat(after.attachedPolicyArns()).containsExactlyInAnyOrderElementsOf(before.attachedPolicyArns());
        assertThat(after.inlinePolicies()).isEqualTo(before.inlinePolicies());
        assertThat(after.sshPublicKeys()).extracting(UserSnapshot.SshKey::body)
                .containsExactlyElementsOf(before.sshPublicKeys().stream().map(UserSnapshot.SshKey::body).toList());
        assertThat(after.signingCertificates()).extracting(UserSnapshot.Certificate::body)
                .containsExactlyElementsOf(before.signingCertificates().stream()
                        .map(UserSnapshot.Certificate::body).toList());
        assertThat(after.userId()).isNotEqualTo(before.userId());
        assertThat(after.accessKeys()).isEmpty();
        assertThat(after.loginProfile()).isFalse();
        assertThat(String.join("\n", notes)).containsIgnoringCase("password").containsIgnoringCase("access key");
    }

    static Stream<Arguments> faults() {
        List<Arguments> out = new ArrayList<>();
        Faults.Kind[] kinds = {Faults.Kind.THROTTLE, Faults.Kind.SERVER_ERROR, Faults.Kind.DROP};
        DeletionAction[] actions = DeletionAction.values();
        for (int i = 0; i < actions.length; i++) {
            out.add(Arguments.of(actions[i], kinds[i % kinds.length]));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{1} on every {0} until the run gives up, then a re-run finishes")
    @MethodSource("faults")
    void persistentFaultAtAStepThenReRunEndsInTheSameState(DeletionAction action, Faults.Kind kind) {
        account.sandbox.iam().faults().failNext(action.apiName(), kind, 1_000);
        DeletionResult first = delete(account.admin, "zed");
        assertThat(first.status()).isEqualTo(DeletionStatus.FAILED);
        assertThat(first.reason()).contains(action.apiName()).contains("run again");
        assertThat(state().hasUser("zed")).isTrue();

        account.sandbox.iam().faults().failNext(null, Faults.Kind.NONE, 0);
        DeletionResult second = delete(account.admin, "zed");

        assertThat(second.status()).as(second.reason()).isEqualTo(DeletionStatus.DELETED);
        assertFinalState();
    }

    @Test
    void transientFaultsAreRetriedWithinTheRun() {
        account.sandbox.iam().faults().failNext("DeleteUser", Faults.Kind.THROTTLE, 2);
        assertThat(delete(account.admin, "zed").status()).isEqualTo(DeletionStatus.DELETED);
        assertFinalState();
    }

    /** Dies right after IAM performed the call, before the process could record it. */
    static final class ProcessStop extends Error {
    }

    @ParameterizedTest(name = "process stops right after {0}, re-run finishes")
    @EnumSource(DeletionAction.class)
    void processStopAfterAnyStepThenReRunFinishes(DeletionAction action) {
        IamUserAdmin dying = new IamUserAdmin() {
            @Override
            public Optional<UserSnapshot> snapshot(String userName) {
                return account.admin.snapshot(userName);
            }

            @Override
            public StepResult apply(DeletionStep step) {
                StepResult result = account.admin.apply(step);
                if (step.action() == action) {
                    throw new ProcessStop();
                }
                return result;
            }

            @Override
            public List<String> restore(UserSnapshot snapshot) {
                throw new UnsupportedOperationException();
            }
        };
        assertThatThrownBy(() -> delete(dying, "zed")).isInstanceOf(ProcessStop.class);

        DeletionResult rerun = delete(account.admin, "zed");
        assertThat(rerun.status()).isIn(DeletionStatus.DELETED, DeletionStatus.NOT_FOUND);
        assertFinalState();
        try (Stream<Path> files = java.nio.file.Files.list(backupDir)) {
            assertThat(files).as("one backup, the full one").hasSize(1);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    void assertFinalState() {
        assertThat(userNames()).containsExactly("busy", "bystander", "guarded", "walt", "yara");
        assertThat(virtualMfaSerials()).containsExactly("arn:aws:iam::123456789012:mfa/unassigned-device",
                "arn:aws:iam::123456789012:mfa/yara");
    }

    @Test
    void userActiveSinceTheEvidenceIsKeptAndReported() {
        DeletionResult r = delete(account.admin, "busy");
        assertThat(r.status()).isEqualTo(DeletionStatus.KEPT);
        assertThat(r.reason()).contains("access key").contains("ec2 in eu-west-1");
        assertThat(state().hasUser("busy")).isTrue();
        assertThat(account.sandbox.iam().calls("DeleteAccessKey")).isZero();
    }

    @Test
    void capHoldsAndOnlyApprovedUsersAreTouched() {
        List<DeletionResult> results = account.deleter(account.admin, false, 2).delete(List.of(
                account.approval("walt", 50), account.approval("guarded", 50), account.approval("yara", 50),
                account.approval("zed", 50)), progress::add);
        assertThat(results).extracting(DeletionResult::status).containsExactly(DeletionStatus.DELETED,
                DeletionStatus.KEPT, DeletionStatus.DELETED, DeletionStatus.SKIPPED);
        assertThat(results.get(1).reason()).contains("iam-janitor:exempt");
        assertThat(results.get(3).reason()).contains("per-run cap of 2");
        assertThat(userNames()).containsExactly("busy", "bystander", "guarded", "zed");
        assertThat(virtualMfaSerials()).doesNotContain("arn:aws:iam::123456789012:mfa/yara")
                .contains(ZED_VIRTUAL_MFA);
    }
}
