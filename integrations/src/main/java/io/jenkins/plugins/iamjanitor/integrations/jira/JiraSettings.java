package io.jenkins.plugins.iamjanitor.integrations.jira;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where and how review tickets are filed. Values from {@code ReviewTicket.fields()} override the optional ones per
 * ticket (same keys: {@code components}, {@code priority}, {@code assignee}, any {@code customfield_NNNNN}).
 *
 * @param baseUrl      e.g. {@code https://example.atlassian.net} or {@code https://jira.example.com/jira}
 * @param assignee     Cloud: an accountId; Data Center: a user name; null leaves the project default
 * @param customFields field id to JSON-able value, sent as given (e.g. {@code customfield_10010 -> "abc"})
 * @param dryRun       reads run, writes are logged and skipped
 */
public record JiraSettings(
        URI baseUrl,
        JiraFlavour flavour,
        String projectKey,
        String issueType,
        List<String> components,
        String priority,
        String assignee,
        Map<String, Object> customFields,
        boolean dryRun) {

    public JiraSettings {
        Objects.requireNonNull(baseUrl, "Jira base URL");
        if (baseUrl.getRawUserInfo() != null) {
            // Never echo this URL: the user info may hold the token.
            throw new IllegalArgumentException("the Jira base URL must not carry credentials (user:token@host);"
                    + " give them as the Jira credentials instead");
        }
        if (!"https".equals(baseUrl.getScheme()) && !"http".equals(baseUrl.getScheme())) {
            throw new IllegalArgumentException("the Jira base URL must start with https:// (got " + baseUrl + ")");
        }
        flavour = flavour == null ? JiraFlavour.AUTO : flavour;
        if (projectKey == null || projectKey.isBlank()) {
            throw new IllegalArgumentException("a Jira project key is required (e.g. SEC)");
        }
        issueType = issueType == null || issueType.isBlank() ? "Task" : issueType;
        components = components == null ? List.of() : List.copyOf(components);
        customFields = customFields == null ? Map.of() : Map.copyOf(customFields);
    }

    /** The minimum: base URL and project; issue type Task, AUTO flavour, no extras, dry-run. */
    public static JiraSettings of(URI baseUrl, String projectKey) {
        return new JiraSettings(baseUrl, JiraFlavour.AUTO, projectKey, "Task", List.of(), null, null, Map.of(), true);
    }

    public JiraSettings withDryRun(boolean newDryRun) {
        return new JiraSettings(baseUrl, flavour, projectKey, issueType, components, priority, assignee, customFields,
                newDryRun);
    }

    public JiraSettings withFlavour(JiraFlavour newFlavour) {
        return new JiraSettings(baseUrl, newFlavour, projectKey, issueType, components, priority, assignee,
                customFields, dryRun);
    }

    public JiraSettings withProject(String newProjectKey, String newIssueType) {
        return new JiraSettings(baseUrl, flavour, newProjectKey, newIssueType, components, priority, assignee,
                customFields, dryRun);
    }
}
