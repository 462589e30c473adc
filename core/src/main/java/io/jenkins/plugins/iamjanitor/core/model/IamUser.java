package io.jenkins.plugins.iamjanitor.core.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An IAM user and everything that can show it is in use.
 *
 * <p>{@code tags} and {@code groups} are null when not fetched yet (they are fetched for candidates only);
 * an empty list means fetched and none. Credential lists are never null.
 *
 * @param password null when the user has no console password
 */
public record IamUser(
        String userName,
        String userId,
        String arn,
        String path,
        Instant createDate,
        List<Tag> tags,
        List<String> groups,
        ConsolePassword password,
        List<AccessKey> accessKeys,
        List<SshPublicKey> sshPublicKeys,
        List<SigningCertificate> signingCertificates,
        List<ServiceSpecificCredential> serviceSpecificCredentials,
        List<MfaDevice> mfaDevices) {

    public IamUser {
        Objects.requireNonNull(userName, "userName");
        path = path == null ? "/" : path;
        tags = tags == null ? null : List.copyOf(tags);
        groups = groups == null ? null : List.copyOf(groups);
        accessKeys = accessKeys == null ? List.of() : List.copyOf(accessKeys);
        sshPublicKeys = sshPublicKeys == null ? List.of() : List.copyOf(sshPublicKeys);
        signingCertificates = signingCertificates == null ? List.of() : List.copyOf(signingCertificates);
        serviceSpecificCredentials =
                serviceSpecificCredentials == null ? List.of() : List.copyOf(serviceSpecificCredentials);
        mfaDevices = mfaDevices == null ? List.of() : List.copyOf(mfaDevices);
    }

    public boolean detailsKnown() {
        return tags != null && groups != null;
    }

    public IamUser withDetails(List<Tag> newTags, List<String> newGroups) {
        return new IamUser(userName, userId, arn, path, createDate, newTags, newGroups, password, accessKeys,
                sshPublicKeys, signingCertificates, serviceSpecificCredentials, mfaDevices);
    }
}
