package io.jenkins.plugins.iamjanitor.core.policy;

import io.jenkins.plugins.iamjanitor.core.model.AccessKey;
import io.jenkins.plugins.iamjanitor.core.model.ConsolePassword;
import io.jenkins.plugins.iamjanitor.core.model.CredentialStatus;
import io.jenkins.plugins.iamjanitor.core.model.IamUser;
import io.jenkins.plugins.iamjanitor.core.model.MfaDevice;
import io.jenkins.plugins.iamjanitor.core.model.ServiceSpecificCredential;
import io.jenkins.plugins.iamjanitor.core.model.SigningCertificate;
import io.jenkins.plugins.iamjanitor.core.model.SshPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Builds the per-credential evidence rows of one user: what each credential says about activity, and whether it counts. */
final class EvidenceTable {
    private EvidenceTable() {
    }

    static List<CredentialEvidence> rows(IamUser user) {
        List<CredentialEvidence> rows = new ArrayList<>();
        ConsolePassword password = user.password();
        if (password != null) {
            rows.add(password(password, user.createDate()));
        }
        for (AccessKey key : user.accessKeys()) {
            rows.add(accessKey(key, user.createDate()));
        }
        for (SshPublicKey key : user.sshPublicKeys()) {
            rows.add(noLastUse(CredentialKind.SSH_PUBLIC_KEY, key.sshPublicKeyId(), key.status(), key.uploaded(),
                    "SSH public key"));
        }
        for (SigningCertificate cert : user.signingCertificates()) {
            rows.add(noLastUse(CredentialKind.SIGNING_CERTIFICATE, cert.certificateId(), cert.status(),
                    cert.uploaded(), "signing certificate"));
        }
        for (ServiceSpecificCredential ssc : user.serviceSpecificCredentials()) {
            rows.add(noLastUse(CredentialKind.SERVICE_SPECIFIC_CREDENTIAL, ssc.serviceSpecificCredentialId(),
                    ssc.status(), ssc.created(), "service-specific credential for " + ssc.serviceName()));
        }
        for (MfaDevice mfa : user.mfaDevices()) {
            // An MFA device cannot sign anyone in on its own, so it is listed for completeness but never counts.
            rows.add(new CredentialEvidence(CredentialKind.MFA_DEVICE, mfa.serialNumber(), ActivityBasis.UNKNOWN,
                    mfa.enabled(), false, (mfa.virtual() ? "virtual" : "hardware")
                            + " MFA device; not a sign-in credential by itself"));
        }
        return rows;
    }

    /** Whether a row keeps the user from being flagged when unknown activity blocks. */
    static boolean blocksAsUnknown(CredentialEvidence row) {
        return row.basis() == ActivityBasis.UNKNOWN && row.kind() != CredentialKind.MFA_DEVICE
                && row.kind() != CredentialKind.USER;
    }

    static CredentialEvidence userCreated(IamUser user, boolean counts, String detail) {
        return new CredentialEvidence(CredentialKind.USER, null, ActivityBasis.CREATED_NEVER_USED,
                user.createDate(), counts, detail);
    }

    private static CredentialEvidence password(ConsolePassword password, Instant userCreated) {
        if (!password.enabled()) {
            return new CredentialEvidence(CredentialKind.CONSOLE_PASSWORD, null, ActivityBasis.DISABLED,
                    password.lastUsed(), false, "console password disabled");
        }
        if (password.lastUsed() != null) {
            return new CredentialEvidence(CredentialKind.CONSOLE_PASSWORD, null, ActivityBasis.LAST_USED,
                    password.lastUsed(), true, "last console sign-in");
        }
        return neverUsed(CredentialKind.CONSOLE_PASSWORD, null, password.created(), userCreated,
                "console password");
    }

    private static CredentialEvidence accessKey(AccessKey key, Instant userCreated) {
        if (key.status() == CredentialStatus.INACTIVE) {
            return new CredentialEvidence(CredentialKind.ACCESS_KEY, key.label(), ActivityBasis.DISABLED,
                    key.lastUsed(), false, "access key inactive");
        }
        if (key.lastUsed() != null) {
            StringBuilder detail = new StringBuilder("last used");
            if (key.lastUsedService() != null) {
                detail.append(' ').append(key.lastUsedService());
            }
            if (key.lastUsedRegion() != null) {
                detail.append(" in ").append(key.lastUsedRegion());
            }
            return new CredentialEvidence(CredentialKind.ACCESS_KEY, key.label(), ActivityBasis.LAST_USED,
                    key.lastUsed(), true, detail.toString());
        }
        return neverUsed(CredentialKind.ACCESS_KEY, key.label(), key.created(), userCreated, "access key");
    }

    private static CredentialEvidence neverUsed(
            CredentialKind kind, String id, Instant created, Instant userCreated, String what) {
        if (created != null) {
            return new CredentialEvidence(kind, id, ActivityBasis.CREATED_NEVER_USED, created, true,
                    what + " never used; created");
        }
        // AWS sometimes omits the creation date (e.g. a login profile in the report); the user's own creation
        // date is the earliest it can have existed, which is the conservative stand-in.
        return new CredentialEvidence(kind, id, ActivityBasis.CREATED_NEVER_USED, userCreated, true,
                what + " never used; creation date unknown, user creation date used");
    }

    private static CredentialEvidence noLastUse(
            CredentialKind kind, String id, CredentialStatus status, Instant created, String what) {
        if (status == CredentialStatus.INACTIVE) {
            return new CredentialEvidence(kind, id, ActivityBasis.DISABLED, created, false, what + " inactive");
        }
        return new CredentialEvidence(kind, id, ActivityBasis.UNKNOWN, created, false,
                what + " active; AWS records no last use (date shown is the upload/creation date)");
    }
}
