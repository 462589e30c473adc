package io.jenkins.plugins.iamjanitor.integrations.jira;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * How the adapter authenticates: Jira Cloud uses Basic auth with the account email and an API token; Jira Data Center
 * uses a personal access token as a Bearer token. The secret never leaves this class except in the Authorization
 * header: {@link #toString()} and {@link #describe()} omit it, and {@link #redact} scrubs it from any text.
 */
public final class JiraCredentials {
    private final String email;
    private final String secret;

    private JiraCredentials(String email, String secret) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException(email == null ? "the Jira personal access token is empty"
                    : "the Jira API token is empty");
        }
        this.email = email;
        this.secret = secret;
    }

    /** Jira Cloud: the Atlassian account email and an API token created at id.atlassian.com. */
    public static JiraCredentials cloud(String email, String apiToken) {
        if (email == null || email.isBlank()) {
            throw new IllegalArgumentException("Jira Cloud needs the account email next to the API token");
        }
        return new JiraCredentials(email.trim(), apiToken);
    }

    /** Jira Data Center: a personal access token (Profile > Personal Access Tokens). */
    public static JiraCredentials personalAccessToken(String token) {
        return new JiraCredentials(null, token);
    }

    public boolean isCloudApiToken() {
        return email != null;
    }

    String authorization() {
        if (email != null) {
            String pair = email + ":" + secret;
            return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
        }
        return "Bearer " + secret;
    }

    /** Which credential to check, for error messages; never the secret. */
    public String describe() {
        return email != null
                ? "the Jira Cloud account email (" + email + ") and its API token (an API token, not the password)"
                : "the Jira Data Center personal access token (expired, revoked, or of another user?)";
    }

    /** Replaces the secret (and its Basic form) wherever it appears in {@code text}. */
    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String auth = authorization();
        return text.replace(auth.substring(auth.indexOf(' ') + 1), "****").replace(secret, "****");
    }

    @Override
    public String toString() {
        return email != null ? "JiraCredentials[cloud email=" + email + ", apiToken=****]"
                : "JiraCredentials[personal access token=****]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JiraCredentials other && Objects.equals(email, other.email) && secret.equals(other.secret);
    }

    @Override
    public int hashCode() {
        return Objects.hash(email, secret);
    }
}
