package io.jenkins.plugins.iamjanitor.sandbox.jira;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The emulator's issues, validated on the way in as Jira validates them: required summary, project and issue type,
 * known project, issue type, components, priority and assignee, labels without spaces, settable custom fields only,
 * and a rich-text value in the flavour's format (ADF object on Cloud, string on Data Center).
 */
final class JiraStore {
    /** A 400 with Jira's {@code errorMessages} and per-field {@code errors}. */
    static final class Rejected extends RuntimeException {
        final List<String> errorMessages;
        final Map<String, String> errors;

        Rejected(List<String> errorMessages, Map<String, String> errors) {
            super(String.join("; ", errorMessages) + " " + errors);
            this.errorMessages = List.copyOf(errorMessages);
            this.errors = Map.copyOf(errors);
        }
    }

    private final JiraScenario scenario;
    private final Map<String, JiraIssue> issues = new LinkedHashMap<>();
    private final Map<String, Integer> counters = new LinkedHashMap<>();
    private final List<JiraLink> links = new ArrayList<>();
    private int linkIds = 10100;
    private long sequence;
    private int commentIds = 10000;

    JiraStore(JiraScenario scenario) {
        this.scenario = scenario;
    }

    synchronized JiraIssue create(JsonNode fields, JiraScenario.User author) {
        Map<String, String> errors = new LinkedHashMap<>();
        String summary = fields.path("summary").asText("");
        if (summary.isBlank()) {
            errors.put("summary", "You must specify a summary of the issue.");
        } else if (summary.length() > 255) {
            errors.put("summary", "Summary must be less than 255 characters.");
        }
        JsonNode projectRef = fields.path("project");
        String projectKey = projectRef.path("key").asText(projectRef.path("id").asText(""));
        Optional<JiraScenario.Project> project = scenario.projects().stream()
                .filter(p -> p.key().equalsIgnoreCase(projectKey)).findFirst();
        if (project.isEmpty()) {
            errors.put("project", "Specify a valid project ID or key");
        }
        String issueType = fields.path("issuetype").path("name").asText("");
        if (fields.path("issuetype").isMissingNode()) {
            errors.put("issuetype", "Specify an issue type");
        } else if (project.isPresent() && project.get().issueTypes().stream().noneMatch(issueType::equalsIgnoreCase)) {
            errors.put("issuetype", "Specify a valid issue type");
        }
        String problem = richTextProblem(fields.get("description"));
        if (problem != null) {
            errors.put("description", problem);
        }
        List<String> labels = new ArrayList<>();
        for (JsonNode l : fields.path("labels")) {
            if (l.asText().contains(" ")) {
                errors.put("labels", "The label '" + l.asText() + "' contains spaces which is invalid.");
            }
            labels.add(l.asText());
        }
        List<String> components = new ArrayList<>();
        for (JsonNode c : fields.path("components")) {
            String name = c.path("name").asText();
            if (project.isPresent() && !project.get().components().contains(name)) {
                errors.put("components", "Component name '" + name + "' is not valid");
            }
            components.add(name);
        }
        String priority = fields.path("priority").path("name").asText(null);
        if (priority != null && !scenario.priorities().contains(priority)) {
            errors.put("priority", "Specify a valid priority: '" + priority + "' does not exist");
        }
        String assignee = assignee(fields.path("assignee"), errors);
        Map<String, JsonNode> custom = new LinkedHashMap<>();
        fields.fieldNames().forEachRemaining(name -> {
            if (name.startsWith("customfield_")) {
                if (scenario.customFields().contains(name)) {
                    custom.put(name, fields.get(name));
                } else {
                    errors.put(name, "Field '" + name + "' cannot be set. It is not on the appropriate screen, "
                            + "or unknown.");
                }
            }
        });
        if (!errors.isEmpty()) {
            throw new Rejected(List.of(), errors);
        }
        String key = project.get().key();
        int number = counters.merge(key, 1, Integer::sum);
        String id = String.valueOf(10000 + ++sequence);
        JiraIssue issue = new JiraIssue(id, key + "-" + number, key, issueType, summary, fields.get("description"),
                labels, components, priority, assignee, custom, Workflow.INITIAL, sequence, List.of());
        issues.put(issue.key(), issue);
        return issue;
    }

    private String assignee(JsonNode ref, Map<String, String> errors) {
        if (ref.isMissingNode() || ref.isNull()) {
            return null;
        }
        String field = scenario.cloud() ? "accountId" : "name";
        String value = ref.path(field).asText("");
        boolean known = scenario.users().stream()
                .anyMatch(u -> value.equals(scenario.cloud() ? u.accountId() : u.name()));
        if (!known) {
            errors.put("assignee", scenario.cloud() ? "Specify a valid accountId for the assignee"
                    : "User '" + value + "' does not exist.");
        }
        return value;
    }

