package io.jenkins.plugins.iamjanitor.integrations.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.iamjanitor.core.deletion.DeleteConflictException;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionAction;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionPlanner;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionStep;
import io.jenkins.plugins.iamjanitor.core.deletion.StepResult;
import io.jenkins.plugins.iamjanitor.core.deletion.UserSnapshot;
import io.jenkins.plugins.iamjanitor.core.model.CredentialStatus;
import io.jenkins.plugins.iamjanitor.core.model.MfaDevice;
import io.jenkins.plugins.iamjanitor.core.port.ServiceException;
import io.jenkins.plugins.iamjanitor.sandbox.Faults;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AwsIamUserAdminTest {
    private static final String ZED = "zed.full-house";
    private final IamSandbox sandbox = IamSandbox.defaultScenario();
    private final AwsIamUserAdmin admin = sandbox.admin();

    @AfterEach
    void close() {
        sandbox.close();
    }

    /** Core's teardown plan, applied here one call at a time. */
    private static List<DeletionStep> plan(UserSnapshot s) {
        return DeletionPlanner.plan(s);
    }

    @Test
    void snapshotReadsEveryDependentPaginated() {
        UserSnapshot s = admin.snapshot(ZED).orElseThrow();

        assertThat(s.path()).isEqualTo("/engineering/");
        assertThat(s.userId()).startsWith("AIDA");
        assertThat(s.groups()).containsExactly("developers", "readonly");
        assertThat(s.attachedPolicyArns()).containsExactly("arn:aws:iam::aws:policy/ReadOnlyAccess",
                "arn:aws:iam::123456789012:policy/DeveloperAccess");
        assertThat(s.permissionsBoundaryArn()).isEqualTo("arn:aws:iam::123456789012:policy/BoundaryPolicy");
        assertThat(s.inlinePolicies()).containsOnlyKeys("s3-reports");
        assertThat(s.inlinePolicies().get("s3-reports")).startsWith("{\"Version\":\"2012-10-17\"")
                .contains("arn:aws:s3:::reports/*");
        assertThat(s.loginProfile()).isTrue();
        assertThat(s.accessKeys()).hasSize(2);
        assertThat(s.mfaDevices()).extracting(MfaDevice::virtual).containsExactly(true, false);
        assertThat(s.sshPublicKeys()).singleElement().satisfies(k -> assertThat(k.body()).startsWith("ssh-rsa "));
        assertThat(s.signingCertificates()).singleElement()
                .satisfies(c -> assertThat(c.body()).startsWith("-----BEGIN CERTIFICATE-----"));
        assertThat(s.serviceSpecificCredentials()).hasSize(1);
        assertThat(sandbox.emulator.calls("ListAccessKeys")).isEqualTo(2);
        assertThat(sandbox.emulator.calls("ListGroupsForUser")).isEqualTo(2); // page size 1: IsTruncated followed
        assertThat(admin.snapshot("nobody")).isEmpty();
    }

    @Test
    void listsWithoutAnSdkPaginatorAreFollowedToo() {
        sandbox.emulator.seed("{\"users\":[{\"name\":\"many\",\"serviceSpecificCredentials\":[{},{},"
                + "{\"service\":\"cassandra.amazonaws.com\"}],\"inlinePolicies\":{\"a\":\"{}\",\"b\":\"{}\","
                + "\"c\":\"{}\"}}]}");

        UserSnapshot s = admin.snapshot("many").orElseThrow();

        assertThat(s.serviceSpecificCredentials()).hasSize(3);
        assertThat(sandbox.emulator.calls("ListServiceSpecificCredentials")).isEqualTo(3);
        assertThat(s.inlinePolicies()).containsOnlyKeys("a", "b", "c");
    }

    @Test
    void fullTeardownLeavesNothingBehindIncludingTheVirtualMfaDevice() {
        UserSnapshot s = admin.snapshot(ZED).orElseThrow();
        String virtualSerial = s.mfaDevices().stream().filter(MfaDevice::virtual).findFirst().orElseThrow()
                .serialNumber();

        for (DeletionStep step : plan(s)) {
            assertThat(admin.apply(step)).as(step.describe()).isEqualTo(StepResult.DONE);
        }

        assertThat(admin.snapshot(ZED)).isEmpty();
        assertThat(sandbox.emulator.state().hasUser(ZED)).isFalse();
        assertThat(sandbox.emulator.state().mfaDevices()).noneMatch(d -> d.serial.equals(virtualSerial));
        assertThat(sandbox.iam.listVirtualMFADevices().virtualMFADevices())
                .noneMatch(d -> d.serialNumber().equals(virtualSerial));
    }

    @Test
    void rerunningATeardownReportsAlreadyGone() {
        UserSnapshot s = admin.snapshot(ZED).orElseThrow();
        List<DeletionStep> steps = plan(s);
        steps.forEach(admin::apply);

        for (DeletionStep step : steps) {
            assertThat(admin.apply(step)).as(step.describe()).isEqualTo(StepResult.ALREADY_GONE);
        }
    }

    @Test
    void deleteUserConflictsWhileDependentsExist() {
        assertThatThrownBy(() -> admin.apply(new DeletionStep(DeletionAction.DELETE_USER, ZED, null)))
                .isInstanceOf(DeleteConflictException.class)
                .hasMessage("IAM DeleteUser failed (DeleteConflict): Cannot delete entity, must delete login profile"
                        + " first.");
        admin.apply(new DeletionStep(DeletionAction.DELETE_LOGIN_PROFILE, ZED, null));
        assertThatThrownBy(() -> admin.apply(new DeletionStep(DeletionAction.DELETE_USER, ZED, null)))
                .hasMessageContaining("must delete access keys first");
        String serial = "arn:aws:iam::123456789012:mfa/" + ZED;
        assertThatThrownBy(() -> admin.apply(new DeletionStep(DeletionAction.DELETE_VIRTUAL_MFA_DEVICE, ZED, serial)))
                .isInstanceOf(DeleteConflictException.class).hasMessageContaining("still in use");
    }

    @Test
    void destructiveCallsAreRetriedAndPersistentFailuresAreClear() {
        sandbox.emulator.faults().failNext("DeleteLoginProfile", Faults.Kind.THROTTLE, 2);
        assertThat(admin.apply(new DeletionStep(DeletionAction.DELETE_LOGIN_PROFILE, ZED, null)))
                .isEqualTo(StepResult.DONE);
        sandbox.emulator.faults().failNext("RemoveUserFromGroup", Faults.Kind.SERVER_ERROR, 100);
        assertThatThrownBy(() -> admin.apply(new DeletionStep(DeletionAction.REMOVE_USER_FROM_GROUP, ZED, "ops")))
                .isInstanceOfSatisfying(ServiceException.class,
                        e -> assertThat(e.operation()).isEqualTo("RemoveUserFromGroup"));
    }

    @Test
    void restoreGivesBackAnEquivalentUser() {
        UserSnapshot before = admin.snapshot(ZED).orElseThrow();
        plan(before).forEach(admin::apply);

        List<String> lines = admin.restore(before);

        UserSnapshot after = admin.snapshot(ZED).orElseThrow();
        assertThat(after.path()).isEqualTo(before.path());
        assertThat(after.tags()).isEqualTo(before.tags());
        assertThat(after.permissionsBoundaryArn()).isEqualTo(before.permissionsBoundaryArn());
        assertThat(after.groups()).isEqualTo(before.groups());
        assertThat(after.attachedPolicyArns()).isEqualTo(before.attachedPolicyArns());
        assertThat(after.inlinePolicies()).isEqualTo(before.inlinePolicies());
        assertThat(after.sshPublicKeys()).extracting(UserSnapshot.SshKey::body, UserSnapshot.SshKey::status)
                .containsExactlyElementsOf(before.sshPublicKeys().stream()
                        .map(k -> org.assertj.core.groups.Tuple.tuple(k.body(), k.status())).toList());
        assertThat(after.signingCertificates()).singleElement().satisfies(c -> {
            assertThat(c.body()).isEqualTo(before.signingCertificates().get(0).body());
            assertThat(c.status()).isEqualTo(CredentialStatus.INACTIVE);
        });
        assertThat(after.userId()).isNotEqualTo(before.userId());
        assertThat(after.loginProfile()).isFalse();
        assertThat(after.accessKeys()).isEmpty();
        assertThat(lines).anyMatch(l -> l.startsWith("the user id is new"))
                .anyMatch(l -> l.startsWith("console password: cannot be restored"))
                .anyMatch(l -> l.startsWith("access key " + before.accessKeys().get(0).accessKeyId()))
                .anyMatch(l -> l.startsWith("MFA device arn:aws:iam::123456789012:mfa/"))
                .anyMatch(l -> l.startsWith("service-specific credential"))
                .noneMatch(l -> l.startsWith("FAILED"));

        // Restoring again is harmless: the user exists, nothing is duplicated.
        List<String> again = admin.restore(before);
        assertThat(again).anyMatch(l -> l.contains("already exists")).noneMatch(l -> l.startsWith("FAILED"));
        assertThat(admin.snapshot(ZED).orElseThrow().sshPublicKeys()).hasSize(1);
    }
}
