package io.jenkins.plugins.iamjanitor.sandbox.org;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.jenkins.plugins.iamjanitor.sandbox.AwsJsonResponses;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * AWS Organizations over AWS JSON 1.1 ({@code X-Amz-Target: AWSOrganizationsV20161128.<Operation>}): ListAccounts,
 * ListAccountsForParent, ListChildren, ListRoots, ListTagsForResource, DescribeOrganizationalUnit and
 * DescribeOrganization, paginated with {@code MaxResults}/{@code NextToken} as the service does. Only the management
 * account may call it; a member account's credentials get AccessDeniedException, as in AWS.
 */
public final class OrganizationsEmulator implements HttpHandler {
    public static final String TARGET_PREFIX = "AWSOrganizationsV20161128.";
    private static final int DEFAULT_PAGE = 20;

    private final OrgModel org;
    private final Predicate<String> isManagementCaller;
    private final ObjectMapper mapper = new ObjectMapper();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

    /** @param isManagementCaller tells from the caller's access key id whether it acts in the management account */
    public OrganizationsEmulator(OrgModel org, Predicate<String> isManagementCaller) {
        this.org = org;
        this.isManagementCaller = isManagementCaller;
    }

    public int calls(String operation) {
        AtomicInteger n = calls.get(operation);
        return n == null ? 0 : n.get();
    }

