package io.jenkins.plugins.iamjanitor.integrations.aws;

import io.jenkins.plugins.iamjanitor.core.deletion.UserSnapshot;
import io.jenkins.plugins.iamjanitor.core.model.AccessKey;
import io.jenkins.plugins.iamjanitor.core.model.CredentialStatus;
import io.jenkins.plugins.iamjanitor.core.model.MfaDevice;
import io.jenkins.plugins.iamjanitor.core.model.ServiceSpecificCredential;
import io.jenkins.plugins.iamjanitor.core.port.ServiceException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.CreateUserRequest;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.Tag;

/**
 * Recreates a user from a snapshot: the user (path, tags, boundary), groups, attached and inline policies, SSH keys
 * and signing certificates (with their Inactive status). Returns one line per thing that did not come back.
 */
final class IamRestorer {
    private final IamClient iam;
    private final IamReads reads;

    IamRestorer(IamClient iam, IamReads reads) {
        this.iam = iam;
        this.reads = reads;
    }

    List<String> restore(UserSnapshot s) {
        List<String> lines = new ArrayList<>();
        String user = s.userName();
        CreateUserRequest.Builder create = CreateUserRequest.builder().userName(user).path(s.path())
                .tags(s.tags().stream().map(t -> Tag.builder().key(t.key()).value(t.value()).build()).toList());
        if (s.permissionsBoundaryArn() != null) {
            create.permissionsBoundary(s.permissionsBoundaryArn());
        }
        String newId;
        try {
            newId = AwsCalls.call("CreateUser", () -> iam.createUser(create.build()).user().userId());
        } catch (ServiceException e) {
            if (!(e.getCause() instanceof EntityAlreadyExistsException)) {
                throw e;
            }
            lines.add("user " + user + " already exists: only missing tags, boundary, groups, policies, keys and"
                    + " certificates were added to it");
            newId = reads.user(user).map(u -> u.userId()).orElse("?");
            if (!s.tags().isEmpty()) {
                add(lines, "TagUser", () -> iam.tagUser(r -> r.userName(user).tags(create.build().tags())));
            }
            if (s.permissionsBoundaryArn() != null) {
                add(lines, "PutUserPermissionsBoundary", () -> iam.putUserPermissionsBoundary(
                        r -> r.userName(user).permissionsBoundary(s.permissionsBoundaryArn())));
            }
        }
        lines.add("the user id is new: " + newId + " (was " + s.userId() + "); policies naming the old id no longer"
                + " match");
        List<String> groups = reads.groups(user).stream().map(g -> g.groupName()).toList();
        for (String group : s.groups()) {
            if (!groups.contains(group)) {
                add(lines, "AddUserToGroup " + group, () -> iam.addUserToGroup(r -> r.userName(user).groupName(group)));
            }
        }
        for (String arn : s.attachedPolicyArns()) {
            add(lines, "AttachUserPolicy " + arn, () -> iam.attachUserPolicy(r -> r.userName(user).policyArn(arn)));
        }
        for (Map.Entry<String, String> p : s.inlinePolicies().entrySet()) {
            add(lines, "PutUserPolicy " + p.getKey(), () -> iam.putUserPolicy(
                    r -> r.userName(user).policyName(p.getKey()).policyDocument(p.getValue())));
        }
        List<String> existingSsh = reads.sshKeys(user).stream()
                .map(k -> reads.sshKey(user, k.sshPublicKeyId()).sshPublicKeyBody()).toList();
        for (UserSnapshot.SshKey key : s.sshPublicKeys()) {
            if (!existingSsh.contains(key.body())) {
                add(lines, "UploadSSHPublicKey " + key.sshPublicKeyId(), () -> {
                    String id = iam.uploadSSHPublicKey(r -> r.userName(user).sshPublicKeyBody(key.body()))
                            .sshPublicKey().sshPublicKeyId();
                    if (key.status() == CredentialStatus.INACTIVE) {
                        iam.updateSSHPublicKey(r -> r.userName(user).sshPublicKeyId(id).status("Inactive"));
                    }
                });
            }
        }
        List<String> existingCerts = reads.certificates(user).stream().map(c -> c.certificateBody()).toList();
        for (UserSnapshot.Certificate cert : s.signingCertificates()) {
            if (!existingCerts.contains(cert.body())) {
                add(lines, "UploadSigningCertificate " + cert.certificateId(), () -> {
                    String id = iam.uploadSigningCertificate(r -> r.userName(user).certificateBody(cert.body()))
                            .certificate().certificateId();
                    if (cert.status() == CredentialStatus.INACTIVE) {
                        iam.updateSigningCertificate(r -> r.userName(user).certificateId(id).status("Inactive"));
                    }
                });
            }
        }
        cannotComeBack(s, lines::add);
        return lines;
    }

    private static void add(List<String> lines, String what, Runnable call) {
        String failure = AwsIamUserAdmin.attempt(what, call);
        if (failure != null) {
            lines.add(failure);
        }
    }

    private static void cannotComeBack(UserSnapshot s, Consumer<String> lines) {
        if (s.loginProfile()) {
            lines.accept("console password: cannot be restored (AWS never reveals it); set a new one with"
                    + " CreateLoginProfile if the user needs console access");
        }
        for (AccessKey k : s.accessKeys()) {
            lines.accept("access key " + k.accessKeyId() + " (" + k.status() + "): cannot be restored (the secret is"
                    + " gone); create a new key and hand it over");
        }
        for (MfaDevice d : s.mfaDevices()) {
            lines.accept("MFA device " + d.serialNumber() + ": cannot be restored (the seed is gone); re-enrol "
                    + (d.virtual() ? "a new virtual device" : "the hardware device"));
        }
        for (ServiceSpecificCredential c : s.serviceSpecificCredentials()) {
            lines.accept("service-specific credential " + c.serviceSpecificCredentialId() + " for " + c.serviceName()
                    + ": cannot be restored (the password is gone); create a new one");
        }
    }
}
