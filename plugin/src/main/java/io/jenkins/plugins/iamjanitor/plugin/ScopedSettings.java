package io.jenkins.plugins.iamjanitor.plugin;

import io.jenkins.plugins.iamjanitor.core.config.EffectivePolicy;
import io.jenkins.plugins.iamjanitor.plugin.review.RecordedPolicy;
import io.jenkins.plugins.iamjanitor.plugin.review.ReviewScope;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * What the steps after {@code iamListInactive} use from the policy recorded with the build's review
 * ({@link RecordedPolicy}), with what their own arguments may still choose. A value the administrator's global policy
 * file sets is locked: an argument naming another one is refused. Arguments that could widen what is deleted or who
 * decides are held to the record: the cap and the approvers come from it only (and the global configuration of now may
 * still narrow them), a look-back the global file sets only lengthens and regions are only added to. Reviews recorded before
 * the policy was recorded fall back to the global configuration, as those steps did then.
 */
final class ScopedSettings {
    private final RecordedPolicy recorded;
    private final JanitorDefaults defaults;

    ScopedSettings(ReviewScope scope, JanitorDefaults defaults) {
        this.recorded = scope == null ? null : scope.recorded();
        this.defaults = defaults;
    }

    /** The review's cap; lowered to the global policy's of now when an administrator lowered it since. */
    int maxDeletions() {
        EffectivePolicy now = StepPolicy.currentGlobal(defaults);
        int current = now == null ? defaults.maxDeletions() : now.maxDeletions();
        return recorded == null ? current : Math.min(recorded.maxDeletions(), current);
    }

    /** The review's Slack approvers still configured now: one removed since the scan no longer counts. */
    List<String> approvers() {
        EffectivePolicy now = StepPolicy.currentGlobal(defaults);
        List<String> current = now == null ? defaults.approvers() : now.approvers();
        if (recorded == null) {
            return current;
        }
        return recorded.approvers().stream().filter(a -> current.stream().anyMatch(c -> c.equalsIgnoreCase(a)))
                .toList();
    }

    /** The Slack channel: the step's when given and not locked, else the recorded one. */
    String slackChannel(String asked) {
        return choose("channel", "slack.channel", asked,
                recorded == null ? defaults.slackChannel() : recorded.slackChannel());
    }

    String jiraProject(String asked) {
        return choose("projectKey", "jira.project", asked,
                recorded == null ? defaults.jiraProjectKey() : recorded.jiraProject());
    }

    String jiraIssueType(String asked) {
        return choose("issueType", "jira.issueType", asked,
                recorded == null ? defaults.jiraIssueType() : recorded.jiraIssueType());
    }

    /** The status the review's ticket is moved to when done. */
    String jiraDoneStatus() {
        return recorded == null ? EffectivePolicy.DEFAULT_DONE_STATUS : recorded.jiraDoneStatus();
    }

    /**
     * Days CloudTrail looks back: the recorded look-back, or the step's; never shorter than a look-back the global
     * policy file sets (less history could miss a use that keeps a user).
     */
    int cloudTrailDays(Integer asked, int max) {
        int base = recorded == null ? max : Math.min(recorded.cloudTrailLookBackDays(), max);
        if (asked == null) {
            return base;
        }
        int days = StepArguments.positive("days", asked, base, max);
        if (recorded != null && recorded.locked("cloudTrail.lookBackDays") && days < base) {
            throw StepArguments.invalid("days", days + " is shorter than the global policy file's CloudTrail look-back"
                    + " of " + base + " days (cloudTrail.lookBackDays); a Jenkinsfile may look further back, never less");
        }
        return days;
    }

    /** The recorded regions plus the step's (added, never replacing them). */
    List<String> cloudTrailRegions(List<String> asked, String scanRegion) {
        LinkedHashSet<String> regions = new LinkedHashSet<>();
        if (recorded != null) {
            regions.addAll(recorded.cloudTrailRegions());
        } else if (asked == null) {
            regions.add(scanRegion);
        }
        if (asked != null) {
            regions.addAll(StepArguments.strings("regions", asked));
        }
        regions.forEach(r -> StepArguments.region("regions", r));
        return new ArrayList<>(regions);
    }

    /**
     * Where {@code iamDeleteUser} writes its backups: below the build's artifacts (served and discarded with the
     * build), or, when the global policy file names an absolute directory, in that directory on the controller, one
     * sub-directory per review. A review of one account among several in the build (its id says which) defaults to
     * a folder per account id.
     */
    Path backupPath(String asked, Path artifacts, String reviewId, String accountId) {
        String base = recorded == null ? IamDeleteUserStep.DEFAULT_BACKUP_DIR : recorded.backupDir();
        String dir = choose("backupDir", "directories.backups", asked, base);
        Path p = Path.of(dir);
        if (p.isAbsolute() && recorded != null && recorded.locked("directories.backups") && dir.equals(base)) {
            return p.resolve(reviewId).normalize();
        }
        if (p.isAbsolute() || p.normalize().startsWith("..")) {
            throw StepArguments.invalid("backupDir", "must be a relative path inside the build's artifacts, got "
                    + dir);
        }
        // A per-account review (one of several in the build) backs up into its own folder unless told otherwise.
        return artifacts.resolve(asked == null && accountId != null ? p.resolve(accountId) : p).normalize();
    }

    private String choose(String argument, String key, String asked, String recordedValue) {
        if (asked == null) {
            return recordedValue;
        }
        if (recorded != null && recorded.locked(key) && !Objects.equals(asked, recordedValue)) {
            throw StepArguments.invalid(argument, "the global policy file sets " + key + ": " + recordedValue
                    + "; a Jenkinsfile may not choose another");
        }
        return asked;
    }
}
