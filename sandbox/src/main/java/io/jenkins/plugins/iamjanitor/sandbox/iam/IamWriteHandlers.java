package io.jenkins.plugins.iamjanitor.sandbox.iam;

import io.jenkins.plugins.iamjanitor.sandbox.iam.IamModel.MfaDevice;
import io.jenkins.plugins.iamjanitor.sandbox.iam.IamModel.SshKey;
import io.jenkins.plugins.iamjanitor.sandbox.iam.IamModel.User;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** The mutating IAM actions, with AWS's constraints (NoSuchEntity, DeleteConflict, EntityAlreadyExists). */
final class IamWriteHandlers {
    private final IamState state;

    IamWriteHandlers(IamState state) {
        this.state = state;
    }

    void register(Map<String, ActionHandler> handlers) {
        handlers.put("DeleteLoginProfile", r -> {
            User u = user(r);
            if (u.loginProfile == null) {
                throw IamError.noSuchEntity("Login Profile for User " + u.name + " cannot be found.");
            }
            u.loginProfile = null;
            return "";
        });
        handlers.put("DeleteAccessKey", r -> remove(user(r).accessKeys, k -> k.id.equals(r.require("AccessKeyId")),
                "The Access Key with id " + r.get("AccessKeyId") + " cannot be found."));
        handlers.put("DeleteSigningCertificate", r -> remove(user(r).certificates,
                c -> c.id.equals(r.require("CertificateId")),
                "The Certificate with id " + r.get("CertificateId") + " cannot be found."));
        handlers.put("DeleteSSHPublicKey", r -> remove(user(r).sshKeys, k -> k.id.equals(r.require("SSHPublicKeyId")),
                "The Public Key with id " + r.get("SSHPublicKeyId") + " cannot be found."));
        handlers.put("DeleteServiceSpecificCredential", r -> remove(user(r).serviceCredentials,
                c -> c.id.equals(r.require("ServiceSpecificCredentialId")),
                "No such credential " + r.get("ServiceSpecificCredentialId") + "."));
        handlers.put("DeactivateMFADevice", this::deactivateMfaDevice);
        handlers.put("DeleteVirtualMFADevice", this::deleteVirtualMfaDevice);
        handlers.put("DetachUserPolicy", r -> remove(user(r).attachedPolicies, a -> a.equals(r.require("PolicyArn")),
                "Policy " + r.get("PolicyArn") + " was not found."));
        handlers.put("DeleteUserPolicy", r -> {
            User u = user(r);
            String name = r.require("PolicyName");
            if (u.inlinePolicies.remove(name) == null) {
                throw IamError.noSuchEntity("The user policy with name " + name + " cannot be found.");
            }
            return "";
        });
        handlers.put("RemoveUserFromGroup", r -> {
            User u = user(r);
            state.group(r.require("GroupName"));
            return remove(u.groups, g -> g.equals(r.get("GroupName")),
                    "User " + u.name + " is not in group " + r.get("GroupName") + ".");
        });
        handlers.put("DeleteUserPermissionsBoundary", r -> {
            User u = user(r);
            if (u.permissionsBoundary == null) {
                throw IamError.noSuchEntity("The user " + u.name + " has no permissions boundary.");
            }
            u.permissionsBoundary = null;
            return "";
        });
        handlers.put("DeleteUser", this::deleteUser);
        handlers.put("CreateUser", this::createUser);
        handlers.put("TagUser", r -> {
            user(r).tags.putAll(r.tags());
            return "";
        });
        handlers.put("AddUserToGroup", r -> {
            User u = user(r);
            String group = state.group(r.require("GroupName")).name();
            if (!u.groups.contains(group)) {
                u.groups.add(group);
            }
            return "";
        });
        handlers.put("AttachUserPolicy", r -> {
            User u = user(r);
            String arn = requirePolicy(r.require("PolicyArn"));
            if (!u.attachedPolicies.contains(arn)) {
                u.attachedPolicies.add(arn);
            }
            return "";
        });
        handlers.put("PutUserPolicy", r -> {
            user(r).inlinePolicies.put(r.require("PolicyName"), r.require("PolicyDocument"));
            return "";
        });
        handlers.put("PutUserPermissionsBoundary", r -> {
            user(r).permissionsBoundary = requirePolicy(r.require("PermissionsBoundary"));
            return "";
        });
        handlers.put("UploadSSHPublicKey", this::uploadSshPublicKey);
        handlers.put("UpdateSSHPublicKey", r -> {
            String id = r.require("SSHPublicKeyId");
            SshKey key = user(r).sshKeys.stream().filter(k -> k.id.equals(id)).findFirst()
                    .orElseThrow(() -> IamError.noSuchEntity("The Public Key with id " + id + " cannot be found."));
            key.status = status(r);
            return "";
        });
        handlers.put("UpdateSigningCertificate", r -> {
            String id = r.require("CertificateId");
            var cert = user(r).certificates.stream().filter(c -> c.id.equals(id)).findFirst()
                    .orElseThrow(() -> IamError.noSuchEntity("The Certificate with id " + id + " cannot be found."));
            cert.status = status(r);
            return "";
        });
        handlers.put("UploadSigningCertificate", r -> {
            User u = user(r);
            String body = r.require("CertificateBody");
            if (u.certificates.stream().anyMatch(c -> c.body.equals(body))) {
                throw new IamError("DuplicateCertificate", 409, "Sender", "The certificate already exists.");
            }
            var cert = state.addCertificate(u, body, "Active", state.now());
            return new XmlWriter().open("Certificate").elem("UserName", u.name).elem("CertificateId", cert.id)
                    .elem("CertificateBody", cert.body).elem("Status", cert.status)
                    .elem("UploadDate", cert.uploaded).close("Certificate").toString();
        });
    }

