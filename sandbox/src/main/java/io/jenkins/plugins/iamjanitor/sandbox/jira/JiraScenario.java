package io.jenkins.plugins.iamjanitor.sandbox.jira;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.iamjanitor.sandbox.Scenario;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code jira} section of a scenario: flavour, projects (with issue types and components), users (with their
 * Cloud API token and Data Center personal access token), priorities and settable custom fields. A scenario without
 * the section gets {@link #defaults()}. Format: docs/sandbox.md, "Jira".
 */
public record JiraScenario(
        boolean cloud,
        List<Project> projects,
        List<User> users,
        List<String> priorities,
        List<String> customFields) {

    public record Project(String key, String name, List<String> issueTypes, List<String> components) {
        public Project {
            issueTypes = List.copyOf(issueTypes);
            components = List.copyOf(components);
        }
    }

    /** A Jira user; {@code apiToken} authenticates with {@code email} on Cloud, {@code pat} on Data Center. */
    public record User(String accountId, String name, String email, String displayName, String apiToken, String pat) {
        @Override
        public String toString() {
            return "User[" + name + "]";
        }
    }

    public JiraScenario {
        projects = List.copyOf(projects);
        users = List.copyOf(users);
        priorities = List.copyOf(priorities);
        customFields = List.copyOf(customFields);
    }

    public static final String DEFAULT_EMAIL = "janitor@example.com";
    public static final String DEFAULT_API_TOKEN = "sandbox-jira-api-token";
    public static final String DEFAULT_PAT = "sandbox-jira-pat";

    public static JiraScenario defaults() {
        return new JiraScenario(true,
                List.of(new Project("SEC", "Security", List.of("Task", "Bug"), List.of("IAM", "AWS"))),
                List.of(new User("557058:janitor-bot", "janitor", DEFAULT_EMAIL, "IAM Janitor bot", DEFAULT_API_TOKEN,
                                DEFAULT_PAT),
                        new User("557058:dana", "dana", "dana@example.com", "Dana Approver", "dana-token", "dana-pat")),
                List.of("Highest", "High", "Medium", "Low", "Lowest"),
                List.of("customfield_10010"));
    }

    public static JiraScenario from(Scenario scenario) {
        return from(scenario.section("jira"));
    }

    static JiraScenario from(JsonNode jira) {
        JiraScenario d = defaults();
        if (jira.isMissingNode() || jira.isNull()) {
            return d;
        }
        String flavour = jira.path("flavour").asText("cloud").toLowerCase(Locale.ROOT);
        boolean cloud = switch (flavour) {
            case "cloud" -> true;
            case "datacenter", "data-center", "dc", "server" -> false;
            default -> throw new IllegalArgumentException("jira.flavour must be cloud or datacenter, got " + flavour);
        };
        List<Project> projects = new ArrayList<>();
        for (JsonNode p : jira.path("projects")) {
            String key = p.path("key").asText();
            if (key.isEmpty()) {
                throw new IllegalArgumentException("jira.projects[]: every project needs a key");
            }
            projects.add(new Project(key, p.path("name").asText(key), texts(p.path("issueTypes"), List.of("Task")),
                    texts(p.path("components"), List.of())));
        }
        List<User> users = new ArrayList<>();
        for (JsonNode u : jira.path("users")) {
            String name = u.path("name").asText();
            if (name.isEmpty()) {
                throw new IllegalArgumentException("jira.users[]: every user needs a name");
            }
            users.add(new User(u.path("accountId").asText("557058:" + name), name,
                    u.path("email").asText(name + "@example.com"), u.path("displayName").asText(name),
                    u.path("apiToken").asText(null), u.path("pat").asText(null)));
        }
        return new JiraScenario(cloud, projects.isEmpty() ? d.projects() : projects,
                users.isEmpty() ? d.users() : users, texts(jira.path("priorities"), d.priorities()),
                texts(jira.path("customFields"), d.customFields()));
    }

    public JiraScenario withCloud(boolean newCloud) {
        return new JiraScenario(newCloud, projects, users, priorities, customFields);
    }

    private static List<String> texts(JsonNode array, List<String> fallback) {
        if (!array.isArray()) {
            return fallback;
        }
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
