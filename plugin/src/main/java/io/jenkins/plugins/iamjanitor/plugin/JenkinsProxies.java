package io.jenkins.plugins.iamjanitor.plugin;

import hudson.ProxyConfiguration;
import hudson.util.Secret;
import io.jenkins.plugins.iamjanitor.integrations.http.HttpProxy;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import jenkins.model.Jenkins;

/**
 * Jenkins' proxy (Manage Jenkins → System → HTTP Proxy Configuration) as the integrations' {@link HttpProxy}: the
 * AWS, Slack and Jira clients go through it, except for its "No Proxy Host" patterns.
 */
final class JenkinsProxies {
    private JenkinsProxies() {
    }

    /** The configured proxy, or null when Jenkins connects directly. */
    static HttpProxy current() {
        ProxyConfiguration p = Jenkins.get().getProxy();
        if (p == null || p.getName() == null || p.getName().isBlank()) {
            return null;
        }
        String user = IamJanitorConfiguration.trim(p.getUserName());
        Secret password = p.getSecretPassword();
        return new HttpProxy(p.getName().trim(), p.getPort(), user,
                user == null || password == null ? null : password.getPlainText(), noProxyHosts(p.getNoProxyHost()));
    }

    /** Split as Jenkins splits the field: on whitespace, commas and bars. */
    static List<String> noProxyHosts(String field) {
        return field == null ? List.of()
                : Arrays.stream(field.split("[ \t\n,|]+")).filter(s -> !s.isBlank()).toList();
    }

    /** Changes whenever the proxy does (its password included), without revealing it: for caches of clients. */
    static String fingerprint() {
        HttpProxy p = current();
        if (p == null) {
            return "direct";
        }
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest((p.host() + "\0" + p.port() + "\0" + p.username()
                    + "\0" + p.password() + "\0" + p.noProxyHosts()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
