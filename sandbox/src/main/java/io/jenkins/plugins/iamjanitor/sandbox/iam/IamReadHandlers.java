package io.jenkins.plugins.iamjanitor.sandbox.iam;

import io.jenkins.plugins.iamjanitor.sandbox.iam.IamModel.AccessKey;
import io.jenkins.plugins.iamjanitor.sandbox.iam.IamModel.Group;
import io.jenkins.plugins.iamjanitor.sandbox.iam.IamModel.MfaDevice;
import io.jenkins.plugins.iamjanitor.sandbox.iam.IamModel.SshKey;
import io.jenkins.plugins.iamjanitor.sandbox.iam.IamModel.User;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/** The read-only IAM actions. */
final class IamReadHandlers {
    private final IamState state;

    IamReadHandlers(IamState state) {
        this.state = state;
    }

    void register(Map<String, ActionHandler> handlers) {
        handlers.put("ListUsers", this::listUsers);
        handlers.put("GetUser", this::getUser);
        handlers.put("GenerateCredentialReport", this::generateCredentialReport);
        handlers.put("GetCredentialReport", this::getCredentialReport);
        handlers.put("ListAccessKeys", this::listAccessKeys);
        handlers.put("GetAccessKeyLastUsed", this::getAccessKeyLastUsed);
        handlers.put("GetLoginProfile", this::getLoginProfile);
        handlers.put("ListUserTags", r -> page(r, "Tags", List.copyOf(user(r).tags.entrySet()),
                (x, t) -> x.elem("Key", t.getKey()).elem("Value", t.getValue())));
        handlers.put("ListGroupsForUser", r -> page(r, "Groups", user(r).groups,
                (x, g) -> writeGroup(x, state.group(g))));
        handlers.put("ListSSHPublicKeys", r -> page(r, "SSHPublicKeys", user(r).sshKeys,
                (x, k) -> x.elem("UserName", r.get("UserName")).elem("SSHPublicKeyId", k.id)
                        .elem("Status", k.status).elem("UploadDate", k.uploaded)));
        handlers.put("GetSSHPublicKey", this::getSshPublicKey);
        handlers.put("ListSigningCertificates", r -> page(r, "Certificates", user(r).certificates,
                (x, c) -> x.elem("UserName", r.get("UserName")).elem("CertificateId", c.id)
                        .elem("CertificateBody", c.body).elem("Status", c.status).elem("UploadDate", c.uploaded)));
        handlers.put("ListMFADevices", r -> page(r, "MFADevices", user(r).mfaSerials,
                (x, s) -> x.elem("UserName", r.get("UserName")).elem("SerialNumber", s)
                        .elem("EnableDate", state.mfaDevice(s).enabled)));
        handlers.put("ListVirtualMFADevices", this::listVirtualMfaDevices);
        handlers.put("ListAttachedUserPolicies", r -> page(r, "AttachedPolicies", user(r).attachedPolicies,
                (x, arn) -> x.elem("PolicyName", arn.substring(arn.lastIndexOf('/') + 1)).elem("PolicyArn", arn)));
        handlers.put("ListUserPolicies", r -> page(r, "PolicyNames", List.copyOf(user(r).inlinePolicies.keySet()),
                XmlWriter::text));
        handlers.put("GetUserPolicy", this::getUserPolicy);
        // At most one alias per account; the list is paginated like the others (MaxItems/Marker).
        handlers.put("ListAccountAliases", r -> page(r, "AccountAliases",
                state.accountAlias() == null ? List.<String>of() : List.of(state.accountAlias()),
                (x, alias) -> x.text(alias)));
        new IamBulkReadHandlers(state).register(handlers);
    }

    private User user(QueryRequest r) {
        return state.user(r.require("UserName"));
    }

    private <T> String page(QueryRequest r, String tag, List<T> items, BiConsumer<XmlWriter, T> m) {
        XmlWriter xml = new XmlWriter();
        Pages.write(xml, r, tag, items, m);
        return xml.toString();
    }

    static void writeUser(XmlWriter x, User u, boolean full) {
        x.elem("Path", u.path).elem("UserName", u.name).elem("UserId", u.id).elem("Arn", u.arn)
                .elem("CreateDate", u.created).elem("PasswordLastUsed", u.passwordLastUsed);
        if (full && u.permissionsBoundary != null) {
            x.open("PermissionsBoundary").elem("PermissionsBoundaryType", "PermissionsBoundaryPolicy")
                    .elem("PermissionsBoundaryArn", u.permissionsBoundary).close("PermissionsBoundary");
        }
        if (full && !u.tags.isEmpty()) {
            x.open("Tags");
            u.tags.forEach((k, v) -> x.open("member").elem("Key", k).elem("Value", v).close("member"));
            x.close("Tags");
        }
    }

    private static void writeGroup(XmlWriter x, Group g) {
        x.elem("Path", g.path()).elem("GroupName", g.name()).elem("GroupId", g.id()).elem("Arn", g.arn())
                .elem("CreateDate", g.created());
    }

    private String listUsers(QueryRequest r) {
        String prefix = r.get("PathPrefix") == null ? "/" : r.get("PathPrefix");
        List<User> users = state.users().stream().filter(u -> u.path.startsWith(prefix)).toList();
        return page(r, "Users", users, (x, u) -> writeUser(x, u, false));
    }

