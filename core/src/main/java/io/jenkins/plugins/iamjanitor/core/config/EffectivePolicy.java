package io.jenkins.plugins.iamjanitor.core.config;

import io.jenkins.plugins.iamjanitor.core.config.PolicyFile.Action;
import io.jenkins.plugins.iamjanitor.core.config.PolicyFile.Organization;
import io.jenkins.plugins.iamjanitor.core.config.PolicyFile.UnknownActivity;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionSettings;
import io.jenkins.plugins.iamjanitor.core.policy.ExemptionRule;
import io.jenkins.plugins.iamjanitor.core.policy.Exemptions;
import io.jenkins.plugins.iamjanitor.core.policy.PolicySettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The policy a run uses: a {@link PolicyFile} with every default filled in. The exemptions always include the
 * built-in {@value Exemptions#DEFAULT_TAG} tag rule, so no file can switch off the escape hatch users rely on.
 *
 * @param deleteAfterDays null unless the file sets it (the quarantine feature owns its default)
 * @param slackChannel    null when the file names none
 * @param jiraUrl         null when the file names none (the CLI's --jira-url, the plugin's global configuration)
 * @param jiraProject     null when the file names none
 */
public record EffectivePolicy(
        String source,
        int thresholdDays,
        int gracePeriodDays,
        UnknownActivity unknownActivity,
        Action action,
        Integer deleteAfterDays,
        int maxDeletions,
        Exemptions exemptions,
        List<String> approvers,
        String slackChannel,
        String jiraUrl,
        String jiraProject,
        String jiraIssueType,
        String jiraDoneStatus,
        List<String> cloudTrailRegions,
        int cloudTrailLookBackDays,
        String reportDir,
        String stateDir,
        String backupDir,
        AwsTarget aws,
        Organization organization,
        List<AwsTarget> accounts) {

    public static final String DEFAULT_ISSUE_TYPE = "Task";
    public static final String DEFAULT_DONE_STATUS = "Done";
    public static final String DEFAULT_REGION = "us-east-1";
    public static final int DEFAULT_LOOK_BACK_DAYS = 90;
    public static final String DEFAULT_REPORT_DIR = "iam-janitor-reports";
    public static final String DEFAULT_STATE_DIR = ".iam-janitor/reviews";
    public static final String DEFAULT_BACKUP_DIR = "iam-janitor-backups";
    static final String BUILT_IN_TAG_REASON = "built-in rule: the tag owners set to keep a user";

    public EffectivePolicy {
        Objects.requireNonNull(exemptions, "exemptions");
        approvers = List.copyOf(approvers);
        cloudTrailRegions = List.copyOf(cloudTrailRegions);
        accounts = List.copyOf(accounts);
        aws = aws == null ? AwsTarget.NONE : aws;
    }

    static EffectivePolicy of(PolicyFile f) {
        int threshold = or(f.thresholdDays(), PolicySettings.DEFAULT_DAYS);
        List<ExemptionRule> rules = new ArrayList<>(f.exemptions());
        rules.add(new ExemptionRule(ExemptionRule.Kind.TAG, Exemptions.DEFAULT_TAG, BUILT_IN_TAG_REASON));
        PolicyFile.Jira jira = f.jira() == null ? new PolicyFile.Jira(null, null, null, null) : f.jira();
        PolicyFile.Directories dirs = f.directories() == null ? new PolicyFile.Directories(null, null, null)
                : f.directories();
        List<String> regions = f.cloudTrail() == null || f.cloudTrail().regions().isEmpty()
                ? List.of(DEFAULT_REGION) : f.cloudTrail().regions();
        return new EffectivePolicy(f.source(), threshold, or(f.gracePeriodDays(), threshold),
                f.unknownActivity() == null ? UnknownActivity.block : f.unknownActivity(),
                f.action() == null ? Action.delete : f.action(), f.deleteAfterDays(),
                or(f.maxDeletions(), DeletionSettings.DEFAULT_MAX_DELETIONS), Exemptions.of(rules), f.approvers(),
                f.slack() == null ? null : f.slack().channel(), jira.url(), jira.project(),
                or(jira.issueType(), DEFAULT_ISSUE_TYPE), or(jira.doneStatus(), DEFAULT_DONE_STATUS), regions,
                or(f.cloudTrail() == null ? null : f.cloudTrail().lookBackDays(), DEFAULT_LOOK_BACK_DAYS),
                or(dirs.reports(), DEFAULT_REPORT_DIR), or(dirs.state(), DEFAULT_STATE_DIR),
                or(dirs.backups(), DEFAULT_BACKUP_DIR), f.aws(), f.organization(), f.accounts());
    }

    /** What the inactivity policy needs. */
    public PolicySettings policySettings() {
        return new PolicySettings(Duration.ofDays(thresholdDays), unknownActivity == UnknownActivity.block,
                exemptions, Duration.ofDays(gracePeriodDays));
    }

    public Duration cloudTrailLookBack() {
        return Duration.ofDays(cloudTrailLookBackDays);
    }

    /** The effective policy for people, one setting a line, e.g. for {@code iam-janitor check-config}. */
    public List<String> describe() {
        List<String> out = new ArrayList<>();
        out.add("Effective policy (" + source + "):");
        out.add("  thresholdDays: " + thresholdDays);
        out.add("  gracePeriodDays: " + gracePeriodDays);
        out.add("  unknownActivity: " + unknownActivity);
        out.add("  action: " + action + (deleteAfterDays == null ? "" : " (deleteAfterDays: " + deleteAfterDays
                + ")"));
        out.add("  maxDeletions: " + maxDeletions);
        out.add("  exemptions:");
        for (ExemptionRule r : exemptions.rules()) {
            out.add("    - " + r);
        }
        out.add("  approvers: " + (approvers.isEmpty() ? "(none: give --approver)" : String.join(", ", approvers)));
        out.add("  slack.channel: " + orNone(slackChannel));
        out.add("  jira: url " + orNone(jiraUrl) + ", project " + orNone(jiraProject) + ", issueType "
                + jiraIssueType + ", doneStatus " + jiraDoneStatus);
        out.add("  cloudTrail: regions " + String.join(", ", cloudTrailRegions) + ", lookBackDays "
                + cloudTrailLookBackDays);
        out.add("  directories: reports " + reportDir + ", state " + stateDir + ", backups " + backupDir);
        out.add("  aws: " + aws);
        if (organization != null) {
            out.add("  organization: " + organization);
        }
        accounts.forEach(a -> out.add("  accounts: " + a));
        return out;
    }

    private static String orNone(String value) {
        return value == null ? "(not set)" : value;
    }

    private static <T> T or(T value, T fallback) {
        return value == null ? fallback : value;
    }
}
