package io.jenkins.plugins.iamjanitor.integrations.jira;

/** Which Jira the adapter talks to. {@link #AUTO} asks {@code /rest/api/2/serverInfo} once. */
public enum JiraFlavour {
    /** Jira Cloud: REST v3, Atlassian Document Format, Basic auth with account email + API token. */
    CLOUD("/rest/api/3"),
    /** Jira Data Center (or Server): REST v2, wiki markup, Bearer personal access token. */
    DATA_CENTER("/rest/api/2"),
    AUTO(null);

    private final String apiPath;

    JiraFlavour(String apiPath) {
        this.apiPath = apiPath;
    }

    /** e.g. {@code /rest/api/3}; null for AUTO. */
    public String apiPath() {
        return apiPath;
    }

    /** Reads {@code cloud}, {@code datacenter}/{@code data-center}/{@code dc}/{@code server} or {@code auto}. */
    public static JiraFlavour parse(String text) {
        if (text == null || text.isBlank()) {
            return AUTO;
        }
        return switch (text.trim().toLowerCase(java.util.Locale.ROOT).replace("_", "-")) {
            case "cloud" -> CLOUD;
            case "datacenter", "data-center", "dc", "server" -> DATA_CENTER;
            case "auto" -> AUTO;
            default -> throw new IllegalArgumentException(
                    "unknown Jira flavour '" + text + "': use cloud, datacenter or auto");
        };
    }
}
