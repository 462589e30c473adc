package io.jenkins.plugins.iamjanitor.integrations.aws.org;

import io.jenkins.plugins.iamjanitor.core.org.OrgAccount;
import io.jenkins.plugins.iamjanitor.integrations.aws.AwsClients;
import io.jenkins.plugins.iamjanitor.integrations.aws.AwsSettings;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * One member account's clients: its own HTTP client and its own assumed-role credentials, opened for one task and
 * closed after it. The role is assumed when the session opens, so a refused AssumeRole is reported as such (STS
 * AssumeRole failed (AccessDenied) ...) rather than as the first IAM call failing.
 */
public final class AccountSession implements AutoCloseable {
    private final OrgAccount account;
    private final AwsClients clients;
    private final IamClient iam;

    private AccountSession(OrgAccount account, AwsClients clients) {
        this.account = account;
        this.clients = clients;
        this.iam = clients.iam();
    }

    public static AccountSession open(OrgAccount account, AwsSettings management, AccountRoles roles) {
        AwsSettings settings = roles.forAccount(management, account.id());
        AwsClients clients = new AwsClients(settings);
        try {
            OrgCalls.call("STS", "AssumeRole", () -> clients.credentialsProvider().resolveCredentials());
            return new AccountSession(account, clients);
        } catch (RuntimeException e) {
            clients.close();
            throw e;
        }
    }

    /**
     * An account entered with credentials of its own (an entry of the policy file's {@code accounts}): they are
     * resolved at once and must belong to that account, so a profile pointing elsewhere never scans or deletes there.
     */
    public static AccountSession openChecked(OrgAccount account, AwsSettings settings) {
        AwsClients clients = new AwsClients(settings);
        try {
            String actual = OrgCalls.call("STS", "GetCallerIdentity", () -> {
                try (StsClient sts = clients.sts()) {
                    return sts.getCallerIdentity().account();
                }
            });
            if (!account.id().equals(actual)) {
                throw new IllegalStateException("the credentials given for account " + account.id()
                        + " belong to account " + actual + ": fix its profile or roleArn");
            }
            return new AccountSession(account, clients);
        } catch (RuntimeException e) {
            clients.close();
            throw e;
        }
    }

    public OrgAccount account() {
        return account;
    }

    public AwsClients clients() {
        return clients;
    }

    public IamClient iam() {
        return iam;
    }

    @Override
    public void close() {
        iam.close();
        clients.close();
    }
}
