package io.jenkins.plugins.iamjanitor.cli;

import io.jenkins.plugins.iamjanitor.core.config.EffectivePolicy;
import io.jenkins.plugins.iamjanitor.core.config.PolicyFields;
import io.jenkins.plugins.iamjanitor.core.config.PolicyFile;
import io.jenkins.plugins.iamjanitor.core.config.PolicyMerge;
import io.jenkins.plugins.iamjanitor.core.policy.Exemptions;
import io.jenkins.plugins.iamjanitor.core.policy.PolicySettings;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The policy a command runs with: the policy file, then the command line's flags over it. Every value a flag replaces
 * is reported on stderr, so a run never silently differs from the reviewed file.
 */
final class CliPolicy {
    /** The flag that sets each key, for the override notes. */
    static final Map<String, String> FLAGS = Map.ofEntries(
            Map.entry("thresholdDays", "--days"),
            Map.entry("unknownActivity", "--unknown-activity"),
            Map.entry("maxDeletions", "--max-deletions"),
            Map.entry("approvers", "--approver"),
            Map.entry("slack.channel", "--slack-channel"),
            Map.entry("jira.url", "--jira-url"),
            Map.entry("jira.project", "--jira-project"),
            Map.entry("jira.issueType", "--jira-issue-type"),
            Map.entry("jira.doneStatus", "--done-status"),
            Map.entry("cloudTrail.regions", "--cloudtrail-region"),
            Map.entry("directories.reports", "--report-dir"),
            Map.entry("directories.state", "--state-dir"),
            Map.entry("directories.backups", "--backup-dir"),
            Map.entry("aws.profile", "--profile"),
            Map.entry("aws.region", "--region"),
            Map.entry("aws.roleArn", "--role-arn"),
            Map.entry("aws.externalId", "--external-id"));

    private CliPolicy() {
    }

    /** Values the command line sets, by policy key; a flag left out adds nothing. */
    static final class Flags {
        private final Map<String, Object> values = new LinkedHashMap<>();

        Flags put(String key, Object value) {
            if (value != null && !(value instanceof List<?> l && l.isEmpty())) {
                values.put(key, value);
            }
            return this;
        }

        PolicyFile file() {
            return PolicyFields.rebuild("command line", values);
        }
    }

    /**
     * @param destructive the command may change IAM: a policy asking for what this build cannot do safely is refused
     */
    static EffectivePolicy resolve(PolicyFile file, Flags flags, PrintWriter err, boolean destructive) {
        return resolve(file, flags, err, destructive, false);
    }

    /** @param quarantines the command carries out {@code action: quarantine} (review does; delete does not) */
    static EffectivePolicy resolve(PolicyFile file, Flags flags, PrintWriter err, boolean destructive,
            boolean quarantines) {
        return resolve(file, flags, err, destructive, quarantines, false);
    }

    /**
     * @param multiAccount the command works on the policy's {@code organization}/{@code accounts} (scan and review,
     *                     through {@link PolicyAccounts}); any other command refuses them rather than work on one
     *                     account and look as if it had covered all
     */
    static EffectivePolicy resolve(PolicyFile file, Flags flags, PrintWriter err, boolean destructive,
            boolean quarantines, boolean multiAccount) {
        PolicyFile merged = PolicyMerge.overlay(file, flags.file(), FLAGS, note -> err.println("note: " + note));
        err.flush();
        EffectivePolicy policy = merged.effective();
        if (!multiAccount && (policy.organization() != null || !policy.accounts().isEmpty())) {
            throw new UsageException(file.source() + ": organization/accounts (multi-account runs) are carried out"
                    + " by scan and review only; name the one account under aws: for this command");
        }
        if (destructive && !quarantines && policy.action() == PolicyFile.Action.quarantine) {
            throw new UsageException(file.source() + ": action: quarantine is carried out by review, not by this"
                    + " command; it would not delete, so nothing is done (set action: delete to delete)");
        }
        return policy;
    }

    /** Points the AWS options at the policy's target, unless the run is on the sandbox (which has its own). */
    static void applyTarget(EffectivePolicy policy, TargetOptions target, PrintWriter err) {
        if (target.sandbox) {
            if (!policy.aws().isEmpty()) {
                err.println("note: --sandbox ignores aws: of " + policy.source());
                err.flush();
            }
            return;
        }
        target.aws.useTarget(policy.aws());
    }

    /** The inactivity settings, with exemptions a sandbox scenario carries added (never replacing the policy's). */
    static PolicySettings settings(EffectivePolicy policy, Exemptions extra) {
        PolicySettings s = policy.policySettings();
        return new PolicySettings(s.threshold(), s.unknownActivityBlocks(), s.exemptions().plus(extra),
                s.gracePeriod());
    }
}
