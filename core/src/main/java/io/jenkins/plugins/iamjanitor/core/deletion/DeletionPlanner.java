package io.jenkins.plugins.iamjanitor.core.deletion;

import io.jenkins.plugins.iamjanitor.core.model.AccessKey;
import io.jenkins.plugins.iamjanitor.core.model.MfaDevice;
import io.jenkins.plugins.iamjanitor.core.model.ServiceSpecificCredential;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * Turns a snapshot into the ordered IAM calls that remove the user: every dependent first (in {@link DeletionAction}
 * order, which is the order IAM needs), DeleteUser last.
 */
public final class DeletionPlanner {
    private DeletionPlanner() {
    }

    public static List<DeletionStep> plan(UserSnapshot s) {
        String user = s.userName();
        List<DeletionStep> steps = new ArrayList<>();
        if (s.loginProfile()) {
            steps.add(new DeletionStep(DeletionAction.DELETE_LOGIN_PROFILE, user, null));
        }
        for (AccessKey key : s.accessKeys()) {
            steps.add(new DeletionStep(DeletionAction.DELETE_ACCESS_KEY, user, key.accessKeyId()));
        }
        for (UserSnapshot.Certificate cert : s.signingCertificates()) {
            steps.add(new DeletionStep(DeletionAction.DELETE_SIGNING_CERTIFICATE, user, cert.certificateId()));
        }
        for (UserSnapshot.SshKey key : s.sshPublicKeys()) {
            steps.add(new DeletionStep(DeletionAction.DELETE_SSH_PUBLIC_KEY, user, key.sshPublicKeyId()));
        }
        for (ServiceSpecificCredential c : s.serviceSpecificCredentials()) {
            steps.add(new DeletionStep(DeletionAction.DELETE_SERVICE_SPECIFIC_CREDENTIAL, user,
                    c.serviceSpecificCredentialId()));
        }
        for (MfaDevice mfa : s.mfaDevices()) {
            steps.add(new DeletionStep(DeletionAction.DEACTIVATE_MFA_DEVICE, user, mfa.serialNumber()));
            if (mfa.virtual()) {
                // Virtual devices are account-level: deactivating only unbinds them, leaving an orphan behind.
                steps.add(new DeletionStep(DeletionAction.DELETE_VIRTUAL_MFA_DEVICE, user, mfa.serialNumber()));
            }
        }
        for (String arn : s.attachedPolicyArns()) {
            steps.add(new DeletionStep(DeletionAction.DETACH_USER_POLICY, user, arn));
        }
        for (String name : new TreeSet<>(s.inlinePolicies().keySet())) {
            steps.add(new DeletionStep(DeletionAction.DELETE_USER_POLICY, user, name));
        }
        for (String group : s.groups()) {
            steps.add(new DeletionStep(DeletionAction.REMOVE_USER_FROM_GROUP, user, group));
        }
        if (s.permissionsBoundaryArn() != null) {
            steps.add(new DeletionStep(DeletionAction.DELETE_USER_PERMISSIONS_BOUNDARY, user, null));
        }
        steps.add(new DeletionStep(DeletionAction.DELETE_USER, user, null));
        return sorted(steps);
    }

    /** Stable sort by action: all deactivations run before any virtual device is deleted, DeleteUser last. */
    static List<DeletionStep> sorted(List<DeletionStep> steps) {
        List<DeletionStep> copy = new ArrayList<>(steps);
        copy.sort(Comparator.comparing(DeletionStep::action));
        return List.copyOf(copy);
    }
}
