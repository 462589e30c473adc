package io.jenkins.plugins.iamjanitor.plugin;

import io.jenkins.plugins.iamjanitor.core.config.EffectivePolicy;
import io.jenkins.plugins.iamjanitor.core.config.PolicyFile;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionResult;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionSettings;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionStatus;
import io.jenkins.plugins.iamjanitor.core.policy.InactivityPolicy;
import io.jenkins.plugins.iamjanitor.core.policy.PolicySettings;
import io.jenkins.plugins.iamjanitor.core.port.ServiceException;
import io.jenkins.plugins.iamjanitor.core.quarantine.QuarantineSettings;
import io.jenkins.plugins.iamjanitor.core.quarantine.RemediationAction;
import io.jenkins.plugins.iamjanitor.core.quarantine.UserQuarantiner;
import io.jenkins.plugins.iamjanitor.core.review.ReviewRecord;
import io.jenkins.plugins.iamjanitor.core.review.ReviewStages;
import io.jenkins.plugins.iamjanitor.core.review.UserStage;
import io.jenkins.plugins.iamjanitor.plugin.review.BuildReview;
import io.jenkins.plugins.iamjanitor.plugin.review.ReviewScope;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The quarantine remediation of a build's review ({@code iamDeleteUser(action: 'quarantine')}): the core
 * {@link UserQuarantiner} where the deleter would go, backups in the job's {@link QuarantineVault} (a release may come
 * after the build is discarded), the record copied there after each user, and the approvers told in Slack.
 */
record ReviewQuarantine(QuarantineSettings settings, QuarantineVault vault, QuarantineVault.Placement placement) {

    /**
     * The remediation {@code iamDeleteUser} runs with: the {@code action}/{@code deleteAfterDays} recorded with the
     * review (reviews recorded before the plugin recorded its policy: the global policy now), overridden by the step's
     * arguments in the safe direction only (see {@link #settings(EffectivePolicy, String, Integer)}).
     */
    static QuarantineSettings settings(ReviewScope scope, JanitorDefaults defaults, String action, Integer afterDays) {
        if (scope == null || scope.recorded() == null) {
            return settings(IamDeleteUserStep.remediationPolicy(defaults), action, afterDays);
        }
        ReviewScope.Remediation recorded = scope.remediation();
        return settings(recorded.quarantine(), recorded.deleteAfterDays(), scope.recorded().cloudTrailRegions(),
                "recorded with the review from " + scope.recorded().source(), action, afterDays);
    }

    /**
     * The remediation of the policy in force, overridden by the step's arguments in the safe direction only. A job
     * may quarantine where the policy deletes, and wait longer; it may not delete where the policy quarantines, nor
     * delete sooner than the policy says.
     *
     * @param policy     the policy in force (never null)
     * @param action     the step's {@code action}, null when not given
     * @param afterDays  the step's {@code deleteAfterDays}, null when not given
     * @throws IllegalArgumentException one line naming the refused argument
     */
    static QuarantineSettings settings(EffectivePolicy policy, String action, Integer afterDays) {
        return settings(policy.action() == PolicyFile.Action.quarantine, policy.deleteAfterDays(),
                policy.cloudTrailRegions(), policy.source(), action, afterDays);
    }

    private static QuarantineSettings settings(boolean policyQuarantines, Integer byPolicyDays,
            List<String> trailRegions, String source, String action, Integer afterDays) {
        RemediationAction byPolicy = policyQuarantines ? RemediationAction.QUARANTINE : RemediationAction.DELETE;
        RemediationAction chosen = byPolicy;
        if (action != null) {
            try {
                chosen = RemediationAction.parse(action.trim().toLowerCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw StepArguments.invalid("action", e.getMessage());
            }
            if (byPolicy == RemediationAction.QUARANTINE && chosen == RemediationAction.DELETE) {
                throw StepArguments.invalid("action", "the policy (" + source + ") quarantines first;"
                        + " a job may not delete directly (remove the argument, or use action: 'quarantine')");
            }
        }
        int days = byPolicyDays == null ? QuarantineSettings.DEFAULT_DELETE_AFTER_DAYS : byPolicyDays;
        if (afterDays != null) {
            if (afterDays < 1) {
                throw StepArguments.invalid("deleteAfterDays", "must be at least 1, got " + afterDays);
            }
            if (byPolicyDays != null && afterDays < byPolicyDays) {
                throw StepArguments.invalid("deleteAfterDays", "the policy (" + source + ") waits "
                        + byPolicyDays + " days; a job may wait longer, not shorter (got " + afterDays + ")");
            }
            days = afterDays;
        }
        List<String> regions = trailRegions.stream().filter(r -> !r.equals("us-east-1")).toList();
        return new QuarantineSettings(chosen, days, regions);
    }

    /** One approved user quarantined, with the deleter's guards; a service failure is that user's FAILED result. */
    DeletionResult quarantine(JanitorServices services, ReviewRecord r, String user, DeletionSettings deletion,
            Path backups, AwsTarget target, PolicySettings policy, BuildLog log) {
        UserQuarantiner quarantiner = new UserQuarantiner(services.iamDirectory(target), services.iamUserAdmin(target),
                services.iamQuarantineAdmin(target), services.backupStore(backups),
                new InactivityPolicy(policy, services.clock()), deletion, settings, r::reviewId, services.clock());
        try {
            // No intent is recorded: the quarantiner resumes from its backup (BackupStore.find) after a crash.
            List<DeletionResult> out = quarantiner.quarantine(List.of(ReviewStages.approval(r, r.decisionFor(user)
                    .orElseThrow())), log);
            return out.isEmpty() ? new DeletionResult(user, DeletionStatus.FAILED, "the quarantiner returned no"
                    + " result", null, List.of()) : out.get(0);
        } catch (ServiceException e) {
            return new DeletionResult(user, DeletionStatus.FAILED, e.getMessage(), null, List.of());
        }
    }

    /** The build's record, as it stands, copied to the job's vault: the sweep and a release outlive the build. */
    void keep(BuildReview review) {
        try {
            vault.locked(() -> {
                vault.keep(review.record(), placement);
                return null;
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while recording the quarantine of review "
                    + review.getReviewId(), e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot record the quarantine of review " + review.getReviewId()
                    + " in " + vault.directory() + ": " + e.getMessage(), e);
        }
    }

    /** The approvers hear in Slack who was quarantined and when each will be deleted, as the CLI tells them. */
    void announce(JanitorServices services, ReviewRecord r, List<DeletionResult> results, BuildLog log) {
        List<String> lines = results.stream().filter(d -> d.status() == DeletionStatus.QUARANTINED)
                .map(d -> d.userName() + ": " + UserStage.of(r, d.userName()).describe()).toList();
        if (lines.isEmpty()) {
            return;
        }
        try {
            services.notifier().notify(r, "Quarantined", lines);
        } catch (RuntimeException e) {
            log.progress("Could not tell the approvers about the quarantine: " + e.getMessage());
        }
    }
}
