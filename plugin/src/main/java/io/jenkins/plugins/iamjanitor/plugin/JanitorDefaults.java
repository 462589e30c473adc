package io.jenkins.plugins.iamjanitor.plugin;

import java.util.List;

/**
 * The global configuration's values the steps fall back to, as a snapshot (no Jenkins types).
 *
 * @param policyYaml the global policy file's text (validated when saved); null when none
 */
public record JanitorDefaults(
        AwsTarget aws,
        int days,
        String exemptTag,
        int maxDeletions,
        String slackChannel,
        List<String> approvers,
        String jiraProjectKey,
        String jiraIssueType,
        String policyYaml) {
    public JanitorDefaults {
        approvers = approvers == null ? List.of() : List.copyOf(approvers);
    }

    /** Without a global policy file (the text area left empty). */
    public JanitorDefaults(AwsTarget aws, int days, String exemptTag, int maxDeletions, String slackChannel,
            List<String> approvers, String jiraProjectKey, String jiraIssueType) {
        this(aws, days, exemptTag, maxDeletions, slackChannel, approvers, jiraProjectKey, jiraIssueType, null);
    }
}
