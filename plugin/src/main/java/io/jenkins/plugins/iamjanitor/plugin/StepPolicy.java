package io.jenkins.plugins.iamjanitor.plugin;

import io.jenkins.plugins.iamjanitor.core.config.EffectivePolicy;
import io.jenkins.plugins.iamjanitor.core.config.PolicyException;
import io.jenkins.plugins.iamjanitor.core.config.PolicyFields;
import io.jenkins.plugins.iamjanitor.core.config.PolicyFile;
import io.jenkins.plugins.iamjanitor.core.config.PolicyMerge;
import io.jenkins.plugins.iamjanitor.core.policy.ExemptionRule;
import io.jenkins.plugins.iamjanitor.core.policy.Exemptions;
import io.jenkins.plugins.iamjanitor.integrations.config.PolicyFileParser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The policy a step runs with: the administrator's global policy (the text area, over the older single-value
 * fields), then the job's {@code config:} text, then the step's own arguments. The job's text and arguments are
 * written by whoever can push a branch, so both go through {@link PolicyMerge#jobOverGlobal}: they may add exemptions
 * or tighten, and anything weaker fails the step with one line.
 */
final class StepPolicy {
    static final String GLOBAL = "global configuration";
    static final String JOB = "config";
    static final String ARGUMENTS = "step arguments";

    private StepPolicy() {
    }

    /** The global policy: the YAML text's values win over the single-value fields it may leave unset. */
    static PolicyFile global(JanitorDefaults defaults) {
        Map<String, Object> legacy = new LinkedHashMap<>();
        legacy.put("thresholdDays", defaults.days());
        if (defaults.exemptTag() != null && !defaults.exemptTag().equals(Exemptions.DEFAULT_TAG)) {
            legacy.put("exemptions", List.of(new ExemptionRule(ExemptionRule.Kind.TAG, defaults.exemptTag(),
                    "global configuration: exempt tag")));
        }
        PolicyFile base = PolicyFields.rebuild(GLOBAL, legacy);
        if (defaults.policyYaml() == null || defaults.policyYaml().isBlank()) {
            return base;
        }
        PolicyFile file = new PolicyFileParser().parse(GLOBAL, defaults.policyYaml());
        return PolicyMerge.overlay(base, file, Map.of(), note -> { });
    }

    /**
     * The effective policy of one step.
     *
     * @param jobYaml the step's {@code config:} text, or null
     * @throws IllegalArgumentException one line naming every refused or invalid setting
     */
    static EffectivePolicy effective(JanitorDefaults defaults, String jobYaml, Integer days, List<String> users,
            List<String> paths, List<String> tags, List<String> groups) {
        PolicyFile policy;
        try {
            policy = global(defaults);
        } catch (PolicyException e) {
            // Saving refuses an invalid text; this is a text written before, or by JCasC bypassing the form.
            throw new IllegalArgumentException("the global IAM Janitor policy is invalid: " + e.getMessage(), e);
        }
        try {
            if (jobYaml != null && !jobYaml.isBlank()) {
                policy = PolicyMerge.jobOverGlobal(policy, new PolicyFileParser().parse(JOB, jobYaml));
            }
            PolicyFile arguments = arguments(days, users, paths, tags, groups);
            if (arguments != null) {
                policy = PolicyMerge.jobOverGlobal(policy, arguments);
            }
        } catch (PolicyException e) {
            throw new IllegalArgumentException("policy refused: " + e.getMessage(), e);
        }
        return policy.effective();
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
