package io.jenkins.plugins.iamjanitor.cli;

import io.jenkins.plugins.iamjanitor.core.config.PolicyFile;
import io.jenkins.plugins.iamjanitor.core.policy.ExemptionRule;
import io.jenkins.plugins.iamjanitor.core.policy.ExemptionRule.Kind;
import io.jenkins.plugins.iamjanitor.core.policy.Exemptions;
import io.jenkins.plugins.iamjanitor.core.policy.PolicySettings;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The inactivity policy flags: threshold, exemptions, unknown activity. Each overrides (or, for exemptions, adds to)
 * the policy file; a flag that is not given leaves the file's value.
 */
public final class PolicyOptions {
    @Option(names = "--days", paramLabel = "N",
            description = "Inactivity threshold in days (default: the policy file's thresholdDays, else "
                    + PolicySettings.DEFAULT_DAYS + ").")
    Integer days;

    @Option(names = "--exempt-user", paramLabel = "GLOB", description = "Never flag users whose name matches (* and ?).")
    List<String> exemptUsers = new ArrayList<>();

    @Option(names = "--exempt-path", paramLabel = "PREFIX", description = "Never flag users under this IAM path.")
    List<String> exemptPaths = new ArrayList<>();

    @Option(names = "--exempt-tag", paramLabel = "KEY[=VALUE]",
            description = "Never flag users with this tag (always included: " + Exemptions.DEFAULT_TAG + ").")
    List<String> exemptTags = new ArrayList<>();

    @Option(names = "--exempt-group", paramLabel = "GROUP", description = "Never flag members of this group.")
    List<String> exemptGroups = new ArrayList<>();

    @Option(names = "--unknown-activity", paramLabel = "block|ignore",
            description = "Whether credentials without last-used data (SSH keys, signing certificates, "
                    + "service-specific credentials) keep a user from being flagged (default: the policy file's "
                    + "unknownActivity, else block).")
    PolicyFile.UnknownActivity unknownActivity;

    /** Checks what picocli cannot, before anything is started. */
    void validate() {
        if (days != null && days < 1) {
            throw new UsageException("--days must be at least 1, got " + days);
        }
    }

    /** Adds the given flags to the command line's policy values. */
    CliPolicy.Flags addTo(CliPolicy.Flags flags) {
        validate();
        List<ExemptionRule> rules = new ArrayList<>();
        exemptUsers.forEach(p -> rules.add(new ExemptionRule(Kind.USER, p, "given with --exempt-user")));
        exemptPaths.forEach(p -> rules.add(new ExemptionRule(Kind.PATH, p, "given with --exempt-path")));
        exemptTags.forEach(p -> rules.add(new ExemptionRule(Kind.TAG, p, "given with --exempt-tag")));
        exemptGroups.forEach(p -> rules.add(new ExemptionRule(Kind.GROUP, p, "given with --exempt-group")));
        return flags.put("thresholdDays", days).put("unknownActivity", unknownActivity).put("exemptions", rules);
    }
}
