package io.jenkins.plugins.iamjanitor.plugin.review;

import io.jenkins.plugins.iamjanitor.core.policy.Exemptions;
import io.jenkins.plugins.iamjanitor.core.policy.PolicySettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.TreeMap;
import java.util.List;
import java.util.Map;

/**
 * What the scan of a build's review was run against and with which policy, recorded by the controller with the
 * review: the later steps delete in the same account with the same identity and re-check with the same policy, whatever
 * the script passes them. A plain class (not a record) because XStream stores it in the build's {@code build.xml}.
 */
public final class ReviewScope {
    private final String awsCredentialsId;
    private final String region;
    private final String roleArn;
    private final int days;
    private final ArrayList<String> exemptUsers;
    private final ArrayList<String> exemptPaths;
    private final ArrayList<String> exemptTags;
    private final ArrayList<String> exemptGroups;
    // From the policy file (issue 15); null in reviews recorded before, which used the defaults below.
    private Integer gracePeriodDays;
    private Boolean unknownActivityBlocks;
    private TreeMap<String, String> exemptionReasons;
    // The rest of the effective policy (cap, approvers, Slack, Jira, CloudTrail, backups, action); null before.
    private RecordedPolicy recorded;
    /** The account's alias as IAM itself answered it in the scan (ListAccountAliases); null: none or unreadable. */
    private String accountAlias;

    public ReviewScope(String awsCredentialsId, String region, String roleArn, int days, List<String> exemptUsers,
            List<String> exemptPaths, List<String> exemptTags, List<String> exemptGroups) {
        this.awsCredentialsId = awsCredentialsId;
        this.region = region;
        this.roleArn = roleArn;
        this.days = days;
        this.exemptUsers = new ArrayList<>(exemptUsers);
        this.exemptPaths = new ArrayList<>(exemptPaths);
        this.exemptTags = new ArrayList<>(exemptTags);
        this.exemptGroups = new ArrayList<>(exemptGroups);
    }

    /** The scope of a scan run with an effective policy (threshold, grace, unknown activity, reasoned exemptions). */
    public static ReviewScope of(String awsCredentialsId, String region, String roleArn, PolicySettings policy) {
        Exemptions e = policy.exemptions();
        ReviewScope scope = new ReviewScope(awsCredentialsId, region, roleArn, (int) policy.threshold().toDays(),
                e.userNameGlobs(), e.pathPrefixes(), e.tags(), e.groups());
        scope.gracePeriodDays = (int) policy.gracePeriod().toDays();
        scope.unknownActivityBlocks = policy.unknownActivityBlocks();
        scope.exemptionReasons = new TreeMap<>(e.reasons());
        return scope;
    }

    /** Like {@link #of(String, String, String, PolicySettings)}, with the rest of the effective policy. */
    public static ReviewScope of(String awsCredentialsId, String region, String roleArn, PolicySettings policy,
            RecordedPolicy recorded) {
        ReviewScope scope = of(awsCredentialsId, region, roleArn, policy);
        scope.recorded = recorded;
        return scope;
    }

    /** The rest of the effective policy; null for a review recorded before the plugin recorded it. */
    public RecordedPolicy recorded() {
        return recorded;
    }

    /**
     * What to do with approved users: {@code delete} (also for reviews recorded before the policy said) or
     * {@code quarantine}, with the days a quarantined user waits (null: the quarantine feature's default).
     */
    public Remediation remediation() {
        return recorded == null || recorded.action() == null ? new Remediation("delete", null)
                : new Remediation(recorded.action(), recorded.deleteAfterDays());
    }

    /** The policy's {@code action} and {@code deleteAfterDays}, as recorded with the review. */
    public record Remediation(String action, Integer deleteAfterDays) {
        public boolean quarantine() {
            return "quarantine".equals(action);
        }
    }

    /** The policy the scan used, for the live re-check before a deletion. */
    public PolicySettings policySettings() {
        Exemptions e = new Exemptions(exemptUsers, exemptPaths, exemptTags, exemptGroups,
                exemptionReasons == null ? Map.of() : exemptionReasons);
        Duration threshold = Duration.ofDays(days);
        return new PolicySettings(threshold, unknownActivityBlocks == null || unknownActivityBlocks, e,
                gracePeriodDays == null ? threshold : Duration.ofDays(gracePeriodDays));
    }

    /** Records the alias the scan read from IAM in the target account (never one a script passed in). */
    public ReviewScope withAccountAlias(String alias) {
        this.accountAlias = alias == null || alias.isBlank() ? null : alias;
        return this;
    }

    public String accountAlias() {
        return accountAlias;
    }

    public String awsCredentialsId() {
        return awsCredentialsId;
    }

    public String region() {
        return region;
    }

    public String roleArn() {
        return roleArn;
    }

    public int days() {
        return days;
    }

    public List<String> exemptUsers() {
        return List.copyOf(exemptUsers);
    }

    public List<String> exemptPaths() {
        return List.copyOf(exemptPaths);
    }

    public List<String> exemptTags() {
        return List.copyOf(exemptTags);
    }

    public List<String> exemptGroups() {
        return List.copyOf(exemptGroups);
    }

    /** One line for the record's notes and the build log. */
    public String describe() {
        return "Policy: inactive after " + days + " days"
                + (gracePeriodDays == null ? "" : " (grace " + gracePeriodDays + " days, unknown activity "
                        + (unknownActivityBlocks ? "blocks" : "ignored") + ")")
                + "; exempt users " + exemptUsers + ", paths " + exemptPaths
                + ", tags " + exemptTags + ", groups " + exemptGroups + "; region " + region
                + (roleArn == null ? "" : ", role " + roleArn)
                + (exemptionReasons == null || exemptionReasons.isEmpty() ? "" : "; reasons " + exemptionReasons)
                + (recorded == null ? "" : "; " + recorded.describe());
    }
}
