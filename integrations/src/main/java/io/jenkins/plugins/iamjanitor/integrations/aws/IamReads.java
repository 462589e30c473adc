package io.jenkins.plugins.iamjanitor.integrations.aws;

import static io.jenkins.plugins.iamjanitor.integrations.aws.AwsCalls.call;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKeyLastUsed;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;
import software.amazon.awssdk.services.iam.model.AssignmentStatusType;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.EntityType;
import software.amazon.awssdk.services.iam.model.GetAccountAuthorizationDetailsResponse;
import software.amazon.awssdk.services.iam.model.Group;
import software.amazon.awssdk.services.iam.model.ListServiceSpecificCredentialsResponse;
import software.amazon.awssdk.services.iam.model.LoginProfile;
import software.amazon.awssdk.services.iam.model.MFADevice;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.SSHPublicKey;
import software.amazon.awssdk.services.iam.model.SSHPublicKeyMetadata;
import software.amazon.awssdk.services.iam.model.ServiceSpecificCredentialMetadata;
import software.amazon.awssdk.services.iam.model.SigningCertificate;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.iam.model.User;
import software.amazon.awssdk.services.iam.model.UserDetail;
import software.amazon.awssdk.services.iam.model.VirtualMFADevice;

/** The IAM read calls, every list fully paginated (Marker/IsTruncated), errors as ServiceException. */
final class IamReads {
    private final IamClient iam;
    private final int pageSize;

    IamReads(IamClient iam, int pageSize) {
        this.iam = iam;
        this.pageSize = pageSize;
    }

    List<User> users() {
        return call("ListUsers", () -> List.copyOf(
                iam.listUsersPaginator(r -> r.maxItems(pageSize)).users().stream().toList()));
    }

    /** Empty when the user does not exist. */
    Optional<User> user(String name) {
        return optional("GetUser", () -> iam.getUser(r -> r.userName(name)).user());
    }

    /** The account's alias (AWS allows one at most); empty when it has none. One call. */
    Optional<String> accountAlias() {
        return call("ListAccountAliases", () -> iam.listAccountAliases(r -> r.maxItems(1)).accountAliases().stream()
                .findFirst());
    }

    List<AccessKeyMetadata> accessKeys(String user) {
        return call("ListAccessKeys", () -> iam.listAccessKeysPaginator(r -> r.userName(user).maxItems(pageSize))
                .accessKeyMetadata().stream().toList());
    }

    AccessKeyLastUsed accessKeyLastUsed(String keyId) {
        return call("GetAccessKeyLastUsed", () -> iam.getAccessKeyLastUsed(r -> r.accessKeyId(keyId))
                .accessKeyLastUsed());
    }

    Optional<LoginProfile> loginProfile(String user) {
        return optional("GetLoginProfile", () -> iam.getLoginProfile(r -> r.userName(user)).loginProfile());
    }

    List<Tag> tags(String user) {
        return call("ListUserTags", () -> iam.listUserTagsPaginator(r -> r.userName(user).maxItems(pageSize))
                .tags().stream().toList());
    }

    List<Group> groups(String user) {
        return call("ListGroupsForUser", () -> iam.listGroupsForUserPaginator(
                r -> r.userName(user).maxItems(pageSize)).groups().stream().toList());
    }

    List<SSHPublicKeyMetadata> sshKeys(String user) {
        return call("ListSSHPublicKeys", () -> iam.listSSHPublicKeysPaginator(
                r -> r.userName(user).maxItems(pageSize)).sshPublicKeys().stream().toList());
    }

    SSHPublicKey sshKey(String user, String keyId) {
        return call("GetSSHPublicKey", () -> iam.getSSHPublicKey(
                r -> r.userName(user).sshPublicKeyId(keyId).encoding("SSH")).sshPublicKey());
    }

    List<SigningCertificate> certificates(String user) {
        return call("ListSigningCertificates", () -> iam.listSigningCertificatesPaginator(
                r -> r.userName(user).maxItems(pageSize)).certificates().stream().toList());
    }

