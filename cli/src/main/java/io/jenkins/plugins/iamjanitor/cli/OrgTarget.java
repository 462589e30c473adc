package io.jenkins.plugins.iamjanitor.cli;

import io.jenkins.plugins.iamjanitor.core.config.AwsTarget;
import io.jenkins.plugins.iamjanitor.core.org.AccountDirectory;
import io.jenkins.plugins.iamjanitor.core.org.ExplicitAccounts;
import io.jenkins.plugins.iamjanitor.core.org.OrgAccount;
import io.jenkins.plugins.iamjanitor.core.policy.Exemptions;
import io.jenkins.plugins.iamjanitor.core.port.IamDirectory;
import io.jenkins.plugins.iamjanitor.integrations.aws.AwsClients;
import io.jenkins.plugins.iamjanitor.integrations.aws.AwsCredentialsSource;
import io.jenkins.plugins.iamjanitor.integrations.aws.AwsIamDirectory;
import io.jenkins.plugins.iamjanitor.integrations.aws.AwsSettings;
import io.jenkins.plugins.iamjanitor.integrations.aws.Sleeper;
import io.jenkins.plugins.iamjanitor.integrations.aws.org.AccountRoles;
import io.jenkins.plugins.iamjanitor.integrations.aws.org.AccountSession;
import io.jenkins.plugins.iamjanitor.integrations.aws.org.AwsOrganizationsAccounts;
import io.jenkins.plugins.iamjanitor.sandbox.Scenario;
import io.jenkins.plugins.iamjanitor.sandbox.org.OrgScenario;
import io.jenkins.plugins.iamjanitor.sandbox.org.OrganizationSandbox;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.services.organizations.OrganizationsClient;

/**
 * The organisation a command works on: AWS Organizations read with the management (or delegated-administrator)
 * credentials, and one {@link AccountSession} per member account, or the in-process organisation sandbox. Owns the
 * management clients (and the sandbox) and closes them.
 */
final class OrgTarget implements AutoCloseable {
    private final OrganizationSandbox sandbox;
    private final Scenario scenario;
    private final AwsSettings management;
    private final AwsClients clients;
    private final OrganizationsClient organizations;
    private final AccountRoles roles;
    private final boolean readTags;
    /** The policy file's accounts: entries by account id; empty: the accounts come from Organizations. */
    private final Map<String, AwsTarget> explicit = new LinkedHashMap<>();

    private OrgTarget(OrganizationSandbox sandbox, Scenario scenario, AwsSettings management, URI organizationsEndpoint,
            AccountRoles roles, boolean readTags) {
        this.sandbox = sandbox;
        this.scenario = scenario;
        this.management = management;
        this.clients = new AwsClients(management);
        this.organizations = clients.organizations(organizationsEndpoint);
        this.roles = roles;
        this.readTags = readTags;
    }

