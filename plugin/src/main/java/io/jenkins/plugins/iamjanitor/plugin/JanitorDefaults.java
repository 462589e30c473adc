package io.jenkins.plugins.iamjanitor.plugin;

import java.util.List;

/** The global configuration's values the steps fall back to, as a snapshot (no Jenkins types). */
public record JanitorDefaults(
        AwsTarget aws,
        int days,
        String exemptTag,
        int maxDeletions,
        String slackChannel,
        List<String> approvers,
        String jiraProjectKey,
        String jiraIssueType) {
    public JanitorDefaults {
        approvers = approvers == null ? List.of() : List.copyOf(approvers);
    }
}
