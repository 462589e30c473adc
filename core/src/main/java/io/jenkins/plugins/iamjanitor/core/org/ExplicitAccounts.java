package io.jenkins.plugins.iamjanitor.core.org;

import io.jenkins.plugins.iamjanitor.core.port.ProgressListener;
import java.util.List;

/** A fixed account list (the policy file's {@code accounts}), for when Organizations cannot or should not be read. */
public record ExplicitAccounts(List<OrgAccount> accounts) implements AccountDirectory {

    public ExplicitAccounts {
        accounts = List.copyOf(accounts);
        long distinct = accounts.stream().map(OrgAccount::id).distinct().count();
        if (distinct != accounts.size()) {
            throw new IllegalArgumentException("the account list names an account more than once");
        }
    }

    @Override
    public List<OrgAccount> listAccounts(ProgressListener progress) {
        progress.progress("Accounts: " + accounts.size() + " from the explicit list");
        return accounts;
    }
}
