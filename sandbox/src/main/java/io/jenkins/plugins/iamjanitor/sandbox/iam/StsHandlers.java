package io.jenkins.plugins.iamjanitor.sandbox.iam;

import io.jenkins.plugins.iamjanitor.sandbox.iam.IamModel.AssumeRoleCall;
import java.time.Instant;
import java.util.Map;

/** STS (Version 2011-06-15) on the same endpoint: AssumeRole and GetCallerIdentity. */
final class StsHandlers {
    static final String NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";
    private final IamState state;

    StsHandlers(IamState state) {
        this.state = state;
    }

    void register(Map<String, ActionHandler> handlers) {
        handlers.put("AssumeRole", this::assumeRole);
        handlers.put("GetCallerIdentity", this::getCallerIdentity);
    }

    private String assumeRole(QueryRequest r) {
        String roleArn = r.require("RoleArn");
        String session = r.require("RoleSessionName");
        if (!session.matches("[\\w+=,.@-]{2,64}")) {
            throw IamError.validation("1 validation error detected: Value '" + session
                    + "' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression"
                    + " pattern: [\\w+=,.@-]*");
        }
        if (!roleArn.matches("arn:aws:iam::\\d{12}:role/.+")) {
            throw IamError.validation("Invalid RoleArn: " + roleArn);
        }
        String externalId = r.get("ExternalId");
        Integer duration = null;
        if (r.get("DurationSeconds") != null) {
            try {
                duration = Integer.valueOf(r.get("DurationSeconds"));
            } catch (NumberFormatException e) {
                throw IamError.validation("DurationSeconds must be a number, got " + r.get("DurationSeconds"));
            }
            if (duration < 900 || duration > 43_200) {
                throw IamError.validation("1 validation error detected: Value '" + duration
                        + "' at 'durationSeconds' failed to satisfy constraint: Member must have value between 900"
                        + " and 43200");
            }
        }
        String keyId = state.ids().next("ASIA", 16);
        String roleName = roleArn.substring(roleArn.lastIndexOf('/') + 1);
        String account = roleArn.split(":")[4];
        String sessionArn = "arn:aws:sts::" + account + ":assumed-role/" + roleName + "/" + session;
        state.recordAssumeRole(new AssumeRoleCall(roleArn, session, externalId, duration, keyId), sessionArn);
        Instant expires = state.now().plusSeconds(duration == null ? 3600 : duration);
        return new XmlWriter().open("Credentials").elem("AccessKeyId", keyId)
                .elem("SecretAccessKey", state.ids().next("", 40)).elem("SessionToken", state.ids().next("FQo", 120))
                .elem("Expiration", expires).close("Credentials")
                .open("AssumedRoleUser").elem("AssumedRoleId", "AROA" + state.ids().next("", 17) + ":" + session)
                .elem("Arn", sessionArn).close("AssumedRoleUser").toString();
    }

    private String getCallerIdentity(QueryRequest r) {
        String sessionArn = r.callerAccessKeyId() == null ? null : state.sessionArn(r.callerAccessKeyId());
        String arn = sessionArn != null ? sessionArn : "arn:aws:iam::" + state.accountId() + ":user/sandbox-admin";
        return new XmlWriter().elem("Arn", arn).elem("UserId", "AIDASANDBOXADMIN00000")
                .elem("Account", state.accountId()).toString();
    }
}
