package io.jenkins.plugins.iamjanitor.core.config;

import io.jenkins.plugins.iamjanitor.core.policy.ExemptionRule;
import java.util.List;

/**
 * An {@code iam-janitor.yml} as written: a null component (or an empty list) is a key the file leaves out, so that
 * merging and command-line overrides can tell "not set" from "set to the default". {@link #effective()} fills in the
 * defaults. Component names are the file's keys (nested records are nested sections), which {@link PolicyFields}
 * relies on to name values in messages.
 *
 * @param source          where it was read from (file name, "global configuration", "command line"); not a key
 * @param action          {@code delete} (default) or {@code quarantine}; read by the quarantine feature
 * @param deleteAfterDays with {@code action: quarantine}, days a quarantined user waits before deletion
 * @param organization    scan and review cover the AWS Organization's accounts (cli PolicyAccounts); other
 *                        commands refuse it
 * @param accounts        scan and review cover exactly these accounts (cli PolicyAccounts); other commands
 *                        refuse it
 */
public record PolicyFile(
        String source,
        Integer thresholdDays,
        Integer gracePeriodDays,
        UnknownActivity unknownActivity,
        Action action,
        Integer deleteAfterDays,
        Integer maxDeletions,
        List<ExemptionRule> exemptions,
        List<String> approvers,
        Slack slack,
        Jira jira,
        CloudTrail cloudTrail,
        Directories directories,
        AwsTarget aws,
        Organization organization,
        List<AwsTarget> accounts) {

    /** Named as written in the file. */
    public enum UnknownActivity { block, ignore }

    /** Named as written in the file. */
    public enum Action { delete, quarantine }

    public record Slack(String channel) {
    }

    public record Jira(String url, String project, String issueType, String doneStatus) {
    }

    public record CloudTrail(List<String> regions, Integer lookBackDays) {
        public CloudTrail {
            regions = regions == null ? List.of() : List.copyOf(regions);
        }
    }

    /** Relative paths are resolved against the working directory (CLI) or the workspace (plugin). */
    public record Directories(String reports, String state, String backups) {
    }

    /**
     * @param managementProfile profile of the management account that lists the organization's accounts
     * @param roleName          role assumed in each member account
     */
    public record Organization(String managementProfile, String roleName, String externalId,
            List<String> includeAccounts, List<String> excludeAccounts) {
        public Organization {
            includeAccounts = includeAccounts == null ? List.of() : List.copyOf(includeAccounts);
            excludeAccounts = excludeAccounts == null ? List.of() : List.copyOf(excludeAccounts);
        }

        /** The external id is a shared token: shown only as set. */
        @Override
        public String toString() {
            return "managementProfile " + managementProfile + ", roleName " + roleName
                    + (externalId == null ? "" : ", externalId (set)") + ", includeAccounts " + includeAccounts
                    + ", excludeAccounts " + excludeAccounts;
        }
    }

    public PolicyFile {
        exemptions = exemptions == null ? List.of() : List.copyOf(exemptions);
        approvers = approvers == null ? List.of() : List.copyOf(approvers);
        accounts = accounts == null ? List.of() : List.copyOf(accounts);
    }

    /** A file that sets nothing: every value is the default. */
    public static PolicyFile empty(String source) {
        return new PolicyFile(source, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null);
    }

    /** This file with every unset value replaced by its default. */
    public EffectivePolicy effective() {
        return EffectivePolicy.of(this);
    }
}