    /** Cloud v3 wants an ADF document, Data Center v2 a (wiki markup) string; both may be absent. */
    String richTextProblem(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (scenario.cloud()) {
            String p = AdfValidator.problem(value);
            return p == null ? null
                    : "Operation value must be an Atlassian Document (see the Atlassian Document Format): " + p;
        }
        return value.isTextual() ? null : "Operation value must be a string";
    }

    synchronized Optional<JiraIssue> get(String key) {
        return Optional.ofNullable(issues.get(key.toUpperCase(java.util.Locale.ROOT)));
    }

    synchronized JiraIssue.Comment comment(String key, JsonNode body, JiraScenario.User author) {
        JiraIssue issue = require(key);
        String problem = body == null || body.isNull() ? "Comment body can not be empty!" : richTextProblem(body);
        if (problem != null) {
            throw new Rejected(List.of(problem), Map.of());
        }
        JiraIssue.Comment comment = new JiraIssue.Comment(String.valueOf(++commentIds), body,
                scenario.cloud() ? author.accountId() : author.name());
        List<JiraIssue.Comment> comments = new ArrayList<>(issue.comments());
        comments.add(comment);
        issues.put(issue.key(), copy(issue, issue.status(), comments));
        return comment;
    }

    synchronized void transition(String key, String transitionId) {
        JiraIssue issue = require(key);
        Workflow.Transition t = Workflow.from(issue.status()).stream().filter(x -> x.id().equals(transitionId))
                .findFirst().orElseThrow(() -> new Rejected(
                        List.of("Transition id '" + transitionId + "' is not valid for this issue."), Map.of()));
        issues.put(issue.key(), copy(issue, t.to(), issue.comments()));
    }

    /**
     * {@code POST /issueLink}: links two existing issues. Like Jira, linking the same two issues with the same type
     * again creates nothing new (and still answers 201).
     */
    synchronized void link(JsonNode request) {
        JsonNode type = request.path("type");
        String typeName = type.path("name").asText("");
        JiraLink.Type t = JiraLink.Type.find(typeName, type.path("id").asText("")).orElseThrow(
                () -> new NoSuchLinkType("No issue link type with name '" + typeName + "' found."));
        String inward = end(request.path("inwardIssue"));
        String outward = end(request.path("outwardIssue"));
        boolean exists = links.stream().anyMatch(l -> l.type().equals(t.label) && l.inwardKey().equals(inward)
                && l.outwardKey().equals(outward));
        if (!exists) {
            links.add(new JiraLink(String.valueOf(++linkIds), t.label, inward, outward));
        }
    }

    /** The links an issue takes part in, at either end. */
    synchronized List<JiraLink> links(String key) {
        String k = key.toUpperCase(java.util.Locale.ROOT);
        return links.stream().filter(l -> l.inwardKey().equals(k) || l.outwardKey().equals(k)).toList();
    }

    synchronized List<JiraLink> allLinks() {
        return List.copyOf(links);
    }

    private String end(JsonNode ref) {
        if (ref.isMissingNode() || ref.isNull()) {
            throw new Rejected(List.of("Both inwardIssue and outwardIssue must be given."), Map.of());
        }
        String key = ref.path("key").asText("");
        if (key.isEmpty()) {
            String id = ref.path("id").asText("");
            key = issues.values().stream().filter(i -> i.id().equals(id)).map(JiraIssue::key).findFirst().orElse(id);
        }
        return require(key).key();
    }

    static final class NoSuchLinkType extends RuntimeException {
        NoSuchLinkType(String message) {
            super(message);
        }
    }

    synchronized List<JiraIssue> all() {
        return List.copyOf(issues.values());
    }

    private JiraIssue require(String key) {
        return get(key).orElseThrow(() -> new NoSuchIssue(key));
    }

    static final class NoSuchIssue extends RuntimeException {
        NoSuchIssue(String key) {
            super("Issue does not exist or you do not have permission to see it.");
        }
    }

    private static JiraIssue copy(JiraIssue i, String status, List<JiraIssue.Comment> comments) {
        return new JiraIssue(i.id(), i.key(), i.projectKey(), i.issueType(), i.summary(), i.description(), i.labels(),
                i.components(), i.priority(), i.assignee(), i.customFields(), status, i.created(), comments);
    }
}
