package io.jenkins.plugins.iamjanitor.sandbox.jira;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The JSON the emulator answers with, shaped like Jira's for each flavour. */
final class JiraResponses {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> ALL = Set.of("summary", "labels", "status", "project", "issuetype",
            "description", "components", "priority", "assignee", "created");

    private final JiraScenario scenario;
    private URI baseUrl = URI.create("http://127.0.0.1");

    JiraResponses(JiraScenario scenario) {
        this.scenario = scenario;
    }

    void baseUrl(URI uri) {
        this.baseUrl = uri;
    }

    static ObjectNode messages(String... messages) {
        return errors(List.of(messages), Map.of());
    }

    static ObjectNode errors(List<String> messages, Map<String, String> fieldErrors) {
        ObjectNode body = MAPPER.createObjectNode();
        ArrayNode m = body.putArray("errorMessages");
        messages.forEach(m::add);
        ObjectNode e = body.putObject("errors");
        fieldErrors.forEach(e::put);
        return body;
    }

    ObjectNode serverInfo() {
        ObjectNode info = MAPPER.createObjectNode().put("baseUrl", baseUrl.toString());
        if (scenario.cloud()) {
            info.put("version", "1001.0.0-SNAPSHOT").put("deploymentType", "Cloud").put("serverTitle", "Jira");
        } else {
            info.put("version", "9.12.0").put("deploymentType", "Server").put("serverTitle", "Jira Data Center");
        }
        return info.put("buildNumber", 100000);
    }

    ObjectNode myself(JiraScenario.User user) {
        ObjectNode me = MAPPER.createObjectNode();
        if (scenario.cloud()) {
            me.put("accountId", user.accountId()).put("accountType", "atlassian");
        } else {
            me.put("name", user.name()).put("key", user.name());
        }
        return me.put("emailAddress", user.email()).put("displayName", user.displayName()).put("active", true);
    }

