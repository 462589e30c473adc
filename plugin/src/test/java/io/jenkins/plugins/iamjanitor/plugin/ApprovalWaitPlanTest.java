package io.jenkins.plugins.iamjanitor.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.iamjanitor.core.model.IamUser;
import io.jenkins.plugins.iamjanitor.core.model.Tag;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Who may approve where: configured approvers only narrow, never widen; nobody configured means nobody approves. */
class ApprovalWaitPlanTest {
    private static final Instant DEADLINE = Instant.parse("2026-12-01T00:00:00Z");

    private static ApprovalWait plan(ApprovalWait.Configured c, ApprovalWait.Asked a) {
        return ApprovalWait.plan("iamj-1", c, a, null, DEADLINE);
    }

    private static ApprovalWait.Asked asked(List<String> channels, List<String> slack, List<String> jenkins) {
        return new ApprovalWait.Asked(channels, null, slack, jenkins, null);
    }

    @Test
    void nobodyConfiguredMeansNobodyCanApproveAndTheErrorSaysWhereToConfigure() {
        assertThatThrownBy(() -> plan(new ApprovalWait.Configured(true, "#r", List.of(), List.of()),
                asked(null, null, null)))
                .hasMessageContaining("nobody can approve").hasMessageContaining("Manage Jenkins » System » IAM Janitor");
        // A Jenkinsfile cannot supply approvers when none are configured.
        assertThatThrownBy(() -> plan(new ApprovalWait.Configured(true, "#r", List.of(), List.of()),
                asked(null, List.of("U0ME"), List.of("me"))))
                .hasMessageContaining("U0ME is not a configured approver");
    }

    @Test
    void aJenkinsfileMayNarrowButNotWiden() {
        ApprovalWait.Configured c = new ApprovalWait.Configured(true, "#r", List.of("U0A", "U0B"), List.of("carol"));
        assertThat(plan(c, asked(null, List.of("U0B"), null)).request(null, List.of()).approvers())
                .containsExactly("U0B");
        assertThatThrownBy(() -> plan(c, asked(null, List.of("U0B", "U0EVIL"), null)))
                .hasMessageContaining("U0EVIL is not a configured approver");
        assertThatThrownBy(() -> plan(c, asked(null, null, List.of("mallory"))))
                .hasMessageContaining("mallory is not a configured approver");
    }

    @Test
    void slackIsOptionalAndChosenByChannels() {
        ApprovalWait jenkinsOnly = plan(new ApprovalWait.Configured(false, null, List.of(), List.of("carol")),
                asked(null, null, null));
        assertThat(jenkinsOnly.slack()).isFalse();
        assertThat(jenkinsOnly.jenkinsApprovers()).containsExactly("carol");
        assertThatThrownBy(() -> plan(new ApprovalWait.Configured(false, null, List.of(), List.of("carol")),
                asked(List.of("slack"), null, null))).hasMessageContaining("Slack is not configured");
        ApprovalWait slackOnly = plan(new ApprovalWait.Configured(true, "#r", List.of("U0A"), List.of("carol")),
                asked(List.of("slack"), null, null));
        assertThat(slackOnly.slack()).isTrue();
        assertThat(slackOnly.jenkinsApprovers()).isEmpty();
        assertThatThrownBy(() -> plan(new ApprovalWait.Configured(true, "#r", List.of("U0A"), List.of()),
                asked(List.of("email"), null, null))).hasMessageContaining("neither slack nor jenkins");
    }

    @Test
    void jenkinsApproversAreMatchedByIdOrGroupAndNeverDecideForThemselves() {
        JenkinsApprover carol = new JenkinsApprover("Carol", "Carol C", null, List.of("authenticated", "iam-approvers"));
        assertThat(carol.allowedBy(List.of("carol"))).isTrue();
        assertThat(carol.allowedBy(List.of("IAM-Approvers"))).isTrue();
        assertThat(carol.allowedBy(List.of("admins"))).isFalse();
        assertThat(carol.isSamePersonAs(user("carol", List.of()))).isTrue();
        assertThat(carol.isSamePersonAs(user("grace", List.of()))).isFalse();
        JenkinsApprover byMail = new JenkinsApprover("dave@example.com", "Dave", null, List.of());
        assertThat(byMail.isSamePersonAs(user("d.smith", List.of(new Tag("Email", "Dave@Example.com"))))).isTrue();
        assertThat(byMail.isSamePersonAs(user("dave@example.com", List.of()))).isTrue();
    }

    private static IamUser user(String name, List<Tag> tags) {
        return new IamUser(name, "AIDA" + name.hashCode(), "arn:aws:iam::123456789012:user/" + name, "/",
                Instant.parse("2025-01-01T00:00:00Z"), tags, List.of(), null, List.of(), List.of(), List.of(),
                List.of(), List.of());
    }
}
