package io.jenkins.plugins.iamjanitor.sandbox.org;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the caller's access key id from a SigV4 Authorization header (the sandbox checks no signatures). */
final class SigV4 {
    private static final Pattern KEY = Pattern.compile("Credential=([A-Z0-9]+)/");

    private SigV4() {
    }

    static String accessKeyId(String authorization) {
        if (authorization == null) {
            return null;
        }
        Matcher m = KEY.matcher(authorization);
        return m.find() ? m.group(1) : null;
    }
}