    public Map<String, Integer> callCounts() {
        Map<String, Integer> out = new TreeMap<>();
        calls.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String target = String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
            String operation = target.startsWith(TARGET_PREFIX) ? target.substring(TARGET_PREFIX.length()) : target;
            calls.computeIfAbsent(operation, o -> new AtomicInteger()).incrementAndGet();
            int status = 200;
            JsonNode body;
            try {
                String key = SigV4.accessKeyId(exchange.getRequestHeaders().getFirst("Authorization"));
                if (!isManagementCaller.test(key)) {
                    throw new OrgError(400, "AccessDeniedException",
                            "You don't have permissions to access this resource: only the management account (or a"
                                    + " delegated administrator) can list the organization's accounts.");
                }
                JsonNode request = mapper.readTree(exchange.getRequestBody().readAllBytes());
                body = dispatch(operation, request == null ? mapper.createObjectNode() : request);
            } catch (OrgError e) {
                status = e.status;
                ObjectNode err = mapper.createObjectNode();
                err.put("__type", e.type);
                err.put("Message", e.getMessage());
                body = err;
            }
            AwsJsonResponses.send(exchange, status, mapper.writeValueAsBytes(body));
        }
    }

    private JsonNode dispatch(String operation, JsonNode request) {
        return switch (operation) {
            case "ListAccounts" -> page("Accounts", org.accounts().stream().map(this::account).toList(), request);
            case "ListAccountsForParent" -> page("Accounts", org.accounts().stream()
                    .filter(a -> a.parentId().equals(parent(request))).map(this::account).toList(), request);
            case "ListChildren" -> children(request);
            case "ListRoots" -> page("Roots", List.of(root()), request);
            case "ListTagsForResource" -> tags(request);
            case "DescribeOrganizationalUnit" -> unit(request);
            case "DescribeOrganization" -> describe();
            default -> throw new OrgError(400, "UnknownOperationException", "Unknown operation " + operation);
        };
    }

    private String parent(JsonNode request) {
        String parent = request.path("ParentId").asText(null);
        if (parent == null) {
            throw new OrgError(400, "InvalidInputException", "ParentId is required");
        }
        if (!org.isParent(parent)) {
            throw new OrgError(400, "ParentNotFoundException", "We can't find a root or OU with the ParentId "
                    + "that you specified: " + parent);
        }
        return parent;
    }

    private JsonNode children(JsonNode request) {
        String parent = parent(request);
        String type = request.path("ChildType").asText("");
        List<ObjectNode> children;
        if (type.equals("ACCOUNT")) {
            children = org.accounts().stream().filter(a -> a.parentId().equals(parent))
                    .map(a -> child(a.id(), type)).toList();
        } else if (type.equals("ORGANIZATIONAL_UNIT")) {
            children = org.units().stream().filter(u -> u.parentId().equals(parent))
                    .map(u -> child(u.id(), type)).toList();
        } else {
            throw new OrgError(400, "InvalidInputException",
                    "ChildType must be ACCOUNT or ORGANIZATIONAL_UNIT, got '" + type + "'");
        }
        return page("Children", children, request);
    }

    private ObjectNode child(String id, String type) {
        ObjectNode n = mapper.createObjectNode();
        n.put("Id", id);
        n.put("Type", type);
        return n;
    }

    private JsonNode unit(JsonNode request) {
        String id = request.path("OrganizationalUnitId").asText("");
        OrgModel.Unit unit = org.units().stream().filter(u -> u.id().equals(id)).findFirst()
                .orElseThrow(() -> new OrgError(400, "OrganizationalUnitNotFoundException",
                        "We can't find an organizational unit (OU) with the OrganizationalUnitId that you specified."));
        ObjectNode out = mapper.createObjectNode();
        out.putObject("OrganizationalUnit").put("Id", unit.id()).put("Name", unit.name()).put("Arn",
                "arn:aws:organizations::" + org.managementAccountId() + ":ou/" + org.organizationId() + "/"
                        + unit.id());
        return out;
    }

    private JsonNode tags(JsonNode request) {
        String id = request.path("ResourceId").asText("");
        OrgModel.Account account = org.account(id);
        if (account == null) {
            throw new OrgError(400, "TargetNotFoundException", "We can't find a resource that matches " + id);
        }
        ArrayNode tags = mapper.createArrayNode();
        new TreeMap<>(account.tags()).forEach((k, v) -> tags.addObject().put("Key", k).put("Value", v));
        ObjectNode out = mapper.createObjectNode();
        out.set("Tags", tags);
        return out;
    }

    private JsonNode describe() {
        ObjectNode o = mapper.createObjectNode();
        ObjectNode org1 = o.putObject("Organization");
        org1.put("Id", org.organizationId());
        org1.put("Arn", "arn:aws:organizations::" + org.managementAccountId() + ":organization/"
                + org.organizationId());
        org1.put("FeatureSet", "ALL");
        org1.put("MasterAccountId", org.managementAccountId());
        return o;
    }

    private ObjectNode root() {
        ObjectNode n = mapper.createObjectNode();
        n.put("Id", org.rootId());
        n.put("Name", "Root");
        n.put("Arn", "arn:aws:organizations::" + org.managementAccountId() + ":root/" + org.organizationId() + "/"
                + org.rootId());
        return n;
    }

    private ObjectNode account(OrgModel.Account a) {
        ObjectNode n = mapper.createObjectNode();
        n.put("Id", a.id());
        n.put("Arn", "arn:aws:organizations::" + org.managementAccountId() + ":account/" + org.organizationId() + "/"
                + a.id());
        n.put("Email", a.email());
        n.put("Name", a.name());
        n.put("Status", a.status());
        n.put("State", a.status().equals("SUSPENDED") ? "SUSPENDED" : "ACTIVE");
        n.put("JoinedMethod", "CREATED");
        n.put("JoinedTimestamp", Instant.parse("2024-01-15T10:00:00Z").getEpochSecond());
        return n;
    }

    /** One page of {@code items}; the token is the next offset, opaque to clients as in AWS. */
    private JsonNode page(String key, List<? extends JsonNode> items, JsonNode request) {
        int max = request.path("MaxResults").asInt(DEFAULT_PAGE);
        if (max < 1 || max > 20) {
            throw new OrgError(400, "InvalidInputException", "MaxResults must be between 1 and 20, got " + max);
        }
        int from = 0;
        String token = request.path("NextToken").asText(null);
        if (token != null) {
            try {
                from = Integer.parseInt(token.replace("page-", ""));
            } catch (NumberFormatException e) {
                throw new OrgError(400, "InvalidInputException", "The NextToken is not valid");
            }
        }
        ObjectNode out = mapper.createObjectNode();
        ArrayNode array = out.putArray(key);
        int to = Math.min(items.size(), from + max);
        for (int i = from; i < to; i++) {
            array.add(items.get(i));
        }
        if (to < items.size()) {
            out.put("NextToken", "page-" + to);
        }
        return out;
    }

    private static final class OrgError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;
        final String type;

        OrgError(int status, String type, String message) {
            super(message);
            this.status = status;
            this.type = type;
        }
    }
}
