package io.jenkins.plugins.iamjanitor.sandbox.org;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The emulated organisation: a root, organisational units and member accounts. */
public record OrgModel(String organizationId, String managementAccountId, String rootId, List<Unit> units,
        List<Account> accounts) {

    public OrgModel {
        units = List.copyOf(units);
        accounts = List.copyOf(accounts);
    }

    /** An organisational unit; {@code parentId} is the root's id or another unit's. */
    public record Unit(String id, String name, String parentId) {
        public Unit {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(parentId, "parentId");
        }
    }

    /**
     * A member account. {@code status} is ACTIVE or SUSPENDED (what ListAccounts reports); {@code assumeRoleDenied}
     * makes every AssumeRole into it fail with AccessDenied, as a missing or misconfigured role does.
     */
    public record Account(String id, String name, String email, String status, String parentId,
            Map<String, String> tags, boolean assumeRoleDenied) {
        public Account {
            Objects.requireNonNull(id, "id");
            tags = Map.copyOf(tags);
        }
    }

    public Account account(String id) {
        return accounts.stream().filter(a -> a.id().equals(id)).findFirst().orElse(null);
    }

    public boolean isParent(String id) {
        return rootId.equals(id) || units.stream().anyMatch(u -> u.id().equals(id));
    }
}