    /** Cloud search/jql: token paging, only ids unless fields are asked for; DC search: offset paging, total. */
    ObjectNode search(List<JiraIssue> issues, JsonNode request) {
        Jql jql = Jql.parse(request.path("jql").asText(""));
        if (scenario.cloud() && !jql.bounded()) {
            throw new Jql.JqlException(
                    "Unbounded JQL queries are not allowed here. Please add a search restriction to your query.");
        }
        List<JiraIssue> hits = new ArrayList<>(issues.stream().filter(jql::matches).toList());
        hits.sort(jql.order());
        int max = Math.max(1, Math.min(100, request.path("maxResults").asInt(50)));
        List<String> fields = fields(request.get("fields"));
        int start;
        if (scenario.cloud()) {
            String token = request.path("nextPageToken").asText("");
            try {
                start = token.isEmpty() ? 0 : Integer.parseInt(new String(Base64.getDecoder().decode(token),
                        StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw new Jql.JqlException("The nextPageToken is invalid or expired.");
            }
        } else {
            start = Math.max(0, request.path("startAt").asInt(0));
        }
        ObjectNode page = MAPPER.createObjectNode();
        ArrayNode out = MAPPER.createArrayNode();
        int end = Math.min(hits.size(), start + max);
        for (int i = start; i < end; i++) {
            out.add(issue(hits.get(i), fields));
        }
        if (scenario.cloud()) {
            boolean last = end >= hits.size();
            page.set("issues", out);
            page.put("isLast", last);
            if (!last) {
                page.put("nextPageToken", Base64.getEncoder().encodeToString(
                        String.valueOf(end).getBytes(StandardCharsets.UTF_8)));
            }
        } else {
            page.put("startAt", start).put("maxResults", max).put("total", hits.size());
            page.set("issues", out);
        }
        return page;
    }

    private List<String> fields(JsonNode node) {
        if (node == null || node.isNull()) {
            // The new Cloud search returns ids only by default; DC returns the navigable fields.
            return scenario.cloud() ? List.of() : List.of("*navigable");
        }
        if (node.isTextual()) {
            return fieldList(node.asText());
        }
        List<String> out = new ArrayList<>();
        node.forEach(n -> out.add(n.asText()));
        return out;
    }

    static List<String> fieldList(String csv) {
        return csv == null ? List.of("*all") : JiraExchange.split(csv);
    }

    ObjectNode issue(JiraIssue issue, List<String> wanted) {
        ObjectNode node = MAPPER.createObjectNode().put("id", issue.id());
        if (wanted.isEmpty() && scenario.cloud()) {
            return node;
        }
        node.put("key", issue.key()).put("self", baseUrl + api() + "/issue/" + issue.id());
        boolean all = wanted.contains("*all") || wanted.contains("*navigable");
        ObjectNode f = node.putObject("fields");
        for (String name : ALL) {
            if (all || wanted.contains(name)) {
                f.set(name, field(issue, name));
            }
        }
        issue.customFields().forEach((id, value) -> {
            if (all || wanted.contains(id)) {
                f.set(id, value);
            }
        });
        return node;
    }

    /**
     * An issue with its {@code issuelinks} (when asked for, or with all fields): each link names the other issue as
     * Jira does, under {@code outwardIssue} when this issue is the link's inward end and {@code inwardIssue} when it
     * is the outward end.
     */
    ObjectNode issue(JiraIssue issue, List<String> wanted, List<JiraLink> links,
            java.util.function.Function<String, java.util.Optional<JiraIssue>> lookup) {
        ObjectNode node = issue(issue, wanted);
        boolean all = wanted.contains("*all") || wanted.contains("*navigable");
        if (node.has("fields") && (all || wanted.contains("issuelinks"))) {
            ArrayNode list = ((ObjectNode) node.get("fields")).putArray("issuelinks");
            for (JiraLink l : links) {
                JiraLink.Type t = JiraLink.Type.find(l.type(), "").orElseThrow();
                ObjectNode link = list.addObject().put("id", l.id())
                        .put("self", baseUrl + api() + "/issueLink/" + l.id());
                link.putObject("type").put("id", t.id).put("name", t.label).put("inward", t.inward)
                        .put("outward", t.outward);
                boolean inwardEnd = l.inwardKey().equals(issue.key());
                String other = inwardEnd ? l.outwardKey() : l.inwardKey();
                ObjectNode ref = link.putObject(inwardEnd ? "outwardIssue" : "inwardIssue").put("key", other);
                lookup.apply(other).ifPresent(o -> {
                    ref.put("id", o.id());
                    ref.putObject("fields").put("summary", o.summary()).set("status", field(o, "status"));
                });
            }
        }
        return node;
    }

    private JsonNode field(JiraIssue issue, String name) {
        ObjectNode o = MAPPER.createObjectNode();
        switch (name) {
            case "summary" -> {
                return MAPPER.getNodeFactory().textNode(issue.summary());
            }
            case "description" -> {
                return issue.description() == null ? MAPPER.nullNode() : issue.description();
            }
            case "labels" -> {
                ArrayNode a = MAPPER.createArrayNode();
                issue.labels().forEach(a::add);
                return a;
            }
            case "components" -> {
                ArrayNode a = MAPPER.createArrayNode();
                issue.components().forEach(c -> a.addObject().put("name", c));
                return a;
            }
            case "status" -> {
                o.put("name", issue.status()).put("id", String.valueOf(Workflow.statusId(issue.status())));
                o.putObject("statusCategory").put("key", issue.statusCategory())
                        .put("name", Workflow.categoryName(issue.statusCategory()));
                return o;
            }
            case "project" -> {
                return o.put("key", issue.projectKey());
            }
            case "issuetype" -> {
                return o.put("name", issue.issueType());
            }
            case "priority" -> {
                return issue.priority() == null ? MAPPER.nullNode() : o.put("name", issue.priority());
            }
            case "assignee" -> {
                return issue.assignee() == null ? MAPPER.nullNode()
                        : o.put(scenario.cloud() ? "accountId" : "name", issue.assignee());
            }
            default -> {
                return MAPPER.getNodeFactory().textNode("2024-01-01T00:00:00.000+0000");
            }
        }
    }

    ObjectNode created(JiraIssue issue) {
        return MAPPER.createObjectNode().put("id", issue.id()).put("key", issue.key())
                .put("self", baseUrl + api() + "/issue/" + issue.id());
    }

    ObjectNode comment(JiraIssue.Comment comment) {
        ObjectNode c = MAPPER.createObjectNode().put("id", comment.id());
        c.set("body", comment.body());
        c.putObject("author").put(scenario.cloud() ? "accountId" : "name", comment.author());
        return c;
    }

    ObjectNode comments(JiraIssue issue) {
        ObjectNode page = MAPPER.createObjectNode().put("startAt", 0).put("total", issue.comments().size());
        ArrayNode list = page.putArray("comments");
        issue.comments().forEach(c -> list.add(comment(c)));
        return page;
    }

    ObjectNode transitions(JiraIssue issue) {
        ObjectNode body = MAPPER.createObjectNode();
        ArrayNode list = body.putArray("transitions");
        for (Workflow.Transition t : Workflow.from(issue.status())) {
            ObjectNode node = list.addObject().put("id", t.id()).put("name", t.name());
            ObjectNode to = node.putObject("to").put("name", t.to()).put("id", String.valueOf(Workflow.statusId(t.to())));
            to.putObject("statusCategory").put("key", Workflow.category(t.to()))
                    .put("name", Workflow.categoryName(Workflow.category(t.to())));
        }
        return body;
    }

    private String api() {
        return scenario.cloud() ? "/rest/api/3" : "/rest/api/2";
    }
}
