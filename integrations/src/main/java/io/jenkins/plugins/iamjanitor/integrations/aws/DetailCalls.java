package io.jenkins.plugins.iamjanitor.integrations.aws;

import static io.jenkins.plugins.iamjanitor.integrations.aws.AwsIamDirectory.status;

import io.jenkins.plugins.iamjanitor.core.model.IamUser;
import io.jenkins.plugins.iamjanitor.core.model.MfaDevice;
import io.jenkins.plugins.iamjanitor.core.model.ServiceSpecificCredential;
import io.jenkins.plugins.iamjanitor.core.model.SigningCertificate;
import io.jenkins.plugins.iamjanitor.core.model.SshPublicKey;
import io.jenkins.plugins.iamjanitor.core.model.Tag;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.services.iam.model.Group;
import software.amazon.awssdk.services.iam.model.ServiceSpecificCredentialMetadata;

/**
 * The per-user detail reads of one scan, each paced by the shared {@link RequestPacer} and skipped once
 * {@link ReadHealth} knows the call fails. Thread-safe (the SDK client is).
 */
final class DetailCalls {
    private final IamReads reads;
    private final RequestPacer pacer;
    private final ReadHealth health;

    DetailCalls(IamReads reads, RequestPacer pacer, ReadHealth health) {
        this.reads = reads;
        this.pacer = pacer;
        this.health = health;
    }

    /**
     * Every detail by per-user calls (6 calls). Keys stay as discovery found them (by slot when from the report), as
     * on the bulk path, so both paths give the same users; the CloudTrail stage reads the ids it needs.
     */
    IamUser everything(IamUser user) {
        String name = user.userName();
        List<Tag> tags = read("ListUserTags", "tags", () -> reads.tags(name)).stream()
                .map(t -> new Tag(t.key(), t.value())).toList();
        List<String> groups = read("ListGroupsForUser", "groups", () -> reads.groups(name)).stream()
                .map(Group::groupName).toList();
        List<SshPublicKey> ssh = sshKeys(name);
        List<SigningCertificate> certs = read("ListSigningCertificates", "signing certificates",
                () -> reads.certificates(name)).stream()
                .map(c -> new SigningCertificate(c.certificateId(), status(c.statusAsString()), c.uploadDate()))
                .toList();
        List<ServiceSpecificCredential> sscs = serviceCredentials(name);
        List<MfaDevice> mfa = read("ListMFADevices", "MFA devices", () -> reads.mfaDevices(name)).stream()
                .map(d -> new MfaDevice(d.serialNumber(), d.enableDate(), IamReads.isVirtualMfa(d.serialNumber())))
                .toList();
        return new IamUser(name, user.userId(), user.arn(), user.path(), user.createDate(), tags, groups,
                user.password(), user.accessKeys(), ssh, certs, sscs, mfa);
    }

    List<SshPublicKey> sshKeys(String name) {
        return read("ListSSHPublicKeys", "SSH public keys", () -> reads.sshKeys(name)).stream()
                .map(k -> new SshPublicKey(k.sshPublicKeyId(), status(k.statusAsString()), k.uploadDate())).toList();
    }

    List<ServiceSpecificCredential> serviceCredentials(String name) {
        return read("ListServiceSpecificCredentials", "service-specific credentials",
                () -> reads.serviceCredentials(name)).stream().map(DetailCalls::serviceCredential).toList();
    }

    static ServiceSpecificCredential serviceCredential(ServiceSpecificCredentialMetadata c) {
        return new ServiceSpecificCredential(c.serviceSpecificCredentialId(), c.serviceName(),
                status(c.statusAsString()), c.createDate());
    }

    /** One paced, health-tracked call: a broken call is not retried, a throttled one slows everyone down. */
    <T> T read(String operation, String kind, Supplier<T> call) {
        return health.read(operation, kind, () -> pacer.call(operation, call));
    }

    /** A paced call without health tracking: for the account-wide reads, whose failure the caller handles. */
    <T> T paced(String operation, Supplier<T> call) {
        return pacer.call(operation, call);
    }
}