    private String getUser(QueryRequest r) {
        // Without UserName, GetUser describes the caller; the sandbox caller is an (emulated) admin user.
        User u = r.get("UserName") == null ? null : user(r);
        XmlWriter x = new XmlWriter().open("User");
        if (u == null) {
            x.elem("Path", "/").elem("UserName", "sandbox-admin").elem("UserId", "AIDASANDBOXADMIN00000")
                    .elem("Arn", "arn:aws:iam::" + state.accountId() + ":user/sandbox-admin")
                    .elem("CreateDate", state.now());
        } else {
            writeUser(x, u, true);
        }
        return x.close("User").toString();
    }

    private String generateCredentialReport(QueryRequest r) {
        CredentialReports.State s = state.reports().generate();
        String description = switch (s) {
            case STARTED -> "No report exists. Starting a new report generation task";
            case INPROGRESS -> "Report generation in progress";
            case COMPLETE -> "Report generation complete";
        };
        return new XmlWriter().elem("State", s.name()).elem("Description", description).toString();
    }

    private String getCredentialReport(QueryRequest r) {
        CredentialReports.Report report = state.reports().get();
        return new XmlWriter()
                .elem("Content", Base64.getEncoder().encodeToString(report.csv().getBytes(StandardCharsets.UTF_8)))
                .elem("ReportFormat", "text/csv").elem("GeneratedTime", report.generated()).toString();
    }

    private String listAccessKeys(QueryRequest r) {
        User u = r.get("UserName") == null ? null : user(r);
        List<AccessKey> keys = u == null ? List.of() : u.accessKeys;
        return page(r, "AccessKeyMetadata", keys, (x, k) -> x.elem("UserName", u.name).elem("AccessKeyId", k.id)
                .elem("Status", k.status).elem("CreateDate", k.created));
    }

    private String getAccessKeyLastUsed(QueryRequest r) {
        String id = r.require("AccessKeyId");
        for (User u : state.users()) {
            for (AccessKey k : u.accessKeys) {
                if (k.id.equals(id)) {
                    XmlWriter x = new XmlWriter().elem("UserName", u.name).open("AccessKeyLastUsed")
                            .elem("LastUsedDate", k.lastUsed)
                            .elem("ServiceName", k.lastUsedService == null ? "N/A" : k.lastUsedService)
                            .elem("Region", k.lastUsedRegion == null ? "N/A" : k.lastUsedRegion);
                    return x.close("AccessKeyLastUsed").toString();
                }
            }
        }
        // AWS answers AccessDenied rather than NoSuchEntity for unknown keys (it would leak key existence).
        throw new IamError("AccessDenied", 403, "Sender", "User is not authorized to perform: iam:GetAccessKeyLastUsed");
    }

    private String getLoginProfile(QueryRequest r) {
        User u = user(r);
        if (u.loginProfile == null) {
            throw IamError.noSuchEntity("Login Profile for User " + u.name + " cannot be found.");
        }
        return new XmlWriter().open("LoginProfile").elem("UserName", u.name)
                .elem("CreateDate", u.loginProfile.created).elem("PasswordResetRequired", u.loginProfile.passwordResetRequired)
                .close("LoginProfile").toString();
    }

    private String getSshPublicKey(QueryRequest r) {
        User u = user(r);
        String id = r.require("SSHPublicKeyId");
        r.require("Encoding");
        SshKey key = u.sshKeys.stream().filter(k -> k.id.equals(id)).findFirst()
                .orElseThrow(() -> IamError.noSuchEntity("The Public Key with id " + id + " cannot be found."));
        return new XmlWriter().open("SSHPublicKey").elem("UserName", u.name).elem("SSHPublicKeyId", key.id)
                .elem("Fingerprint", fingerprint(key.body)).elem("SSHPublicKeyBody", key.body)
                .elem("Status", key.status).elem("UploadDate", key.uploaded).close("SSHPublicKey").toString();
    }

    private String listVirtualMfaDevices(QueryRequest r) {
        String assignment = r.get("AssignmentStatus") == null ? "Any" : r.get("AssignmentStatus");
        List<MfaDevice> devices = new ArrayList<>();
        for (MfaDevice d : state.mfaDevices()) {
            boolean assigned = d.user != null;
            if (d.virtual && ("Any".equals(assignment) || assigned == "Assigned".equals(assignment))) {
                devices.add(d);
            }
        }
        return page(r, "VirtualMFADevices", devices, (x, d) -> {
            x.elem("SerialNumber", d.serial).elem("EnableDate", d.enabled);
            if (d.user != null && state.hasUser(d.user)) {
                x.open("User");
                writeUser(x, state.user(d.user), false);
                x.close("User");
            }
        });
    }

    private String getUserPolicy(QueryRequest r) {
        User u = user(r);
        String name = r.require("PolicyName");
        String doc = u.inlinePolicies.get(name);
        if (doc == null) {
            throw IamError.noSuchEntity("The user policy with name " + name + " cannot be found.");
        }
        // AWS returns inline policy documents URL-encoded (RFC 3986).
        String encoded = URLEncoder.encode(doc, StandardCharsets.UTF_8).replace("+", "%20");
        return new XmlWriter().elem("UserName", u.name).elem("PolicyName", name).elem("PolicyDocument", encoded)
                .toString();
    }

    private static String fingerprint(String body) {
        try {
            byte[] md5 = MessageDigest.getInstance("MD5").digest(body.getBytes(StandardCharsets.UTF_8));
            return HexFormat.ofDelimiter(":").formatHex(md5);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
