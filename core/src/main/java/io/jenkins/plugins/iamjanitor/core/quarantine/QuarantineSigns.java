package io.jenkins.plugins.iamjanitor.core.quarantine;

import io.jenkins.plugins.iamjanitor.core.activity.ActivityEvent;
import io.jenkins.plugins.iamjanitor.core.activity.ActivityLookup;
import io.jenkins.plugins.iamjanitor.core.deletion.UserSnapshot;
import io.jenkins.plugins.iamjanitor.core.model.AccessKey;
import io.jenkins.plugins.iamjanitor.core.model.CredentialStatus;
import io.jenkins.plugins.iamjanitor.core.model.IamUser;
import io.jenkins.plugins.iamjanitor.core.model.MfaDevice;
import io.jenkins.plugins.iamjanitor.core.model.ServiceSpecificCredential;
import io.jenkins.plugins.iamjanitor.core.model.Tag;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * What happened to a quarantined user since the quarantine date: any of these means someone may still need it, so
 * the approvers are asked ("wanted back?") instead of the user being deleted. Failed calls count: a refused call with
 * a deactivated key is exactly the signal a quarantine waits for.
 */
final class QuarantineSigns {
    private QuarantineSigns() {
    }

    /**
     * @param original the backup taken before the quarantine
     * @param now      the user's dependents now
     * @param live     the live last-used data (password, keys)
     * @param trail    CloudTrail events of the user and its keys since the quarantine date
     * @param expected the tags the quarantine left (the original ones plus ours)
     */
    static List<String> of(UserSnapshot original, UserSnapshot now, IamUser live, ActivityLookup trail,
            Instant since, Set<Tag> expected) {
        List<String> signs = new ArrayList<>();
        if (live.password() != null && after(live.password().lastUsed(), since)) {
            signs.add("console sign-in at " + day(live.password().lastUsed()));
        }
        for (AccessKey k : live.accessKeys()) {
            if (after(k.lastUsed(), since)) {
                signs.add("access key " + k.label() + " used at " + day(k.lastUsed())
                        + (k.lastUsedService() == null ? "" : " (" + k.lastUsedService() + ")"));
            }
        }
        for (ActivityEvent e : trail.events()) {
            if (after(e.eventTime(), since)) {
                signs.add("CloudTrail: " + e.eventName() + " (" + e.eventSource() + ") at " + day(e.eventTime())
                        + (e.accessKeyId() == null ? "" : " with key " + e.accessKeyId())
                        + (e.errorCode() == null ? "" : ", refused: " + e.errorCode())
                        + (e.sourceIp() == null ? "" : " from " + e.sourceIp()));
            }
        }
        Set<String> keysBefore = ids(original.accessKeys(), AccessKey::accessKeyId);
        for (AccessKey k : now.accessKeys()) {
            if (!keysBefore.contains(k.accessKeyId())) {
                signs.add("new access key " + k.accessKeyId() + " created at " + day(k.created()));
            } else if (k.status() == CredentialStatus.ACTIVE) {
                signs.add("access key " + k.accessKeyId() + " was reactivated");
            }
        }
        if (now.loginProfile()) {
            signs.add("a console password was set again");
        }
        newIds(signs, "SSH public key", original.sshPublicKeys(), now.sshPublicKeys(),
                UserSnapshot.SshKey::sshPublicKeyId);
        newIds(signs, "signing certificate", original.signingCertificates(), now.signingCertificates(),
                UserSnapshot.Certificate::certificateId);
        newIds(signs, "service-specific credential", original.serviceSpecificCredentials(),
                now.serviceSpecificCredentials(), ServiceSpecificCredential::serviceSpecificCredentialId);
        newIds(signs, "MFA device", original.mfaDevices(), now.mfaDevices(), MfaDevice::serialNumber);
        if (!QuarantineMarks.isDenyAll(now.inlinePolicies().get(QuarantineMarks.DENY_POLICY_NAME))) {
            signs.add("the deny-all policy " + QuarantineMarks.DENY_POLICY_NAME + " was removed or changed");
        }
        Set<Tag> tags = new HashSet<>(now.tags());
        if (!tags.equals(expected)) {
            List<String> changes = new ArrayList<>();
            expected.stream().filter(t -> !tags.contains(t)).forEach(t -> changes.add("-" + t.key() + "=" + t.value()));
            tags.stream().filter(t -> !expected.contains(t)).forEach(t -> changes.add("+" + t.key() + "=" + t.value()));
            signs.add("tags changed: " + String.join(", ", changes.stream().sorted().toList()));
        }
        if (!new HashSet<>(now.groups()).equals(new HashSet<>(original.groups()))
                || !new HashSet<>(now.attachedPolicyArns()).equals(new HashSet<>(original.attachedPolicyArns()))) {
            signs.add("groups or attached policies changed");
        }
        return List.copyOf(signs);
    }

    private static <T> void newIds(List<String> signs, String kind, List<T> before, List<T> now,
            Function<T, String> id) {
        Set<String> known = ids(before, id);
        now.stream().map(id).filter(x -> !known.contains(x)).forEach(x -> signs.add("new " + kind + " " + x));
    }

    private static <T> Set<String> ids(List<T> items, Function<T, String> id) {
        Set<String> out = new HashSet<>();
        items.forEach(i -> out.add(id.apply(i)));
        return out;
    }

    private static boolean after(Instant date, Instant since) {
        return date != null && date.isAfter(since);
    }

    private static String day(Instant date) {
        return date == null ? "?" : date.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