    /** No SDK paginator exists for this call (Marker was added to the API later), so the loop is ours. */
    List<ServiceSpecificCredentialMetadata> serviceCredentials(String user) {
        return call("ListServiceSpecificCredentials", () -> markerPages(m -> {
            ListServiceSpecificCredentialsResponse page = iam.listServiceSpecificCredentials(
                    r -> r.userName(user).maxItems(pageSize).marker(m));
            return new Page<>(page.serviceSpecificCredentials(), page.isTruncated(), page.marker());
        }));
    }

    List<MFADevice> mfaDevices(String user) {
        return call("ListMFADevices", () -> iam.listMFADevicesPaginator(r -> r.userName(user).maxItems(pageSize))
                .mfaDevices().stream().toList());
    }

    List<AttachedPolicy> attachedPolicies(String user) {
        return call("ListAttachedUserPolicies", () -> iam.listAttachedUserPoliciesPaginator(
                r -> r.userName(user).maxItems(pageSize)).attachedPolicies().stream().toList());
    }

    List<String> inlinePolicyNames(String user) {
        return call("ListUserPolicies", () -> iam.listUserPoliciesPaginator(r -> r.userName(user).maxItems(pageSize))
                .policyNames().stream().toList());
    }

    /** The policy document, URL-decoded (AWS returns it RFC 3986 encoded). */
    String inlinePolicy(String user, String policyName) {
        String encoded = call("GetUserPolicy", () -> iam.getUserPolicy(r -> r.userName(user).policyName(policyName))
                .policyDocument());
        return URLDecoder.decode(encoded.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** Every user's groups, tags, policies and boundary: GetAccountAuthorizationDetails with Filter=User. */
    List<UserDetail> authorizationDetails() {
        return call("GetAccountAuthorizationDetails", () -> markerPages(m -> {
            GetAccountAuthorizationDetailsResponse page = iam.getAccountAuthorizationDetails(
                    r -> r.filter(EntityType.USER).maxItems(pageSize).marker(m));
            return new Page<>(page.userDetailList(), page.isTruncated(), page.marker());
        }));
    }

    /** The account's virtual MFA devices that are assigned to a user (the device names its user). */
    List<VirtualMFADevice> assignedVirtualMfaDevices() {
        return call("ListVirtualMFADevices", () -> iam.listVirtualMFADevicesPaginator(
                r -> r.assignmentStatus(AssignmentStatusType.ASSIGNED).maxItems(pageSize)).virtualMFADevices()
                .stream().toList());
    }

    /** Every user's service-specific credentials in one listing (AllUsers=true, each entry names its user). */
    List<ServiceSpecificCredentialMetadata> allServiceCredentials() {
        return call("ListServiceSpecificCredentials", () -> markerPages(m -> {
            ListServiceSpecificCredentialsResponse page = iam.listServiceSpecificCredentials(
                    r -> r.allUsers(true).maxItems(pageSize).marker(m));
            return new Page<>(page.serviceSpecificCredentials(), page.isTruncated(), page.marker());
        }));
    }

    int pageSize() {
        return pageSize;
    }

    /** One page of a listing the SDK has no paginator for: its items, and whether and where it continues. */
    private record Page<T>(List<T> items, Boolean truncated, String marker) {
    }

    /** Follows Marker/IsTruncated to the last page ({@code fetch} gets null for the first). */
    private static <T> List<T> markerPages(java.util.function.Function<String, Page<T>> fetch) {
        List<T> out = new ArrayList<>();
        String marker = null;
        do {
            Page<T> page = fetch.apply(marker);
            out.addAll(page.items());
            marker = Boolean.TRUE.equals(page.truncated()) ? page.marker() : null;
        } while (marker != null);
        return out;
    }

    /** Virtual MFA devices are named by an ARN serial {@code arn:aws:iam::ACCOUNT:mfa/NAME}; hardware ones are not. */
    static boolean isVirtualMfa(String serial) {
        return serial != null && serial.startsWith("arn:") && serial.contains(":mfa/");
    }

    /** NoSuchEntity becomes an empty result; every other failure a ServiceException. */
    private static <T> Optional<T> optional(String operation, Supplier<T> supplier) {
        return call(operation, () -> {
            try {
                return Optional.ofNullable(supplier.get());
            } catch (NoSuchEntityException e) {
                return Optional.empty();
            }
        });
    }
}
