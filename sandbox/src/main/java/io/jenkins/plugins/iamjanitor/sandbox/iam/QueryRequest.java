package io.jenkins.plugins.iamjanitor.sandbox.iam;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One decoded Query-protocol request: the form parameters plus the caller's access key id (read from the SigV4
 * Authorization header; the signature itself is not checked, this is a sandbox).
 */
public record QueryRequest(Map<String, String> params, String callerAccessKeyId) {

    public static QueryRequest parse(String formBody, String query, String authorization) {
        Map<String, String> params = new LinkedHashMap<>();
        decodeInto(query, params);
        decodeInto(formBody, params);
        String caller = accessKeyOf(authorization);
        if (caller == null && params.containsKey("X-Amz-Credential")) {
            caller = accessKeyOf("Credential=" + params.get("X-Amz-Credential"));
        }
        return new QueryRequest(params, caller);
    }

    private static void decodeInto(String form, Map<String, String> params) {
        if (form == null || form.isEmpty()) {
            return;
        }
        for (String pair : form.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            params.put(URLDecoder.decode(key, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
    }

    private static String accessKeyOf(String authorization) {
        if (authorization == null) {
            return null;
        }
        int i = authorization.indexOf("Credential=");
        if (i < 0) {
            return null;
        }
        int start = i + "Credential=".length();
        int slash = authorization.indexOf('/', start);
        return slash < 0 ? null : authorization.substring(start, slash);
    }

    public String action() {
        return params.get("Action");
    }

    public String get(String name) {
        return params.get(name);
    }

    /** A required parameter, with the ValidationError AWS gives when it is missing. */
    public String require(String name) {
        String value = params.get(name);
        if (value == null || value.isEmpty()) {
            String member = Character.toLowerCase(name.charAt(0)) + name.substring(1);
            throw IamError.validation("1 validation error detected: Value null at '" + member
                    + "' failed to satisfy constraint: Member must not be null");
        }
        return value;
    }

    /** {@code Prefix.member.N} values in order. */
    public List<String> members(String prefix) {
        List<String> out = new ArrayList<>();
        for (int n = 1; params.containsKey(prefix + ".member." + n); n++) {
            out.add(params.get(prefix + ".member." + n));
        }
        return out;
    }

    /** {@code Tags.member.N.Key/Value} pairs in order. */
    public Map<String, String> tags() {
        Map<String, String> out = new LinkedHashMap<>();
        for (int n = 1; params.containsKey("Tags.member." + n + ".Key"); n++) {
            out.put(params.get("Tags.member." + n + ".Key"), params.getOrDefault("Tags.member." + n + ".Value", ""));
        }
        return out;
    }
}
