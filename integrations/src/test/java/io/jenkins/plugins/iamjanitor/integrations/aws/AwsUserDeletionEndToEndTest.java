package io.jenkins.plugins.iamjanitor.integrations.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.iamjanitor.core.approval.ApprovalRecord;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionResult;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionSettings;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionStatus;
import io.jenkins.plugins.iamjanitor.core.deletion.UserDeleter;
import io.jenkins.plugins.iamjanitor.core.policy.Exemptions;
import io.jenkins.plugins.iamjanitor.core.policy.InactivityPolicy;
import io.jenkins.plugins.iamjanitor.core.policy.PolicySettings;
import io.jenkins.plugins.iamjanitor.integrations.backup.JsonBackupStore;
import io.jenkins.plugins.iamjanitor.sandbox.Faults;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Core's UserDeleter driving the AWS adapters through the real SDK against the emulator: the issue-3 guarantees
 * (complete teardown, re-run after a failure at any step, activity since the evidence keeps the user) end to end.
 */
class AwsUserDeletionEndToEndTest {
    private static final Instant EVIDENCE = Instant.now().minus(Duration.ofDays(30));
    private static final List<String> ZED_CALLS = List.of("DeleteLoginProfile", "DeleteAccessKey",
            "DeleteSigningCertificate", "DeleteSSHPublicKey", "DeleteServiceSpecificCredential", "DeactivateMFADevice",
            "DeleteVirtualMFADevice", "DetachUserPolicy", "DeleteUserPolicy", "RemoveUserFromGroup",
            "DeleteUserPermissionsBoundary", "DeleteUser");

    @TempDir
    Path backups;

    private static UserDeleter deleter(IamSandbox sandbox, Path backups) {
        Exemptions exemptions = new Exemptions(List.of("svc-*", "breakglass-*"), List.of("/system/"),
                List.of(Exemptions.DEFAULT_TAG), List.of("admins-protected"));
        InactivityPolicy policy = new InactivityPolicy(new PolicySettings(Duration.ofDays(21), true, exemptions),
                Clock.systemUTC());
        return new UserDeleter(sandbox.directory(false, 100), sandbox.admin(),
                new JsonBackupStore(backups, Clock.systemUTC()), policy, new DeletionSettings(false, 10),
                Clock.systemUTC());
    }

    private static ApprovalRecord approval(String user) {
        return new ApprovalRecord(user, "U123APPROVER", "Ann Approver", Instant.now().minusSeconds(60), "slack",
                "SEC-42", EVIDENCE);
    }

    @Test
    void deletesApprovedUsersCompletelyAndOnlyThem() {
        try (IamSandbox sandbox = IamSandbox.defaultScenario()) {
            List<String> progress = new ArrayList<>();
            List<DeletionResult> results = deleter(sandbox, backups).delete(List.of(approval("zed.full-house"),
                    approval("yara.virtual-mfa"), approval("svc-build"), approval("root-fallback")), progress::add);

            assertThat(results).extracting(DeletionResult::status).containsExactly(DeletionStatus.DELETED,
                    DeletionStatus.DELETED, DeletionStatus.KEPT, DeletionStatus.KEPT);
            assertThat(sandbox.emulator.state().users()).hasSize(38);
            assertThat(sandbox.emulator.state().mfaDevices()).noneMatch(d -> d.serial.endsWith(":mfa/zed.full-house")
                    || d.serial.endsWith(":mfa/yara.virtual-mfa"));
            assertThat(sandbox.emulator.state().mfaDevices()).anyMatch(d -> d.serial.endsWith(":mfa/orphaned-device"));
            assertThat(ZED_CALLS).allMatch(call -> sandbox.emulator.calls(call) > 0);
            assertThat(backups.toFile().list()).hasSize(2);
        }
    }

    static Stream<Arguments> failures() {
        List<Arguments> out = new ArrayList<>();
        Faults.Kind[] kinds = {Faults.Kind.SERVER_ERROR, Faults.Kind.THROTTLE, Faults.Kind.DROP};
        for (int i = 0; i < ZED_CALLS.size(); i++) {
            out.add(Arguments.of(ZED_CALLS.get(i), kinds[i % kinds.length]));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} failing with {1}")
    @MethodSource("failures")
    void aRunThatFailsAtAnyStepIsFinishedByTheNextRun(String call, Faults.Kind kind) {
        try (IamSandbox sandbox = IamSandbox.defaultScenario()) {
            UserDeleter deleter = deleter(sandbox, backups);
            // A transient fault is absorbed by the SDK's retries...
            sandbox.emulator.faults().failNext(call, kind, 2);
            List<DeletionResult> first = deleter.delete(List.of(approval("xavier.groups-policies")), line -> { });
            assertThat(first).singleElement().extracting(DeletionResult::status).isEqualTo(DeletionStatus.DELETED);

            // ...a persistent one fails the run for that user, and a re-run finishes the job.
            sandbox.emulator.faults().failNext(call, kind, 1000);
            List<DeletionResult> failed = deleter.delete(List.of(approval("zed.full-house")), line -> { });
            assertThat(failed).singleElement().satisfies(r -> {
                assertThat(r.status()).isEqualTo(DeletionStatus.FAILED);
                assertThat(r.reason()).contains(call);
            });
            assertThat(sandbox.emulator.state().hasUser("zed.full-house")).isTrue();
            sandbox.emulator.faults().failNext(null, Faults.Kind.NONE, 0);

            List<DeletionResult> rerun = deleter.delete(List.of(approval("zed.full-house")), line -> { });

            assertThat(rerun).singleElement().extracting(DeletionResult::status).isEqualTo(DeletionStatus.DELETED);
            assertThat(sandbox.emulator.state().hasUser("zed.full-house")).isFalse();
            assertThat(sandbox.emulator.state().mfaDevices()).noneMatch(d -> d.serial.endsWith(":mfa/zed.full-house"));
            assertThat(sandbox.emulator.state().users()).hasSize(38);
        }
    }

    @Test
    void aUserActiveSinceTheEvidenceIsKept() {
        try (IamSandbox sandbox = IamSandbox.defaultScenario()) {
            Instant now = Instant.now();
            sandbox.emulator.state().locked(s -> s.user("grace.stale-keys").accessKeys.get(0).lastUsed = now);

            List<DeletionResult> results = deleter(sandbox, backups).delete(List.of(approval("grace.stale-keys")),
                    line -> { });

            assertThat(results).singleElement().satisfies(r -> {
                assertThat(r.status()).isEqualTo(DeletionStatus.KEPT);
                assertThat(r.reason()).startsWith("used since the approval's evidence");
            });
            assertThat(sandbox.emulator.state().hasUser("grace.stale-keys")).isTrue();
            assertThat(sandbox.emulator.calls("DeleteAccessKey")).isZero();
        }
    }
}