    static OrgTarget open(TargetOptions target, OrganizationOptions org, String sessionName,
            Consumer<String> progress) {
        AwsOptions aws = target.aws;
        if (target.scenario != null && !target.sandbox) {
            throw new UsageException("--scenario needs --sandbox");
        }
        if (target.sandbox && (aws.endpointUrl != null || aws.profile != null || org.organizationsEndpointUrl != null
                || aws.roleArn != null)) {
            throw new UsageException("--sandbox cannot be combined with --endpoint-url, --organizations-endpoint-url,"
                    + " --profile or --role-arn");
        }
        AccountRoles roles;
        try {
            roles = new AccountRoles(org.roleName, org.memberExternalId != null ? org.memberExternalId
                    : aws.externalId, sessionName, null);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        boolean readTags = !org.tags.isEmpty();
        if (target.sandbox) {
            OrgScenario scenario = target.scenario == null ? OrgScenario.builtIn()
                    : OrgScenario.of(Scenario.load(target.scenario));
            OrganizationSandbox sandbox = scenario.start();
            progress.accept("Sandbox organization started: " + sandbox.organization().accounts().size()
                    + " member account(s); IAM/STS at " + sandbox.iamEndpoint() + ", Organizations at "
                    + sandbox.organizationsEndpoint());
            AwsSettings settings = new AwsSettings(aws.region, sandbox.iamEndpoint(), null,
                    Target.SANDBOX_CREDENTIALS, 8, null, null);
            return opened(sandbox, scenario.scenario(), settings, sandbox.organizationsEndpoint(), roles, readTags,
                    org.explicitAccounts);
        }
        URI endpoint = aws.endpointUrl == null ? null : Target.endpoint(aws.endpointUrl);
        URI orgEndpoint = org.organizationsEndpointUrl == null ? null
                : Target.endpoint(org.organizationsEndpointUrl);
        AwsCredentialsSource base = aws.profile != null ? new AwsCredentialsSource.Profile(aws.profile)
                : new AwsCredentialsSource.DefaultChain();
        // --role-arn, if any, reaches the management or delegated-administrator account; member roles stack on it.
        AwsCredentialsSource credentials = aws.roleArn == null ? base
                : new AwsCredentialsSource.AssumeRole(aws.roleArn, aws.externalId, sessionName, base);
        return opened(null, null, new AwsSettings(aws.region, endpoint, null, credentials, 8, null, null), orgEndpoint,
                roles, readTags, org.explicitAccounts);
    }

    private static OrgTarget opened(OrganizationSandbox sandbox, Scenario scenario, AwsSettings settings,
            URI orgEndpoint, AccountRoles roles, boolean readTags, List<AwsTarget> explicitAccounts) {
        try {
            OrgTarget t = new OrgTarget(sandbox, scenario, settings, orgEndpoint, roles, readTags);
            explicitAccounts.forEach(a -> t.explicit.put(a.accountId(), a));
            return t;
        } catch (RuntimeException e) {
            if (sandbox != null) {
                sandbox.close();
            }
            throw e;
        }
    }

    /** Exemptions of a sandbox organisation scenario's {@code janitor} section, for every account; none on AWS. */
    Exemptions scenarioExemptions() {
        return scenario == null ? new Exemptions(null, null, null, null) : Target.exemptionsOf(scenario);
    }

    AccountDirectory accounts() {
        if (!explicit.isEmpty()) {
            try {
                return new ExplicitAccounts(explicit.values().stream()
                        .map(a -> new OrgAccount(a.accountId(), a.name(), null, null, null, null, null)).toList());
            } catch (IllegalArgumentException e) {
                throw new UsageException("accounts: " + e.getMessage());
            }
        }
        return new AwsOrganizationsAccounts(organizations, readTags);
    }

    /** One account's own clients (its assumed role); the caller closes it when the account's work is done. */
    AccountSession open(OrgAccount account) {
        return ownCredentials(account) ? AccountSession.openChecked(account, settingsFor(account))
                : AccountSession.open(account, management, roles);
    }

    /** The settings of one account (its assumed role), for services that build their own AWS clients. */
    AwsSettings settingsFor(OrgAccount account) {
        if (!ownCredentials(account)) {
            return roles.forAccount(management, account.id());
        }
        // An accounts: entry with its own profile or role: the management credentials serve only as the role's base.
        AwsTarget a = explicit.get(account.id());
        AwsCredentialsSource base = a.profile() != null ? new AwsCredentialsSource.Profile(a.profile())
                : management.credentials();
        return management.withCredentials(a.roleArn() == null ? base
                : new AwsCredentialsSource.AssumeRole(a.roleArn(), a.externalId(), roles.sessionName(), base));
    }

    private boolean ownCredentials(OrgAccount account) {
        AwsTarget a = explicit.get(account.id());
        return a != null && (a.profile() != null || a.roleArn() != null);
    }

    /** The sandbox organisation's scenario file (its Slack, Jira and CloudTrail sections serve review); null on AWS. */
    Scenario scenario() {
        return scenario;
    }

    /** The account the run's own credentials belong to (management or delegated administrator): STS, no permission. */
    String runAccount() {
        return clients.sts().getCallerIdentity().account();
    }

    boolean sandboxed() {
        return sandbox != null;
    }

    IamDirectory directory(AccountSession session) {
        if (sandbox != null) {
            // The emulator finishes a credential report within a poll or two; AWS's 2-second pacing only slows it.
            AwsIamDirectory.Options d = AwsIamDirectory.Options.defaults();
            return new AwsIamDirectory(session.iam(), new AwsIamDirectory.Options(d.useCredentialReport(),
                    d.pageSize(), d.reportMaxPolls(), Duration.ofMillis(50)), Sleeper.THREAD);
        }
        return new AwsIamDirectory(session.iam());
    }

    @Override
    public void close() {
        organizations.close();
        clients.close();
        if (sandbox != null) {
            sandbox.close();
        }
    }
}
