package io.jenkins.plugins.iamjanitor.core.deletion;

import io.jenkins.plugins.iamjanitor.core.model.AccessKey;
import io.jenkins.plugins.iamjanitor.core.model.CredentialStatus;
import io.jenkins.plugins.iamjanitor.core.model.MfaDevice;
import io.jenkins.plugins.iamjanitor.core.model.ServiceSpecificCredential;
import io.jenkins.plugins.iamjanitor.core.model.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything attached to a user, read live (every list call paginated). It is both the input of the deletion
 * plan and the content of the backup. Never holds secrets: no access key secret, no password, no MFA seed.
 */
public record UserSnapshot(
        String userName,
        String userId,
        String arn,
        String path,
        Instant createDate,
        List<Tag> tags,
        String permissionsBoundaryArn,
        List<String> groups,
        List<String> attachedPolicyArns,
        Map<String, String> inlinePolicies,
        boolean loginProfile,
        List<AccessKey> accessKeys,
        List<MfaDevice> mfaDevices,
        List<SshKey> sshPublicKeys,
        List<Certificate> signingCertificates,
        List<ServiceSpecificCredential> serviceSpecificCredentials) {

    public UserSnapshot {
        tags = List.copyOf(tags);
        groups = List.copyOf(groups);
        attachedPolicyArns = List.copyOf(attachedPolicyArns);
        inlinePolicies = Map.copyOf(inlinePolicies);
        accessKeys = List.copyOf(accessKeys);
        mfaDevices = List.copyOf(mfaDevices);
        sshPublicKeys = List.copyOf(sshPublicKeys);
        signingCertificates = List.copyOf(signingCertificates);
        serviceSpecificCredentials = List.copyOf(serviceSpecificCredentials);
    }

    /**
     * Whether everything in this snapshot is also in {@code fuller} (same user id): a re-run of a half-finished
     * deletion produces such a thinner snapshot, which must not replace the original backup.
     */
    public boolean isCoveredBy(UserSnapshot fuller) {
        return java.util.Objects.equals(userId, fuller.userId)
                && fuller.tags.containsAll(tags)
                && (permissionsBoundaryArn == null || permissionsBoundaryArn.equals(fuller.permissionsBoundaryArn))
                && fuller.groups.containsAll(groups)
                && fuller.attachedPolicyArns.containsAll(attachedPolicyArns)
                && fuller.inlinePolicies.entrySet().containsAll(inlinePolicies.entrySet())
                && (!loginProfile || fuller.loginProfile)
                && ids(fuller.accessKeys, AccessKey::accessKeyId).containsAll(ids(accessKeys, AccessKey::accessKeyId))
                && ids(fuller.mfaDevices, MfaDevice::serialNumber).containsAll(ids(mfaDevices, MfaDevice::serialNumber))
                && ids(fuller.sshPublicKeys, SshKey::sshPublicKeyId)
                        .containsAll(ids(sshPublicKeys, SshKey::sshPublicKeyId))
                && ids(fuller.signingCertificates, Certificate::certificateId)
                        .containsAll(ids(signingCertificates, Certificate::certificateId))
                && ids(fuller.serviceSpecificCredentials, ServiceSpecificCredential::serviceSpecificCredentialId)
                        .containsAll(ids(serviceSpecificCredentials,
                                ServiceSpecificCredential::serviceSpecificCredentialId));
    }

    private static <T> java.util.Set<String> ids(List<T> items, java.util.function.Function<T, String> id) {
        java.util.Set<String> out = new java.util.HashSet<>();
        items.forEach(i -> out.add(id.apply(i)));
        return out;
    }

    /** @param body the public key (SSH-RSA or PEM encoding) */
    public record SshKey(String sshPublicKeyId, CredentialStatus status, Instant uploaded, String body) {
    }

    /** @param body the PEM certificate body */
    public record Certificate(String certificateId, CredentialStatus status, Instant uploaded, String body) {
    }
}
