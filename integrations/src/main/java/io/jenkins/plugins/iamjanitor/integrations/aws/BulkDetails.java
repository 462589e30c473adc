package io.jenkins.plugins.iamjanitor.integrations.aws;

import io.jenkins.plugins.iamjanitor.core.model.IamUser;
import io.jenkins.plugins.iamjanitor.core.model.MfaDevice;
import io.jenkins.plugins.iamjanitor.core.model.ServiceSpecificCredential;
import io.jenkins.plugins.iamjanitor.core.model.SshPublicKey;
import io.jenkins.plugins.iamjanitor.core.model.Tag;
import io.jenkins.plugins.iamjanitor.core.port.ServiceException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.iam.model.ServiceSpecificCredentialMetadata;
import software.amazon.awssdk.services.iam.model.UserDetail;
import software.amazon.awssdk.services.iam.model.VirtualMFADevice;

/**
 * What AWS gives for the whole account in a few paginated calls: GetAccountAuthorizationDetails (Filter=User: groups,
 * tags, policies, boundary), ListVirtualMFADevices (assigned ones name their user) and, where supported,
 * ListServiceSpecificCredentials with AllUsers. Combined with a credential-report user (password, keys, signing
 * certificates, MFA state) only SSH public keys still need a per-user call. Access key ids are not read here: the
 * CloudTrail stage reads them for the users it checks ({@link AwsIamDirectory#accessKeyIds}).
 *
 * @param details  GetAccountAuthorizationDetails by user name
 * @param virtualMfa assigned virtual MFA devices by user name
 * @param serviceCredentials every user's service-specific credentials by user name; null when the account-wide
 *                   listing failed (then they are read per user)
 */
record BulkDetails(Map<String, UserDetail> details, Map<String, List<MfaDevice>> virtualMfa,
                   Map<String, List<ServiceSpecificCredential>> serviceCredentials) {

    /** Text for a MFA device the report says is active but no bulk listing names (a hardware or U2F device). */
    static final String UNLISTED_MFA = "MFA device not listed in bulk (hardware or security key)";

    /** Throws ServiceException when GetAccountAuthorizationDetails fails (the caller reads per user instead). */
    static BulkDetails read(DetailCalls calls, IamReads reads, List<String> warnings) {
        Map<String, UserDetail> details = new HashMap<>();
        for (UserDetail d : calls.paced("GetAccountAuthorizationDetails", reads::authorizationDetails)) {
            details.put(d.userName(), d);
        }
        Map<String, List<MfaDevice>> mfa = new HashMap<>();
        try {
            for (VirtualMFADevice d : calls.paced("ListVirtualMFADevices",
                    reads::assignedVirtualMfaDevices)) {
                if (d.user() != null) {
                    mfa.computeIfAbsent(d.user().userName(), u -> new ArrayList<>())
                            .add(new MfaDevice(d.serialNumber(), d.enableDate(), true));
                }
            }
        } catch (ServiceException e) {
            // An MFA device never counts as activity and deletion re-reads it live: a warning is enough.
            warnings.add("WARNING: virtual MFA devices could not be listed (" + e.getMessage()
                    + "); the scan report shows MFA state from the credential report only");
        }
        Map<String, List<ServiceSpecificCredential>> sscs = new HashMap<>();
        try {
            for (ServiceSpecificCredentialMetadata c : calls.paced("ListServiceSpecificCredentials",
                    reads::allServiceCredentials)) {
                if (c.userName() == null) {
                    // AWS names the user of every entry; an endpoint that does not cannot be trusted with AllUsers.
                    throw new ServiceException(AwsCalls.IAM, "ListServiceSpecificCredentials", null,
                            "an AllUsers entry names no user");
                }
                sscs.computeIfAbsent(c.userName(), u -> new ArrayList<>()).add(DetailCalls.serviceCredential(c));
            }
        } catch (ServiceException e) {
            warnings.add("IAM: ListServiceSpecificCredentials with AllUsers is not available here ("
                    + e.getMessage() + "); reading service-specific credentials per user instead");
            sscs = null;
        }
        return new BulkDetails(details, mfa, sscs);
    }

    /**
     * The report user completed from the bulk data plus its SSH keys (and its service-specific credentials when the
     * account-wide listing was not available). Null when GetAccountAuthorizationDetails did not list the user
     * (created since): the caller then reads it per user.
     */
    IamUser complete(IamUser user, boolean mfaActive, DetailCalls calls) {
        UserDetail d = details.get(user.userName());
        if (d == null || !d.arn().equals(user.arn())) {
            return null;
        }
        List<Tag> tags = d.tags().stream().map(t -> new Tag(t.key(), t.value())).toList();
        List<SshPublicKey> ssh = calls.sshKeys(user.userName());
        List<ServiceSpecificCredential> sscs = serviceCredentials == null
                ? calls.serviceCredentials(user.userName())
                : serviceCredentials.getOrDefault(user.userName(), List.of());
        List<MfaDevice> mfa = new ArrayList<>(virtualMfa.getOrDefault(user.userName(), List.of()));
        if (mfaActive && mfa.isEmpty()) {
            mfa.add(new MfaDevice(UNLISTED_MFA, null, false));
        }
        // Keys stay as the report names them (by slot): their ids have no bulk form, and the CloudTrail stage reads
        // them for the users it checks (AccessKeyIds), not the scan for every flagged user.
        return new IamUser(user.userName(), user.userId(), user.arn(), user.path(), user.createDate(), tags,
                List.copyOf(d.groupList()), user.password(), user.accessKeys(), ssh, user.signingCertificates(), sscs,
                mfa);
    }
}
