package io.jenkins.plugins.iamjanitor.sandbox.jira;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JqlTest {
    private static JiraIssue issue(String key, String status, long created, String... labels) {
        return new JiraIssue("1" + created, key, "SEC", "Task", "IAM Janitor: 1 inactive user", null, List.of(labels),
                List.of(), null, null, Map.of(), status, created, List.of());
    }

    private final JiraIssue open = issue("SEC-1", "To Do", 1, "iam-janitor", "123", "u-alice");
    private final JiraIssue working = issue("SEC-2", "In Progress", 2, "iam-janitor", "123", "u-bob");
    private final JiraIssue done = issue("SEC-3", "Done", 3, "iam-janitor", "123", "u-alice");

    private List<String> run(String jql) {
        Jql q = Jql.parse(jql);
        return List.of(open, working, done).stream().filter(q::matches).sorted(q.order()).map(JiraIssue::key).toList();
    }

    @Test
    void labelsStatusCategoryAndOrAndParentheses() {
        assertThat(run("labels = \"iam-janitor\" AND labels = \"123\" AND statusCategory != Done "
                + "AND (labels = \"r-1\" OR labels in (\"u-alice\", \"u-carol\")) ORDER BY created DESC"))
                .containsExactly("SEC-1");
        assertThat(run("labels = iam-janitor AND statusCategory != Done ORDER BY created DESC"))
                .containsExactly("SEC-2", "SEC-1");
        assertThat(run("labels = iam-janitor AND status not in (Done, \"In Progress\")")).containsExactly("SEC-1");
        assertThat(run("statusCategory = \"In Progress\" OR key = SEC-3")).containsExactly("SEC-2", "SEC-3");
        assertThat(run("NOT labels = u-alice")).containsExactly("SEC-2");
        assertThat(run("summary ~ \"inactive user\" AND project = SEC")).hasSize(3);
    }

    @Test
    void unknownFieldsAndBrokenSyntaxAreJqlErrors() {
        assertThatThrownBy(() -> Jql.parse("reporter = me"))
                .hasMessage("Field 'reporter' does not exist or you do not have permission to view it.");
        assertThatThrownBy(() -> Jql.parse("labels = \"open")).hasMessageContaining("unterminated string");
        assertThatThrownBy(() -> Jql.parse("labels in (a, b")).hasMessageContaining("ended unexpectedly");
        assertThatThrownBy(() -> Jql.parse("labels ~ x")).hasMessageContaining("not supported by the 'labels' field");
        assertThat(Jql.parse("ORDER BY created").bounded()).isFalse();
    }
}
