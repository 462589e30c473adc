package io.jenkins.plugins.iamjanitor.core.org;

import java.util.List;
import java.util.function.Predicate;

/** Every selected account's outcome ordered by account id, and the accounts the filter left out. */
public record OrganizationRun<T>(List<AccountOutcome<T>> outcomes, List<AccountFilter.Skipped> skipped) {

    public OrganizationRun {
        outcomes = List.copyOf(outcomes);
        skipped = List.copyOf(skipped);
    }

    public List<AccountOutcome<T>> failures() {
        return outcomes.stream().filter(AccountOutcome::failed).toList();
    }

    public List<AccountOutcome<T>> completed() {
        return outcomes.stream().filter(Predicate.not(AccountOutcome::failed)).toList();
    }
}
