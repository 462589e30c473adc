package io.jenkins.plugins.iamjanitor.cli;

import io.jenkins.plugins.iamjanitor.core.config.AwsTarget;
import io.jenkins.plugins.iamjanitor.core.config.EffectivePolicy;
import io.jenkins.plugins.iamjanitor.core.config.PolicyFile;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The policy file's {@code organization} and {@code accounts} for {@code scan} and {@code review}: either makes the
 * run cover several accounts, as {@code --organization} does. Flags win over the file, as for every other setting,
 * except the exclusion list, which only grows (an account the file keeps out stays out).
 */
final class PolicyAccounts {
    private PolicyAccounts() {
    }

    static void apply(EffectivePolicy policy, TargetOptions target, OrganizationOptions org, PrintWriter err) {
        PolicyFile.Organization o = policy.organization();
        List<AwsTarget> accounts = policy.accounts();
        if (o == null && accounts.isEmpty()) {
            return;
        }
        if (o != null && !accounts.isEmpty()) {
            throw new UsageException(policy.source() + ": organization and accounts cannot both be set: list the"
                    + " accounts from AWS Organizations or name them, not both");
        }
        org.organization = true;
        if (o != null) {
            if (o.managementProfile() != null && target.aws.profile == null) {
                if (target.sandbox) {
                    err.println("note: --sandbox ignores organization.managementProfile of " + policy.source());
                } else {
                    target.aws.profile = o.managementProfile();
                }
            }
            org.roleName = org.roleName != null ? org.roleName : o.roleName();
            org.memberExternalId = o.externalId();
            if (org.accounts.isEmpty()) {
                org.accounts = o.includeAccounts();
            }
            Set<String> excluded = new LinkedHashSet<>(o.excludeAccounts());
            excluded.addAll(org.excluded);
            org.excluded = new ArrayList<>(excluded);
            err.println("note: " + policy.source() + " has organization: every account of the AWS Organization is"
                    + " worked on, as with --organization");
        } else {
            for (AwsTarget a : accounts) {
                if (a.accountId() == null) {
                    throw new UsageException(policy.source() + ": every accounts entry needs its accountId"
                            + (a.name() == null ? "" : " ('" + a.name() + "' has none)"));
                }
                if (target.sandbox && a.profile() != null) {
                    throw new UsageException(policy.source() + ": --sandbox cannot use the profile of accounts entry "
                            + a.accountId());
                }
            }
            org.explicitAccounts = accounts;
            err.println("note: " + policy.source() + " names " + accounts.size() + " account(s) under accounts: they are"
                    + " worked on as with --organization, each with its own credentials");
        }
        err.flush();
    }
}
