package io.jenkins.plugins.iamjanitor.sandbox.iam;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.iamjanitor.sandbox.iam.IamModel.AccessKey;
import io.jenkins.plugins.iamjanitor.sandbox.iam.IamModel.User;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/** Reads the {@code iam} section of a scenario into an {@link IamState}. Format: docs/sandbox.md, section IAM. */
final class IamScenarioLoader {
    private static final Set<String> USER_FIELDS = Set.of("name", "path", "createdDaysAgo", "tags", "groups",
            "password", "accessKeys", "sshKeys", "signingCertificates", "serviceSpecificCredentials", "mfa",
            "attachedPolicies", "inlinePolicies", "permissionsBoundary", "comment");

    private final IamState state;
    private final Instant now;

    private IamScenarioLoader(IamState state) {
        this.state = state;
        this.now = state.now();
    }

    static void load(JsonNode iam, IamState state) {
        if (iam.isMissingNode() || iam.isNull()) {
            return;
        }
        new IamScenarioLoader(state).loadSection(iam);
    }

    private void loadSection(JsonNode iam) {
        state.reports().setPollsUntilComplete(iam.path("credentialReport").path("pollsUntilComplete").asInt(1));
        for (JsonNode a : iam.path("deniedActions")) {
            state.deny(a.asText());
        }
        for (JsonNode g : iam.path("groups")) {
            state.ensureGroup(g.isTextual() ? g.asText() : g.path("name").asText(), g.path("path").asText("/"));
        }
        for (JsonNode p : iam.path("policies")) {
            state.addPolicy(p.isTextual() ? p.asText() : p.path("name").asText(), p.path("path").asText("/"));
        }
        for (JsonNode d : iam.path("virtualMfaDevices")) {
            state.addMfaDevice(null, true, d.isTextual() ? d.asText() : d.path("name").asText(), null);
        }
        int index = 0;
        for (JsonNode u : iam.path("users")) {
            String where = "iam.users[" + index++ + "]";
            try {
                loadUser(u);
            } catch (IamError | IllegalArgumentException e) {
                throw new IllegalArgumentException("scenario " + where + " (" + u.path("name").asText("?") + "): "
                        + e.getMessage(), e);
            }
        }
    }

    private void loadUser(JsonNode u) {
        for (Iterator<String> it = u.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!USER_FIELDS.contains(field)) {
                throw new IllegalArgumentException("unknown field '" + field + "'");
            }
        }
        String name = u.path("name").asText(null);
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a user needs a name");
        }
        User user = state.addUser(name, u.path("path").asText("/"), ago(u, "createdDaysAgo", 365));
        for (Iterator<Map.Entry<String, JsonNode>> it = u.path("tags").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> tag = it.next();
            user.tags.put(tag.getKey(), tag.getValue().asText(""));
        }
        for (JsonNode g : u.path("groups")) {
            user.groups.add(state.ensureGroup(g.asText(), "/").name());
        }
        JsonNode password = u.path("password");
        if (password.isObject()) {
            user.passwordLastUsed = ago(password, "lastUsedDaysAgo", null);
            if (password.path("enabled").asBoolean(true)) {
                user.loginProfile = new IamModel.LoginProfile(ago(password, "createdDaysAgo", 0));
            }
        }
        for (JsonNode k : u.path("accessKeys")) {
            AccessKey key = state.addAccessKey(user, k.path("id").asText(null), k.path("status").asText("Active"),
                    ago(k, "createdDaysAgo", 0));
            key.lastUsed = ago(k, "lastUsedDaysAgo", null);
            if (key.lastUsed != null) {
                key.lastUsedService = k.path("service").asText("s3");
                key.lastUsedRegion = k.path("region").asText("us-east-1");
            }
        }
        for (JsonNode k : u.path("sshKeys")) {
            state.addSshKey(user, k.path("body").asText(null), k.path("status").asText("Active"),
                    ago(k, "uploadedDaysAgo", 0));
        }
        for (JsonNode c : u.path("signingCertificates")) {
            state.addCertificate(user, c.path("body").asText(null), c.path("status").asText("Active"),
                    ago(c, "uploadedDaysAgo", 0));
        }
        for (JsonNode c : u.path("serviceSpecificCredentials")) {
            state.addServiceCredential(user, c.path("service").asText("codecommit.amazonaws.com"),
                    c.path("status").asText("Active"), ago(c, "createdDaysAgo", 0));
        }
        int n = 0;
        for (JsonNode m : u.path("mfa")) {
            boolean virtual = m.path("virtual").asBoolean(true);
            state.addMfaDevice(name, virtual, m.path("name").asText(name + (n++ == 0 ? "" : "-" + n)),
                    ago(m, "enabledDaysAgo", 0));
        }
        for (JsonNode p : u.path("attachedPolicies")) {
            String arn = p.asText();
            user.attachedPolicies.add(arn.startsWith("arn:") ? state.registerPolicyArn(arn) : state.addPolicy(arn, "/"));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = u.path("inlinePolicies").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> p = it.next();
            user.inlinePolicies.put(p.getKey(), p.getValue().isTextual() ? p.getValue().asText()
                    : p.getValue().toString());
        }
        String boundary = u.path("permissionsBoundary").asText(null);
        if (boundary != null) {
            user.permissionsBoundary = boundary.startsWith("arn:") ? state.registerPolicyArn(boundary) : state.addPolicy(boundary, "/");
        }
    }

    /** {@code node[field]} days before now (fractions allowed); {@code fallback} days when absent, null stays null. */
    private Instant ago(JsonNode node, String field, Integer fallback) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (value == null && fallback != null) {
                return now.minus(Duration.ofDays(fallback));
            }
            return null;
        }
        if (!value.isNumber()) {
            throw new IllegalArgumentException(field + " must be a number of days, got " + value);
        }
        return now.minus(Duration.ofSeconds(Math.round(value.asDouble() * 86_400)));
    }
}
