package io.jenkins.plugins.iamjanitor.sandbox.iam;

import io.jenkins.plugins.iamjanitor.sandbox.iam.IamModel.Group;
import io.jenkins.plugins.iamjanitor.sandbox.iam.IamModel.ServiceCredential;
import io.jenkins.plugins.iamjanitor.sandbox.iam.IamModel.User;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The account-wide reads: GetAccountAuthorizationDetails (Filter.member.N, MaxItems/Marker over all entities of the
 * selected types, the four detail lists of the AWS API reference) and ListServiceSpecificCredentials (one user, or
 * every user with {@code AllUsers=true}).
 */
final class IamBulkReadHandlers {
    /** The EntityType values GetAccountAuthorizationDetails accepts as a filter. */
    private static final Set<String> ENTITY_TYPES = Set.of("User", "Role", "Group", "LocalManagedPolicy",
            "AWSManagedPolicy");

    private final IamState state;

    IamBulkReadHandlers(IamState state) {
        this.state = state;
    }

    void register(Map<String, ActionHandler> handlers) {
        handlers.put("GetAccountAuthorizationDetails", this::accountAuthorizationDetails);
        handlers.put("ListServiceSpecificCredentials", this::serviceSpecificCredentials);
    }

    /** One entity of the combined, paginated listing. */
    private record Entity(User user, Group group) {
    }

    private record Owned(String userName, ServiceCredential credential) {
    }

    private String accountAuthorizationDetails(QueryRequest r) {
        List<String> filter = r.members("Filter");
        for (String type : filter) {
            if (!ENTITY_TYPES.contains(type)) {
                throw IamError.validation("1 validation error detected: Value '[" + type + "]' at 'filter' failed to"
                        + " satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: "
                        + "[User, Role, Group, LocalManagedPolicy, AWSManagedPolicy]]");
            }
        }
        List<Entity> all = new ArrayList<>();
        if (filter.isEmpty() || filter.contains("User")) {
            state.users().forEach(u -> all.add(new Entity(u, null)));
        }
        if (filter.isEmpty() || filter.contains("Group")) {
            state.groups().forEach(g -> all.add(new Entity(null, g)));
        }
        // The sandbox keeps no roles and no managed-policy documents: those lists are always empty.
        int max = Pages.maxItems(r);
        int start = Math.min(Pages.start(r), all.size());
        int end = Math.min(all.size(), start + max);
        List<Entity> page = all.subList(start, end);
        XmlWriter x = new XmlWriter().open("UserDetailList");
        page.stream().filter(e -> e.user() != null).forEach(e -> writeUserDetail(x, e.user()));
        x.close("UserDetailList").open("GroupDetailList");
        page.stream().filter(e -> e.group() != null).forEach(e -> writeGroupDetail(x, e.group()));
        x.close("GroupDetailList").open("RoleDetailList").close("RoleDetailList").open("Policies").close("Policies");
        boolean truncated = end < all.size();
        x.elem("IsTruncated", truncated);
        if (truncated) {
            x.elem("Marker", Pages.marker(end));
        }
        return x.toString();
    }

    private static void writeUserDetail(XmlWriter x, User u) {
        x.open("member").elem("Path", u.path).elem("UserName", u.name).elem("UserId", u.id).elem("Arn", u.arn)
                .elem("CreateDate", u.created);
        x.open("UserPolicyList");
        u.inlinePolicies.forEach((name, doc) -> x.open("member").elem("PolicyName", name)
                .elem("PolicyDocument", encode(doc)).close("member"));
        x.close("UserPolicyList").open("GroupList");
        u.groups.forEach(g -> x.open("member").text(g).close("member"));
        x.close("GroupList").open("AttachedManagedPolicies");
        u.attachedPolicies.forEach(arn -> x.open("member").elem("PolicyName", arn.substring(arn.lastIndexOf('/') + 1))
                .elem("PolicyArn", arn).close("member"));
        x.close("AttachedManagedPolicies");
        if (u.permissionsBoundary != null) {
            x.open("PermissionsBoundary").elem("PermissionsBoundaryType", "PermissionsBoundaryPolicy")
                    .elem("PermissionsBoundaryArn", u.permissionsBoundary).close("PermissionsBoundary");
        }
        x.open("Tags");
        u.tags.forEach((k, v) -> x.open("member").elem("Key", k).elem("Value", v).close("member"));
        x.close("Tags").close("member");
    }

    private static void writeGroupDetail(XmlWriter x, Group g) {
        x.open("member").elem("Path", g.path()).elem("GroupName", g.name()).elem("GroupId", g.id())
                .elem("Arn", g.arn()).elem("CreateDate", g.created())
                .open("GroupPolicyList").close("GroupPolicyList")
                .open("AttachedManagedPolicies").close("AttachedManagedPolicies").close("member");
    }

    /** AWS returns policy documents URL-encoded (RFC 3986). */
    private static String encode(String doc) {
        return URLEncoder.encode(doc, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private String serviceSpecificCredentials(QueryRequest r) {
        boolean allUsers = "true".equalsIgnoreCase(r.get("AllUsers"));
        if (allUsers && r.get("UserName") != null) {
            throw IamError.validation("AllUsers cannot be specified together with UserName.");
        }
        String service = r.get("ServiceName");
        List<User> users = allUsers ? state.users() : List.of(state.user(r.require("UserName")));
        List<Owned> items = new ArrayList<>();
        for (User u : users) {
            for (ServiceCredential c : u.serviceCredentials) {
                if (service == null || service.equals(c.serviceName)) {
                    items.add(new Owned(u.name, c));
                }
            }
        }
        XmlWriter xml = new XmlWriter();
        Pages.write(xml, r, "ServiceSpecificCredentials", items, (x, item) -> {
            ServiceCredential c = item.credential();
            x.elem("UserName", item.userName()).elem("Status", c.status).elem("ServiceUserName", c.serviceUserName)
                    .elem("CreateDate", c.created).elem("ServiceSpecificCredentialId", c.id)
                    .elem("ServiceName", c.serviceName);
        });
        return xml.toString();
    }
}
