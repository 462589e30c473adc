package io.jenkins.plugins.iamjanitor.sandbox.iam;

import io.jenkins.plugins.iamjanitor.sandbox.iam.IamModel.AccessKey;
import io.jenkins.plugins.iamjanitor.sandbox.iam.IamModel.LoginProfile;
import io.jenkins.plugins.iamjanitor.sandbox.iam.IamModel.User;
import java.util.List;
import java.util.Map;

/**
 * The reversible credential and tag actions a quarantine and its release use: UpdateAccessKey, CreateLoginProfile
 * (with PasswordResetRequired) and UntagUser, with AWS's errors and response shapes. DeleteLoginProfile, TagUser,
 * PutUserPolicy and DeleteUserPolicy live with the other writes.
 */
final class IamCredentialHandlers {
    private static final int MAX_TAGS = 50;
    private final IamState state;

    IamCredentialHandlers(IamState state) {
        this.state = state;
    }

    void register(Map<String, ActionHandler> handlers) {
        handlers.put("UpdateAccessKey", this::updateAccessKey);
        handlers.put("CreateLoginProfile", this::createLoginProfile);
        handlers.put("UntagUser", this::untagUser);
    }

    /** UserName is optional in AWS (it defaults to the caller); without it the key is looked up account-wide. */
    private String updateAccessKey(QueryRequest r) {
        String id = r.require("AccessKeyId");
        String status = r.require("Status");
        if (!status.equals("Active") && !status.equals("Inactive")) {
            throw IamError.validation("1 validation error detected: Value '" + status + "' at 'status' failed to"
                    + " satisfy constraint: Member must satisfy enum value set: [Active, Inactive, Expired]");
        }
        List<User> owners = r.get("UserName") != null ? List.of(state.user(r.get("UserName"))) : state.users();
        AccessKey key = owners.stream().flatMap(u -> u.accessKeys.stream()).filter(k -> k.id.equals(id)).findFirst()
                .orElseThrow(() -> IamError.noSuchEntity("The Access Key with id " + id + " cannot be found."));
        key.status = status;
        return "";
    }

    private String createLoginProfile(QueryRequest r) {
        User u = state.user(r.require("UserName"));
        String password = r.require("Password");
        if (password.length() < 8) {
            // The account's default password policy; the message never echoes the password.
            throw new IamError("PasswordPolicyViolation", 400, "Sender",
                    "Password does not conform to the account password policy.");
        }
        if (u.loginProfile != null) {
            throw IamError.alreadyExists("Login Profile for user " + u.name + " already exists.");
        }
        boolean reset = Boolean.parseBoolean(r.get("PasswordResetRequired"));
        u.loginProfile = new LoginProfile(state.now(), reset);
        return new XmlWriter().open("LoginProfile").elem("UserName", u.name)
                .elem("CreateDate", u.loginProfile.created).elem("PasswordResetRequired", reset)
                .close("LoginProfile").toString();
    }

    /** Removing a key the user does not carry is not an error in AWS. */
    private String untagUser(QueryRequest r) {
        User u = state.user(r.require("UserName"));
        List<String> keys = r.members("TagKeys");
        if (keys.isEmpty()) {
            throw IamError.validation("1 validation error detected: Value null at 'tagKeys' failed to satisfy"
                    + " constraint: Member must not be null");
        }
        if (keys.size() > MAX_TAGS) {
            throw IamError.validation("tagKeys must have at most " + MAX_TAGS + " members");
        }
        keys.forEach(u.tags::remove);
        return "";
    }
}