    private User user(QueryRequest r) {
        return state.user(r.require("UserName"));
    }

    private static String status(QueryRequest r) {
        String status = r.require("Status");
        if (!status.equals("Active") && !status.equals("Inactive")) {
            throw IamError.validation("Status must be Active or Inactive, got " + status);
        }
        return status;
    }

    private String requirePolicy(String arn) {
        if (!state.policyExists(arn)) {
            throw IamError.noSuchEntity("Policy " + arn + " does not exist or is not attachable.");
        }
        return arn;
    }

    private static <T> String remove(List<T> list, Predicate<T> match, String notFound) {
        if (!list.removeIf(match)) {
            throw IamError.noSuchEntity(notFound);
        }
        return "";
    }

    private String deactivateMfaDevice(QueryRequest r) {
        User u = user(r);
        String serial = r.require("SerialNumber");
        MfaDevice device = state.mfaDevice(serial);
        if (device == null || !u.mfaSerials.remove(serial)) {
            throw IamError.noSuchEntity("MFA Device with serial number " + serial + " does not exist.");
        }
        if (device.virtual) {
            device.user = null;
            device.enabled = null;
        } else {
            state.removeMfaDevice(serial);
        }
        return "";
    }

    private String deleteVirtualMfaDevice(QueryRequest r) {
        String serial = r.require("SerialNumber");
        MfaDevice device = state.mfaDevice(serial);
        if (device == null || !device.virtual) {
            throw IamError.noSuchEntity("VirtualMFADevice with serial number " + serial + " doesn't exist.");
        }
        if (device.user != null) {
            throw IamError.deleteConflict("MFA Device is still in use.");
        }
        state.removeMfaDevice(serial);
        return "";
    }

    private String deleteUser(QueryRequest r) {
        User u = user(r);
        String blocker = u.loginProfile != null ? "must delete login profile first"
                : !u.accessKeys.isEmpty() ? "must delete access keys first"
                : !u.certificates.isEmpty() ? "must delete signing certificates first"
                : !u.sshKeys.isEmpty() ? "must delete SSH public keys first"
                : !u.serviceCredentials.isEmpty() ? "must delete service specific credentials first"
                : !u.mfaSerials.isEmpty() ? "must remove MFA devices first"
                : !u.attachedPolicies.isEmpty() ? "must detach all policies first"
                : !u.inlinePolicies.isEmpty() ? "must delete policies first"
                : !u.groups.isEmpty() ? "must remove users from group first"
                : null;
        if (blocker != null) {
            throw IamError.deleteConflict("Cannot delete entity, " + blocker + ".");
        }
        state.removeUser(u.name);
        return "";
    }

    private String createUser(QueryRequest r) {
        String name = r.require("UserName");
        if (!name.matches("[\\w+=,.@-]{1,64}")) {
            throw IamError.validation("The specified value for userName is invalid.");
        }
        String path = r.get("Path") == null ? "/" : r.get("Path");
        if (!path.startsWith("/") || !path.endsWith("/")) {
            throw IamError.validation("The specified value for path is invalid. It must begin and end with /.");
        }
        String boundary = r.get("PermissionsBoundary") == null ? null : requirePolicy(r.get("PermissionsBoundary"));
        User u = state.addUser(name, path, state.now());
        u.permissionsBoundary = boundary;
        u.tags.putAll(r.tags());
        XmlWriter x = new XmlWriter().open("User");
        IamReadHandlers.writeUser(x, u, true);
        return x.close("User").toString();
    }

    private String uploadSshPublicKey(QueryRequest r) {
        User u = user(r);
        String body = r.require("SSHPublicKeyBody");
        if (u.sshKeys.stream().anyMatch(k -> k.body.equals(body))) {
            throw new IamError("DuplicateSSHPublicKey", 400, "Sender", "The SSH public key already exists.");
        }
        SshKey key = state.addSshKey(u, body, "Active", state.now());
        return new XmlWriter().open("SSHPublicKey").elem("UserName", u.name).elem("SSHPublicKeyId", key.id)
                .elem("SSHPublicKeyBody", key.body).elem("Status", key.status).elem("UploadDate", key.uploaded)
                .close("SSHPublicKey").toString();
    }
}
