package io.jenkins.plugins.iamjanitor.integrations.aws.org;

import io.jenkins.plugins.iamjanitor.core.org.AccountDirectory;
import io.jenkins.plugins.iamjanitor.core.org.OrgAccount;
import io.jenkins.plugins.iamjanitor.core.port.ProgressListener;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.Account;
import software.amazon.awssdk.services.organizations.model.ChildType;
import software.amazon.awssdk.services.organizations.model.ListAccountsForParentRequest;
import software.amazon.awssdk.services.organizations.model.ListChildrenRequest;
import software.amazon.awssdk.services.organizations.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.organizations.model.OrganizationalUnit;
import software.amazon.awssdk.services.organizations.model.Root;

/**
 * {@link AccountDirectory} on AWS Organizations, called from the management account or a delegated administrator.
 * Walks the tree from each root (ListRoots, ListChildren for units, ListAccountsForParent per parent, all paginated)
 * so that every account comes with its OU path, which ListAccounts alone does not give; then reads each account's
 * tags. Calls: 1 + 2 per parent (root and units) + 1 per account, more for long pages. Needs only
 * {@code organizations:List*} and {@code organizations:DescribeOrganizationalUnit} (docs/aws.md).
 */
public final class AwsOrganizationsAccounts implements AccountDirectory {
    static final String SERVICE = "Organizations";

    private final OrganizationsClient client;
    private final boolean readTags;

    /** @param readTags false skips ListTagsForResource (no account tag filter needs them) */
    public AwsOrganizationsAccounts(OrganizationsClient client, boolean readTags) {
        this.client = client;
        this.readTags = readTags;
    }

    @Override
    public List<OrgAccount> listAccounts(ProgressListener progress) {
        List<OrgAccount> out = new ArrayList<>();
        List<Root> roots = OrgCalls.call(SERVICE, "ListRoots",
                () -> client.listRootsPaginator(r -> { }).stream().flatMap(p -> p.roots().stream()).toList());
        for (Root root : roots) {
            walk(root.id(), List.of(root.id()), root.name() == null ? "Root" : root.name(), out);
        }
        progress.progress("Organizations: " + out.size() + " account(s) found");
        return out;
    }

    private void walk(String parentId, List<String> ids, String path, List<OrgAccount> out) {
        List<Account> accounts = OrgCalls.call(SERVICE, "ListAccountsForParent", () -> client
                .listAccountsForParentPaginator(ListAccountsForParentRequest.builder().parentId(parentId).build())
                .stream().flatMap(p -> p.accounts().stream()).toList());
        for (Account a : accounts) {
            out.add(new OrgAccount(a.id(), a.name(), a.email(), status(a), ids, path, tags(a.id())));
        }
        List<String> units = OrgCalls.call(SERVICE, "ListChildren", () -> client
                .listChildrenPaginator(ListChildrenRequest.builder().parentId(parentId)
                        .childType(ChildType.ORGANIZATIONAL_UNIT).build())
                .stream().flatMap(p -> p.children().stream()).map(c -> c.id()).toList());
        for (String unit : units) {
            List<String> childIds = new ArrayList<>(ids);
            childIds.add(unit);
            walk(unit, childIds, path + "/" + unitName(unit), out);
        }
    }

    private String unitName(String unitId) {
        OrganizationalUnit unit = OrgCalls.call(SERVICE, "DescribeOrganizationalUnit",
                () -> client.describeOrganizationalUnit(r -> r.organizationalUnitId(unitId)).organizationalUnit());
        return unit.name() == null ? unitId : unit.name();
    }

    /** AWS is replacing Status with State (which adds PENDING_CLOSURE, CLOSED); either one not ACTIVE skips it. */
    private static String status(Account a) {
        if (a.stateAsString() != null && !"ACTIVE".equals(a.stateAsString())) {
            return a.stateAsString();
        }
        return a.statusAsString() == null ? "ACTIVE" : a.statusAsString();
    }

    private Map<String, String> tags(String accountId) {
        Map<String, String> tags = new LinkedHashMap<>();
        if (readTags) {
            OrgCalls.call(SERVICE, "ListTagsForResource", () -> {
                client.listTagsForResourcePaginator(ListTagsForResourceRequest.builder().resourceId(accountId).build())
                        .forEach(p -> p.tags().forEach(t -> tags.put(t.key(), t.value())));
                return tags;
            });
        }
        return tags;
    }
}
