package io.jenkins.plugins.iamjanitor.core.deletion;

import io.jenkins.plugins.iamjanitor.core.model.AccessKey;
import io.jenkins.plugins.iamjanitor.core.model.ConsolePassword;
import io.jenkins.plugins.iamjanitor.core.model.IamUser;
import io.jenkins.plugins.iamjanitor.core.model.ServiceSpecificCredential;
import io.jenkins.plugins.iamjanitor.core.model.SigningCertificate;
import io.jenkins.plugins.iamjanitor.core.model.SshPublicKey;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The last guard before anything is destroyed: did the password or any access key show life after the evidence the
 * approver saw, or was any credential (key, password, SSH key, certificate, service-specific credential) created or
 * uploaded since? Disabled credentials are checked too: a key used yesterday and deactivated since is still a sign
 * someone depends on the user.
 */
final class LiveRecheck {
    private LiveRecheck() {
    }

    /** One dated sign that someone uses the user, e.g. "access key AKIA... used" at a time, " (s3 in us-east-1)". */
    record Sign(String what, Instant date, String detail) {
    }

    /**
     * Every dated sign of life the re-check compares, in the order it reports them. {@link ApprovalEvidence} takes
     * the newest of the same list, so approval and re-check can never disagree on what counts.
     */
    static List<Sign> signsOfLife(IamUser user) {
        List<Sign> signs = new ArrayList<>();
        ConsolePassword password = user.password();
        if (password != null) {
            add(signs, "console password used", password.lastUsed(), "");
            if (password.enabled()) {
                add(signs, "console password set", password.created(), "");
            }
        }
        for (AccessKey key : user.accessKeys()) {
            String where = key.lastUsedService() == null ? "" : " (" + key.lastUsedService()
                    + (key.lastUsedRegion() == null ? "" : " in " + key.lastUsedRegion()) + ")";
            add(signs, "access key " + key.label() + " used", key.lastUsed(), where);
            add(signs, "access key " + key.label() + " created", key.created(), "");
        }
        for (SshPublicKey key : user.sshPublicKeys()) {
            add(signs, "SSH public key " + key.sshPublicKeyId() + " uploaded", key.uploaded(), "");
        }
        for (SigningCertificate cert : user.signingCertificates()) {
            add(signs, "signing certificate " + cert.certificateId() + " uploaded", cert.uploaded(), "");
        }
        for (ServiceSpecificCredential ssc : user.serviceSpecificCredentials()) {
            add(signs, "service-specific credential " + ssc.serviceSpecificCredentialId() + " for "
                    + ssc.serviceName() + " created", ssc.created(), "");
        }
        return signs;
    }

    /**
     * The live user as the policy sees it: the directory's live read (password, keys with last use) plus what only
     * the snapshot read live just before holds (tags, groups, SSH keys, certificates, service-specific credentials),
     * so a credential added after the scan is seen whatever the directory's live read covers.
     */
    static IamUser complete(IamUser live, UserSnapshot snapshot) {
        List<SshPublicKey> ssh = live.sshPublicKeys().isEmpty() ? snapshot.sshPublicKeys().stream()
                .map(k -> new SshPublicKey(k.sshPublicKeyId(), k.status(), k.uploaded())).toList()
                : live.sshPublicKeys();
        List<SigningCertificate> certs = live.signingCertificates().isEmpty() ? snapshot.signingCertificates()
                .stream().map(c -> new SigningCertificate(c.certificateId(), c.status(), c.uploaded())).toList()
                : live.signingCertificates();
        List<ServiceSpecificCredential> sscs = live.serviceSpecificCredentials().isEmpty()
                ? snapshot.serviceSpecificCredentials() : live.serviceSpecificCredentials();
        return new IamUser(live.userName(), live.userId(), live.arn(), live.path(), live.createDate(),
                live.tags() != null ? live.tags() : snapshot.tags(),
                live.groups() != null ? live.groups() : snapshot.groups(), live.password(), live.accessKeys(), ssh,
                certs, sscs, live.mfaDevices().isEmpty() ? snapshot.mfaDevices() : live.mfaDevices());
    }

    /** Why the user must be kept, or empty when nothing happened after {@code evidence} (null: no activity ever). */
    static Optional<String> activitySince(IamUser live, Instant evidence) {
        String since = evidence == null ? "the approval was based on no activity at all"
                : "the approval was based on last activity " + evidence.truncatedTo(ChronoUnit.SECONDS);
        return signsOfLife(live).stream()
                .filter(sign -> after(sign.date(), evidence))
                .findFirst()
                .map(sign -> sign.what() + " " + date(sign.date()) + sign.detail() + "; " + since);
    }

    private static void add(List<Sign> signs, String what, Instant date, String detail) {
        if (date != null) {
            signs.add(new Sign(what, date, detail));
        }
    }

    private static boolean after(Instant date, Instant evidence) {
        return date != null && (evidence == null || date.isAfter(evidence));
    }

    private static String date(Instant date) {
        return date.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
