package io.jenkins.plugins.iamjanitor.cli;

import io.jenkins.plugins.iamjanitor.core.config.AwsTarget;
import io.jenkins.plugins.iamjanitor.core.org.AccountFilter;
import io.jenkins.plugins.iamjanitor.integrations.aws.org.AccountRoles;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Option;

/** Every account of an AWS Organization (or some of them) instead of one account. */
public final class OrganizationOptions {
    @Option(names = "--organization",
            description = "Run on every account of the AWS Organization (from the management or a delegated"
                    + " administrator account), assuming --role-name in each.")
    boolean organization;

    @Option(names = "--ou", paramLabel = "OU_ID", split = ",",
            description = "Only accounts under this organisational unit (nested units included); repeatable.")
    List<String> ous = List.of();

    @Option(names = "--account", paramLabel = "ACCOUNT_ID", split = ",",
            description = "Only these accounts; repeatable.")
    List<String> accounts = List.of();

    @Option(names = "--exclude-account", paramLabel = "ACCOUNT_ID", split = ",",
            description = "Never these accounts; repeatable, wins over every other filter.")
    List<String> excluded = List.of();

    @Option(names = "--account-tag", paramLabel = "KEY=VALUE",
            description = "Only accounts carrying this tag; repeatable (all must match).")
    List<String> tags = List.of();

    @Option(names = "--role-name", paramLabel = "NAME",
            description = "Role assumed in each account (default: organization.roleName in the policy file, else "
                    + AccountRoles.DEFAULT_ROLE + "); --external-id applies to it.")
    String roleName;

    @Option(names = "--account-concurrency", paramLabel = "N", defaultValue = "8",
            description = "Accounts worked on at the same time (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--organizations-endpoint-url", paramLabel = "URL",
            description = "AWS Organizations endpoint override (e.g. an emulator).")
    String organizationsEndpointUrl;

    /** The member roles' external id from the policy file's organization.externalId; null: --external-id's. */
    String memberExternalId;

    /** The policy file's accounts: entries (each with its own credentials, or none); empty: list Organizations. */
    List<AwsTarget> explicitAccounts = List.of();

    /** Refuses organisation filters without --organization, so nobody believes a single-account run was filtered. */
    void validate() {
        boolean filters = !ous.isEmpty() || !accounts.isEmpty() || !excluded.isEmpty() || !tags.isEmpty()
                || organizationsEndpointUrl != null;
        if (!organization && filters) {
            throw new UsageException("--ou, --account, --exclude-account, --account-tag and"
                    + " --organizations-endpoint-url need --organization");
        }
        if (concurrency < 1 || concurrency > 64) {
            throw new UsageException("--account-concurrency must be between 1 and 64, got " + concurrency);
        }
    }

    AccountFilter filter() {
        Map<String, String> tagMap = new LinkedHashMap<>();
        for (String tag : tags) {
            int eq = tag.indexOf('=');
            if (eq <= 0) {
                throw new UsageException("--account-tag must be KEY=VALUE, got '" + tag + "'");
            }
            tagMap.put(tag.substring(0, eq), tag.substring(eq + 1));
        }
        try {
            return new AccountFilter(set(ous), set(accounts), set(excluded), tagMap);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--account/--exclude-account: " + e.getMessage());
        }
    }

    private static Set<String> set(List<String> values) {
        Set<String> out = new LinkedHashSet<>();
        values.forEach(v -> out.add(v.strip()));
        return out;
    }
}
