package io.jenkins.plugins.iamjanitor.plugin;

import io.jenkins.plugins.iamjanitor.core.config.EffectivePolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The AWS side of a scan's policy: the target the policy's {@code aws} section and the step's arguments name (held to
 * the job authority), and the {@code aws.accountId} check. The plugin takes AWS credentials from the Credentials
 * plugin, so the policy's {@code aws.profile} and the CLI's multi-account keys are not used here.
 */
final class ScanTarget {
    private ScanTarget() {
    }

    /**
     * The target of the scan. A role chosen by a job's file counts as the job's own role (only for jobs allowed to
     * override it); a region or role the global policy file sets cannot be replaced by an argument.
     */
    static AwsTarget of(JobAuthority authority, String job, IamListInactiveStep step, StepPolicy.Resolved resolved,
            JanitorDefaults defaults) {
        AwsTarget policy = resolved.target();
        refuseLocked(resolved, "region", "aws.region", step.getRegion(), policy.region());
        refuseLocked(resolved, "roleArn", "aws.roleArn", step.getRoleArn(), policy.roleArn());
        AwsTarget target = authority.target(job, step.getAwsCredentialsId(), step.getRegion(), step.getRoleArn(),
                policy);
        if (step.getRoleArn() == null && resolved.jobChoseRole()) {
            authority.check(job, target, true);
        }
        return target;
    }

    private static void refuseLocked(StepPolicy.Resolved resolved, String argument, String key, String asked,
            String value) {
        if (asked != null && resolved.locked().contains(key) && !Objects.equals(asked.trim(), value)) {
            throw StepArguments.invalid(argument, "the global policy file sets " + key + ": " + value
                    + "; a Jenkinsfile may not choose another");
        }
    }

    /** Lines for the build log about policy keys the plugin does not use. */
    static List<String> notes(EffectivePolicy policy) {
        List<String> out = new ArrayList<>();
        if (policy.aws().profile() != null) {
            out.add("aws.profile " + policy.aws().profile() + " is not used in Jenkins: the AWS credentials come from"
                    + " the Credentials plugin (Manage Jenkins → System → IAM Janitor)");
        }
        if (policy.jiraUrl() != null) {
            out.add("jira.url " + policy.jiraUrl() + " is not used in Jenkins: tickets go to the Jira base URL of the"
                    + " global configuration");
        }
        if (policy.organization() != null || !policy.accounts().isEmpty()) {
            out.add("organization/accounts are not used by iamListInactive, which reviews one account: list the"
                    + " accounts with iamListAccounts and scan each with its own role");
        }
        return out;
    }

    /** Fails when the policy names an account and the scan reached another one (nothing is recorded then). */
    static void checkAccount(EffectivePolicy policy, String scanned) {
        String expected = policy.aws().accountId();
        if (expected != null && !expected.equals(scanned)) {
            throw new IllegalArgumentException("aws.accountId: the policy expects account " + expected + " but the"
                    + " credentials reached " + (scanned == null ? "an unknown account (no user ARN names one)"
                    : scanned) + "; no review was recorded");
        }
    }
}
