package io.jenkins.plugins.iamjanitor.plugin;

import io.jenkins.plugins.iamjanitor.core.config.EffectivePolicy;
import io.jenkins.plugins.iamjanitor.core.config.PolicyException;
import io.jenkins.plugins.iamjanitor.core.config.PolicyFields;
import io.jenkins.plugins.iamjanitor.core.config.PolicyFile;
import io.jenkins.plugins.iamjanitor.core.config.PolicyMerge;
import io.jenkins.plugins.iamjanitor.core.policy.ExemptionRule;
import io.jenkins.plugins.iamjanitor.core.policy.Exemptions;
import io.jenkins.plugins.iamjanitor.integrations.config.PolicyFileParser;
import io.jenkins.plugins.iamjanitor.plugin.review.RecordedPolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The policy a step runs with: the administrator's global policy, then the job's policy files (the {@code iamJanitor}
 * block's, then the step's own {@code config:}/{@code configText:}), then the step's own arguments. The job's files
 * and arguments are written by whoever can push a branch, so each goes through {@link PolicyMerge#jobOverGlobal}:
 * they may add exemptions or tighten, and anything weaker fails the step with one line.
 *
 * <p>The global configuration's single-value fields relate to the global text area in two ways. The safety values
 * (inactive after days, exempt tag, maximum deletions, Slack approvers) are part of the global policy: the text area
 * wins where it sets them, and a job may only tighten them. The others (default Slack channel, Jira project and issue
 * type, AWS region, role and external id) are defaults: they fill in what neither the global text area nor a job's
 * file sets, and a job may choose its own (a role only when the job may override the role). A value the global text
 * area sets is locked for every job ({@link #locked}).
 */
final class StepPolicy {
    static final String GLOBAL = "global configuration";
    static final String JOB = "config";
    static final String ARGUMENTS = "step arguments";

    private StepPolicy() {
    }

    /** A job's policy file: the name it is reported under and its YAML text. */
    record JobFile(String source, String text) {
    }

    /**
     * The merged policy of one step.
     *
     * @param merged   as merged, unset keys still unset (before the defaults are filled in)
     * @param policy   with every default filled in
     * @param locked   key paths the global text area sets
     * @param adminAws the AWS target the administrator chose (global text area over the fields)
     */
    record Resolved(PolicyFile merged, EffectivePolicy policy, Set<String> locked, AwsTarget adminAws) {
        /** The AWS target the policy names: the configured credentials with the policy's region and role. */
        AwsTarget target() {
            var aws = policy.aws();
            return new AwsTarget(adminAws.credentialsId(), aws.region(), aws.roleArn(), aws.externalId());
        }

        /** Whether a job's file chose a role (or external id) other than the administrator's. */
        boolean jobChoseRole() {
            return !Objects.equals(policy.aws().roleArn(), adminAws.roleArn())
                    || !Objects.equals(policy.aws().externalId(), adminAws.externalId());
        }

        /**
         * What the review records for the later steps. CloudTrail looks in the scan's region unless a policy file
         * names regions; a backup directory outside the build's artifacts only when the global text area says so.
         * The external id is recorded only when it is not the configuration field's (which stays out of build.xml).
         */
        RecordedPolicy record(AwsTarget target, AwsTarget configured, String source) {
            EffectivePolicy p = policy;
            String backups = p.backupDir();
            if (!locked.contains("directories.backups") && (java.nio.file.Path.of(backups).isAbsolute()
                    || java.nio.file.Path.of(backups).normalize().startsWith(".."))) {
                throw new IllegalArgumentException("policy refused: directories.backups: " + backups + " is outside"
                        + " the build's artifacts; only the global policy file may choose such a directory");
            }
            List<String> regions = set("cloudTrail.regions") ? p.cloudTrailRegions() : List.of(target.region());
            return new RecordedPolicy(new RecordedPolicy.Values(p.maxDeletions(), p.approvers(), p.slackChannel(),
                    p.jiraProject(), p.jiraIssueType(), p.jiraDoneStatus(), regions, p.cloudTrailLookBackDays(),
                    backups, p.action().name(), p.deleteAfterDays(), p.aws().accountId(),
                    Objects.equals(target.externalId(), configured.externalId()) ? null : target.externalId(), locked,
                    source));
        }

        /** Whether a policy file (not the configuration's field default) set this key path. */
        boolean set(String key) {
            return PolicyFields.flatten(merged).containsKey(key);
        }
    }

    /** The global policy: the YAML text's values win over the safety fields it may leave unset. */
    static PolicyFile global(JanitorDefaults defaults) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("thresholdDays", defaults.days());
        fields.put("maxDeletions", defaults.maxDeletions());
        if (!defaults.approvers().isEmpty()) {
            fields.put("approvers", defaults.approvers());
        }
        if (defaults.exemptTag() != null && !defaults.exemptTag().equals(Exemptions.DEFAULT_TAG)) {
            fields.put("exemptions", List.of(new ExemptionRule(ExemptionRule.Kind.TAG, defaults.exemptTag(),
                    "global configuration: exempt tag")));
        }
        PolicyFile base = PolicyFields.rebuild(GLOBAL, fields);
        PolicyFile file = globalFile(defaults);
        return file == null ? base : PolicyMerge.overlay(base, file, Map.of(), note -> { });
    }

    private static PolicyFile globalFile(JanitorDefaults defaults) {
        return defaults.policyYaml() == null || defaults.policyYaml().isBlank() ? null
                : new PolicyFileParser().parse(GLOBAL, defaults.policyYaml());
    }

    /** Key paths the global text area sets; empty without one (or when it is invalid: the scan refuses that). */
    static Set<String> locked(JanitorDefaults defaults) {
        try {
            PolicyFile file = globalFile(defaults);
            return file == null ? Set.of() : Set.copyOf(PolicyFields.flatten(file).keySet());
        } catch (PolicyException e) {
            return Set.of();
        }
    }

    /** The global policy as it stands now, or null when the saved text is invalid (the scan refuses that). */
    static EffectivePolicy currentGlobal(JanitorDefaults defaults) {
        try {
            return global(defaults).effective();
        } catch (PolicyException e) {
            return null;
        }
    }

    /** The effective policy of one step with only the {@code config:} text (no block, no workspace file). */
    static EffectivePolicy effective(JanitorDefaults defaults, String jobYaml, Integer days, List<String> users,
            List<String> paths, List<String> tags, List<String> groups) {
        List<JobFile> files = jobYaml == null || jobYaml.isBlank() ? List.of() : List.of(new JobFile(JOB, jobYaml));
        return resolve(defaults, files, days, users, paths, tags, groups).policy();
    }

    /**
     * The policy of one step.
     *
     * @param jobFiles the job's files, outermost first (the block's, then the step's)
     * @throws IllegalArgumentException one line naming every refused or invalid setting
     */
    static Resolved resolve(JanitorDefaults defaults, List<JobFile> jobFiles, Integer days, List<String> users,
            List<String> paths, List<String> tags, List<String> groups) {
        PolicyFile policy;
        try {
            policy = global(defaults);
        } catch (PolicyException e) {
            // Saving refuses an invalid text; this is a text written before, or by JCasC bypassing the form.
            throw new IllegalArgumentException("the global IAM Janitor policy is invalid: " + e.getMessage(), e);
        }
        try {
            for (JobFile f : jobFiles) {
                policy = PolicyMerge.jobOverGlobal(policy, new PolicyFileParser().parse(f.source(), f.text()));
            }
            PolicyFile arguments = arguments(days, users, paths, tags, groups);
            if (arguments != null) {
                policy = PolicyMerge.jobOverGlobal(policy, arguments);
            }
        } catch (PolicyException e) {
            throw new IllegalArgumentException("policy refused: " + e.getMessage(), e);
        }
        AwsTarget admin = adminAws(defaults);
        PolicyFile filled = fill(policy, defaults, admin);
        return new Resolved(policy, filled.effective(), locked(defaults), admin);
    }

    /** The global text area's {@code aws} section over the configuration's AWS fields. */
    static AwsTarget adminAws(JanitorDefaults defaults) {
        AwsTarget fields = defaults.aws();
        PolicyFile file = globalFile(defaults);
        var aws = file == null || file.aws() == null ? io.jenkins.plugins.iamjanitor.core.config.AwsTarget.NONE
                : file.aws();
        boolean fileRole = aws.roleArn() != null;
        return new AwsTarget(fields.credentialsId(), aws.region() != null ? aws.region() : fields.region(),
                fileRole ? aws.roleArn() : fields.roleArn(), fileRole ? aws.externalId() : fields.externalId());
    }

    /** The configuration's default fields where no policy file set the value. */
    private static PolicyFile fill(PolicyFile policy, JanitorDefaults defaults, AwsTarget admin) {
        Map<String, Object> values = PolicyFields.flatten(policy);
        putIfAbsent(values, "slack.channel", defaults.slackChannel());
        putIfAbsent(values, "jira.project", defaults.jiraProjectKey());
        putIfAbsent(values, "jira.issueType", defaults.jiraIssueType());
        putIfAbsent(values, "aws.region", admin.region());
        if (!values.containsKey("aws.roleArn") && !values.containsKey("aws.externalId")) {
            putIfAbsent(values, "aws.roleArn", admin.roleArn());
            putIfAbsent(values, "aws.externalId", admin.externalId());
        }
        return PolicyFields.rebuild(policy.source(), values);
    }

    private static void putIfAbsent(Map<String, Object> values, String key, String value) {
        if (value != null) {
            values.putIfAbsent(key, value);
        }
    }

    private static PolicyFile arguments(Integer days, List<String> users, List<String> paths, List<String> tags,
            List<String> groups) {
        Map<String, Object> values = new LinkedHashMap<>();
        if (days != null) {
            values.put("thresholdDays", days);
        }
        List<ExemptionRule> rules = new ArrayList<>();
        add(rules, ExemptionRule.Kind.USER, users);
        add(rules, ExemptionRule.Kind.PATH, paths);
        add(rules, ExemptionRule.Kind.TAG, tags);
        add(rules, ExemptionRule.Kind.GROUP, groups);
        if (!rules.isEmpty()) {
            values.put("exemptions", rules);
        }
        return values.isEmpty() ? null : PolicyFields.rebuild(ARGUMENTS, values);
    }

    private static void add(List<ExemptionRule> rules, ExemptionRule.Kind kind, List<String> patterns) {
        if (patterns != null) {
            patterns.forEach(p -> rules.add(new ExemptionRule(kind, p, "step argument")));
        }
    }
}
