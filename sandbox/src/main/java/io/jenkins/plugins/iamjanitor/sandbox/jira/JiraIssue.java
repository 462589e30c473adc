package io.jenkins.plugins.iamjanitor.sandbox.jira;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * A stored issue as tests see it (a snapshot). {@code description} and comment bodies are what the client sent: an
 * ADF object on Cloud, a wiki markup string on Data Center.
 */
public record JiraIssue(
        String id,
        String key,
        String projectKey,
        String issueType,
        String summary,
        JsonNode description,
        List<String> labels,
        List<String> components,
        String priority,
        String assignee,
        Map<String, JsonNode> customFields,
        String status,
        long created,
        List<Comment> comments) {

    public JiraIssue {
        labels = List.copyOf(labels);
        components = List.copyOf(components);
        customFields = Map.copyOf(customFields);
        comments = List.copyOf(comments);
    }

    public record Comment(String id, JsonNode body, String author) {
    }

    /** The workflow's status category key: new, indeterminate or done. */
    public String statusCategory() {
        return Workflow.category(status);
    }
}
