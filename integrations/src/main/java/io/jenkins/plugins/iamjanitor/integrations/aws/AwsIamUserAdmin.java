package io.jenkins.plugins.iamjanitor.integrations.aws;

import static io.jenkins.plugins.iamjanitor.integrations.aws.AwsCalls.call;

import io.jenkins.plugins.iamjanitor.core.deletion.DeletionStep;
import io.jenkins.plugins.iamjanitor.core.deletion.StepResult;
import io.jenkins.plugins.iamjanitor.core.deletion.UserSnapshot;
import io.jenkins.plugins.iamjanitor.core.model.AccessKey;
import io.jenkins.plugins.iamjanitor.core.model.MfaDevice;
import io.jenkins.plugins.iamjanitor.core.model.ServiceSpecificCredential;
import io.jenkins.plugins.iamjanitor.core.model.Tag;
import io.jenkins.plugins.iamjanitor.core.port.IamUserAdmin;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKeyLastUsed;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.Group;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.User;

/** {@link IamUserAdmin} on AWS IAM: live snapshots, single destructive calls, and restore from a snapshot. */
public final class AwsIamUserAdmin implements IamUserAdmin {
    private final IamClient iam;
    private final IamReads reads;

    public AwsIamUserAdmin(IamClient iam) {
        this(iam, 1000);
    }

    public AwsIamUserAdmin(IamClient iam, int pageSize) {
        this.iam = iam;
        this.reads = new IamReads(iam, pageSize);
    }

    @Override
    public Optional<UserSnapshot> snapshot(String userName) {
        Optional<User> found = reads.user(userName);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        User user = found.get();
        List<Tag> tags = reads.tags(userName).stream().map(t -> new Tag(t.key(), t.value())).toList();
        List<String> groups = reads.groups(userName).stream().map(Group::groupName).toList();
        List<String> attached = reads.attachedPolicies(userName).stream().map(AttachedPolicy::policyArn).toList();
        Map<String, String> inline = new LinkedHashMap<>();
        for (String name : reads.inlinePolicyNames(userName)) {
            inline.put(name, reads.inlinePolicy(userName, name));
        }
        boolean loginProfile = reads.loginProfile(userName).isPresent();
        List<AccessKey> keys = reads.accessKeys(userName).stream().map(k -> {
            AccessKeyLastUsed used = reads.accessKeyLastUsed(k.accessKeyId());
            return new AccessKey(k.accessKeyId(), 0, AwsIamDirectory.status(k.statusAsString()), k.createDate(),
                    used.lastUsedDate(), na(used.serviceName()), na(used.region()));
        }).toList();
        List<MfaDevice> mfa = reads.mfaDevices(userName).stream()
                .map(d -> new MfaDevice(d.serialNumber(), d.enableDate(), IamReads.isVirtualMfa(d.serialNumber())))
                .toList();
        List<UserSnapshot.SshKey> ssh = reads.sshKeys(userName).stream()
                .map(k -> new UserSnapshot.SshKey(k.sshPublicKeyId(), AwsIamDirectory.status(k.statusAsString()),
                        k.uploadDate(), reads.sshKey(userName, k.sshPublicKeyId()).sshPublicKeyBody()))
                .toList();
        List<UserSnapshot.Certificate> certs = reads.certificates(userName).stream()
                .map(c -> new UserSnapshot.Certificate(c.certificateId(), AwsIamDirectory.status(c.statusAsString()),
                        c.uploadDate(), c.certificateBody()))
                .toList();
        List<ServiceSpecificCredential> sscs = reads.serviceCredentials(userName).stream()
                .map(c -> new ServiceSpecificCredential(c.serviceSpecificCredentialId(), c.serviceName(),
                        AwsIamDirectory.status(c.statusAsString()), c.createDate()))
                .toList();
        String boundary = user.permissionsBoundary() == null ? null
                : user.permissionsBoundary().permissionsBoundaryArn();
        return Optional.of(new UserSnapshot(userName, user.userId(), user.arn(), user.path(), user.createDate(), tags,
                boundary, groups, attached, inline, loginProfile, keys, mfa, ssh, certs, sscs));
    }

    @Override
    public StepResult apply(DeletionStep step) {
        String user = step.userName();
        String target = step.target();
        String operation = step.action().apiName();
        Runnable request = switch (step.action()) {
            case DELETE_LOGIN_PROFILE -> () -> iam.deleteLoginProfile(r -> r.userName(user));
            case DELETE_ACCESS_KEY -> () -> iam.deleteAccessKey(r -> r.userName(user).accessKeyId(target));
            case DELETE_SIGNING_CERTIFICATE -> () -> iam.deleteSigningCertificate(
                    r -> r.userName(user).certificateId(target));
            case DELETE_SSH_PUBLIC_KEY -> () -> iam.deleteSSHPublicKey(r -> r.userName(user).sshPublicKeyId(target));
            case DELETE_SERVICE_SPECIFIC_CREDENTIAL -> () -> iam.deleteServiceSpecificCredential(
                    r -> r.userName(user).serviceSpecificCredentialId(target));
            case DEACTIVATE_MFA_DEVICE -> () -> iam.deactivateMFADevice(r -> r.userName(user).serialNumber(target));
            case DELETE_VIRTUAL_MFA_DEVICE -> () -> iam.deleteVirtualMFADevice(r -> r.serialNumber(target));
            case DETACH_USER_POLICY -> () -> iam.detachUserPolicy(r -> r.userName(user).policyArn(target));
            case DELETE_USER_POLICY -> () -> iam.deleteUserPolicy(r -> r.userName(user).policyName(target));
            case REMOVE_USER_FROM_GROUP -> () -> iam.removeUserFromGroup(r -> r.userName(user).groupName(target));
            case DELETE_USER_PERMISSIONS_BOUNDARY -> () -> iam.deleteUserPermissionsBoundary(r -> r.userName(user));
            case DELETE_USER -> () -> iam.deleteUser(r -> r.userName(user));
        };
        if (requiresTarget(step) && target == null) {
            throw new IllegalArgumentException(step.describe() + " needs a target");
        }
        try {
            request.run();
            return StepResult.DONE;
        } catch (NoSuchEntityException e) {
            return StepResult.ALREADY_GONE;
        } catch (SdkException e) {
            throw AwsCalls.translate(operation, e);
        }
    }

    private static boolean requiresTarget(DeletionStep step) {
        return switch (step.action()) {
            case DELETE_LOGIN_PROFILE, DELETE_USER_PERMISSIONS_BOUNDARY, DELETE_USER -> false;
            default -> true;
        };
    }

    @Override
    public List<String> restore(UserSnapshot snapshot) {
        return new IamRestorer(iam, reads).restore(snapshot);
    }

    static String na(String value) {
        return value == null || "N/A".equals(value) ? null : value;
    }

    /** Package-private for the restorer: a call whose failure becomes a report line instead of an exception. */
    static String attempt(String what, Runnable call) {
        try {
            call(what, () -> {
                call.run();
                return null;
            });
            return null;
        } catch (RuntimeException e) {
            return "FAILED: " + e.getMessage();
        }
    }
}
