package io.jenkins.plugins.iamjanitor.integrations.jira;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.iamjanitor.core.port.ServiceException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns Jira's answers into one-line {@link ServiceException}s: Jira's own {@code errorMessages} and field
 * {@code errors} for a 400, which credential to check for a 401/403, never the credential itself.
 */
final class JiraErrors {
    private static final int MAX_BODY = 200;

    private final URI baseUrl;
    private final JiraCredentials credentials;

    JiraErrors(URI baseUrl, JiraCredentials credentials) {
        this.baseUrl = baseUrl;
        this.credentials = credentials;
    }

    ServiceException failure(String operation, HttpResponse<String> response, JsonNode json) {
        int status = response.statusCode();
        String jira = jiraMessages(json, response.body());
        String message = switch (status) {
            case 400 -> "Jira rejected the request: " + jira;
            case 401 -> "authentication failed at " + baseUrl + ": check " + credentials.describe();
            case 403 -> forbidden(response, jira);
            case 404 -> "not found (or the account may not browse it): " + jira;
            case 410 -> "this Jira API is gone: " + jira;
            default -> "HTTP " + status + ": " + jira;
        };
        return new ServiceException(JiraRestClient.SERVICE, operation, String.valueOf(status),
                credentials.redact(message));
    }

    private String forbidden(HttpResponse<String> response, String jira) {
        String reason = response.headers().firstValue("X-Seraph-LoginReason").orElse("");
        if (reason.contains("AUTHENTICATION_DENIED")) {
            return "Jira requires a CAPTCHA after failed logins: sign in once in a browser, then check "
                    + credentials.describe();
        }
        return "permission denied: " + jira + " (the account behind " + credentials.describe()
                + " lacks a Jira permission for this call; see docs/jira.md)";
    }

    ServiceException throttled(String operation, HttpResponse<String> response, int attempts, Duration wait,
            Duration maxWait) {
        String why = wait.compareTo(maxWait) > 0
                ? "Jira asks to wait " + wait.toSeconds() + " s, more than the " + maxWait.toSeconds() + " s limit"
                : "still throttled after " + attempts + " attempts";
        return new ServiceException(JiraRestClient.SERVICE, operation, String.valueOf(response.statusCode()),
                why + " (HTTP " + response.statusCode() + ")");
    }

    ServiceException unreachable(String operation, IOException e, int attempts) {
        String what = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new ServiceException(JiraRestClient.SERVICE, operation, "IOException",
                credentials.redact("cannot reach " + baseUrl + " after " + attempts + " attempt(s): " + what), e);
    }

    ServiceException malformed(String operation, String what) {
        return new ServiceException(JiraRestClient.SERVICE, operation, "MalformedResponse",
                "malformed response from " + baseUrl + ": " + what);
    }

    /** Jira's {@code errorMessages} and {@code errors} ("field: message"), else the start of the body. */
    static String jiraMessages(JsonNode json, String body) {
        List<String> parts = new ArrayList<>();
        if (json != null) {
            json.path("errorMessages").forEach(m -> parts.add(m.asText()));
            for (Map.Entry<String, JsonNode> e : json.path("errors").properties()) {
                parts.add(e.getKey() + ": " + e.getValue().asText());
            }
            if (parts.isEmpty() && json.path("message").isTextual()) {
                parts.add(json.path("message").asText());
            }
        }
        if (parts.isEmpty()) {
            String text = body == null ? "" : body.replaceAll("\\s+", " ").trim();
            return text.isEmpty() ? "(no details)" : text.length() > MAX_BODY ? text.substring(0, MAX_BODY) + "..." : text;
        }
        return String.join("; ", parts);
    }

    /** Retry-After as seconds or an HTTP date; empty when absent or unreadable. */
    static Optional<Duration> retryAfter(HttpResponse<String> response) {
        Optional<String> header = response.headers().firstValue("Retry-After");
        if (header.isEmpty()) {
            return Optional.empty();
        }
        String value = header.get().trim();
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value))));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(ZonedDateTime.now(at.getZone()), at);
                return Optional.of(d.isNegative() ? Duration.ZERO : d);
            } catch (RuntimeException notDate) {
                return Optional.empty();
            }
        }
    }
}
