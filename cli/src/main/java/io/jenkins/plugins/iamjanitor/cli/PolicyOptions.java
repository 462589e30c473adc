package io.jenkins.plugins.iamjanitor.cli;

import io.jenkins.plugins.iamjanitor.core.policy.Exemptions;
import io.jenkins.plugins.iamjanitor.core.policy.PolicySettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The inactivity policy: threshold, exemptions, unknown activity. */
public final class PolicyOptions {
    enum UnknownActivity { block, ignore }

    @Option(names = "--days", paramLabel = "N", defaultValue = "" + PolicySettings.DEFAULT_DAYS,
            description = "Inactivity threshold in days (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--exempt-user", paramLabel = "GLOB", description = "Never flag users whose name matches (* and ?).")
    List<String> exemptUsers = new ArrayList<>();

    @Option(names = "--exempt-path", paramLabel = "PREFIX", description = "Never flag users under this IAM path.")
    List<String> exemptPaths = new ArrayList<>();

    @Option(names = "--exempt-tag", paramLabel = "KEY[=VALUE]",
            description = "Never flag users with this tag (always included: " + Exemptions.DEFAULT_TAG + ").")
    List<String> exemptTags = new ArrayList<>();

    @Option(names = "--exempt-group", paramLabel = "GROUP", description = "Never flag members of this group.")
    List<String> exemptGroups = new ArrayList<>();

    @Option(names = "--unknown-activity", paramLabel = "block|ignore", defaultValue = "block",
            description = "Whether credentials without last-used data (SSH keys, signing certificates, "
                    + "service-specific credentials) keep a user from being flagged (default: ${DEFAULT-VALUE}).")
    UnknownActivity unknownActivity;

    /** The settings, with extra exemptions (e.g. from a sandbox scenario) added to the command line's. */
    /** Checks what picocli cannot, before anything is started. */
    void validate() {
        if (days < 1) {
            throw new UsageException("--days must be at least 1, got " + days);
        }
    }

    PolicySettings settings(Exemptions extra) {
        validate();
        List<String> tags = new ArrayList<>(List.of(Exemptions.DEFAULT_TAG));
        tags.addAll(exemptTags);
        tags.addAll(extra.tags());
        return new PolicySettings(Duration.ofDays(days), unknownActivity == UnknownActivity.block,
                new Exemptions(concat(exemptUsers, extra.userNameGlobs()), concat(exemptPaths, extra.pathPrefixes()),
                        tags.stream().distinct().toList(), concat(exemptGroups, extra.groups())));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out.stream().distinct().toList();
    }
}
