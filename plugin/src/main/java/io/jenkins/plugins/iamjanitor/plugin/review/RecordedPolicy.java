package io.jenkins.plugins.iamjanitor.plugin.review;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The rest of the effective policy a build's review was started with (issue 15): everything past the scan's own
 * threshold and exemptions, which {@link ReviewScope} keeps. The later steps read these instead of the global
 * configuration of the moment or their own arguments, so a Jenkinsfile cannot widen them after the scan. A plain class
 * because XStream stores it in {@code build.xml}; reviews recorded before it have none ({@link ReviewScope#recorded()}
 * is null) and the steps fall back to the global configuration there.
 */
public final class RecordedPolicy {
    private final Integer maxDeletions;
    private final ArrayList<String> approvers;
    private final String slackChannel;
    private final String jiraProject;
    private final String jiraIssueType;
    private final String jiraDoneStatus;
    private final ArrayList<String> cloudTrailRegions;
    private final Integer cloudTrailLookBackDays;
    private final String backupDir;
    private final String action;
    private final Integer deleteAfterDays;
    private final String accountId;
    private final String externalId;
    // Key paths the administrator's global policy file sets: a step argument may not choose another value for them.
    private final TreeSet<String> locked;
    private final String source;

    /** Values as the effective policy holds them; see the accessors. */
    public record Values(int maxDeletions, List<String> approvers, String slackChannel, String jiraProject,
            String jiraIssueType, String jiraDoneStatus, List<String> cloudTrailRegions, int cloudTrailLookBackDays,
            String backupDir, String action, Integer deleteAfterDays, String accountId, String externalId,
            Set<String> locked, String source) {
    }

    public RecordedPolicy(Values v) {
        this.maxDeletions = v.maxDeletions();
        this.approvers = new ArrayList<>(v.approvers());
        this.slackChannel = v.slackChannel();
        this.jiraProject = v.jiraProject();
        this.jiraIssueType = v.jiraIssueType();
        this.jiraDoneStatus = v.jiraDoneStatus();
        this.cloudTrailRegions = new ArrayList<>(v.cloudTrailRegions());
        this.cloudTrailLookBackDays = v.cloudTrailLookBackDays();
        this.backupDir = v.backupDir();
        this.action = v.action();
        this.deleteAfterDays = v.deleteAfterDays();
        this.accountId = v.accountId();
        this.externalId = v.externalId();
        this.locked = new TreeSet<>(v.locked());
        this.source = v.source();
    }

    /** The cap on deletions (and quarantines) of the whole review. */
    public int maxDeletions() {
        return maxDeletions;
    }

    /** The Slack approvers of the policy (member and user-group ids); empty: nobody approves in Slack. */
    public List<String> approvers() {
        return List.copyOf(approvers);
    }

    /** Null when neither a policy file nor the configuration names one. */
    public String slackChannel() {
        return slackChannel;
    }

    public String jiraProject() {
        return jiraProject;
    }

    public String jiraIssueType() {
        return jiraIssueType;
    }

    /** The status the ticket is moved to when the review is done. */
    public String jiraDoneStatus() {
        return jiraDoneStatus;
    }

    public List<String> cloudTrailRegions() {
        return List.copyOf(cloudTrailRegions);
    }

    public int cloudTrailLookBackDays() {
        return cloudTrailLookBackDays;
    }

    /** Relative to the build's artifacts, or absolute on the controller when the global policy file says so. */
    public String backupDir() {
        return backupDir;
    }

    String action() {
        return action;
    }

    Integer deleteAfterDays() {
        return deleteAfterDays;
    }

    /** The 12-digit account the policy expects the scan to reach; null when it names none. */
    public String accountId() {
        return accountId;
    }

    /** The external id of the role the scan assumed, when a policy file chose it (not the configuration's field). */
    public String externalId() {
        return externalId;
    }

    /** Whether the administrator's global policy file sets this key path (e.g. {@code slack.channel}). */
    public boolean locked(String key) {
        return locked.contains(key);
    }

    /** Where the policy came from, e.g. {@code global configuration + iam-janitor.yml}. */
    public String source() {
        return source;
    }

    /** One line for the record's notes and the build log; the external id only as set. */
    public String describe() {
        return "cap " + maxDeletions + " per review; action " + action
                + (deleteAfterDays == null ? "" : " (deleteAfterDays " + deleteAfterDays + ")")
                + "; Slack approvers " + approvers + ", channel " + orNone(slackChannel)
                + "; Jira project " + orNone(jiraProject) + ", issue type " + jiraIssueType + ", done status "
                + jiraDoneStatus + "; CloudTrail " + cloudTrailRegions + " for " + cloudTrailLookBackDays + " days"
                + "; backups " + backupDir + (accountId == null ? "" : "; account " + accountId)
                + (externalId == null ? "" : "; external id (set)") + "; from " + source;
    }

    private static String orNone(String v) {
        return v == null ? "(none)" : v;
    }
}
