package io.jenkins.plugins.iamjanitor.sandbox.org;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.jenkins.plugins.iamjanitor.sandbox.FaultPlan;
import io.jenkins.plugins.iamjanitor.sandbox.Faults;
import io.jenkins.plugins.iamjanitor.sandbox.LoopbackServer;
import io.jenkins.plugins.iamjanitor.sandbox.Scenario;
import io.jenkins.plugins.iamjanitor.sandbox.iam.IamEmulator;
import io.jenkins.plugins.iamjanitor.sandbox.iam.QueryRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An AWS Organization on loopback: the Organizations API, and IAM/STS for every account behind one endpoint. A
 * request acts in the account its credentials belong to: keys that AssumeRole issued belong to the role's account,
 * any other key to the management account. So a client that assumes a role per account, as the tool does, reaches
 * that account's users and nothing else. An account marked {@code assumeRoleDenied} refuses AssumeRole.
 */
public final class OrganizationSandbox implements AutoCloseable {
    private static final Pattern ACCESS_KEY = Pattern.compile("<AccessKeyId>([A-Z0-9]+)</AccessKeyId>");
    private static final String STS_NS = "https://sts.amazonaws.com/doc/2011-06-15/";

    private final OrgModel org;
    private final LoopbackServer server;
    private final Map<String, IamEmulator> accounts = new LinkedHashMap<>();
    private final Map<String, String> keyAccounts = new ConcurrentHashMap<>();
    private final OrganizationsEmulator organizations;

    private OrganizationSandbox(OrgModel org, Map<String, Scenario> scenarios, FaultPlan faults, int port) {
        this.org = org;
        this.server = new LoopbackServer(port);
        for (Map.Entry<String, Scenario> e : scenarios.entrySet()) {
            accounts.put(e.getKey(), new IamEmulator(e.getValue(), new Faults(faults)));
        }
        this.organizations = new OrganizationsEmulator(org, key -> !keyAccounts.containsKey(String.valueOf(key)));
        server.mount("/organizations", organizations);
        server.mount("/", this::route);
        server.start();
    }

    /**
     * Starts the organisation: {@code scenarios} holds one scenario per account id (its {@code iam} section seeds
     * that account; the management account's own entry is optional).
     */
    public static OrganizationSandbox start(OrgModel org, Map<String, Scenario> scenarios, FaultPlan faults) {
        Map<String, Scenario> all = new LinkedHashMap<>();
        all.put(org.managementAccountId(), scenarios.getOrDefault(org.managementAccountId(),
                emptyAccount(org.managementAccountId())));
        for (OrgModel.Account a : org.accounts()) {
            all.put(a.id(), scenarios.getOrDefault(a.id(), emptyAccount(a.id())));
        }
        return new OrganizationSandbox(org, all, faults, 0);
    }

    /** An account of the organisation whose users are those of {@code iamSection} (a scenario's "iam" JSON). */
    public static Scenario accountScenario(String accountId, String alias, JsonNode iamSection) {
        ObjectNode root = new ObjectMapper().createObjectNode();
        root.putObject("account").put("id", accountId).put("alias", alias);
        root.set("iam", iamSection);
        return Scenario.parse("account " + accountId, root.toString());
    }

    private static Scenario emptyAccount(String id) {
        return Scenario.parse("account " + id, "{\"account\":{\"id\":\"" + id + "\"},\"iam\":{\"users\":[]}}");
    }

    public OrgModel organization() {
        return org;
    }

    /** IAM and STS of every account. */
    public URI iamEndpoint() {
        return server.uri("");
    }

    public URI organizationsEndpoint() {
        return server.uri("/organizations");
    }

    /** The IAM emulator of one account, for seeding and assertions. */
    public IamEmulator account(String accountId) {
        IamEmulator e = accounts.get(accountId);
        if (e == null) {
            throw new IllegalArgumentException("no account " + accountId + " in the sandbox organization");
        }
        return e;
    }

    public OrganizationsEmulator organizations() {
        return organizations;
    }

    private void route(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        QueryRequest request = QueryRequest.parse(new String(body, StandardCharsets.UTF_8),
                exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders().getFirst("Authorization"));
        String caller = keyAccounts.getOrDefault(String.valueOf(request.callerAccessKeyId()),
                org.managementAccountId());
        if ("AssumeRole".equals(request.action())) {
            assumeRole(exchange, body, request);
            return;
        }
        accounts.get(caller).handle(new ForwardedExchange(exchange, body));
    }

    private void assumeRole(HttpExchange exchange, byte[] body, QueryRequest request) throws IOException {
        String roleArn = String.valueOf(request.get("RoleArn"));
        String[] parts = roleArn.split(":");
        String target = parts.length > 4 ? parts[4] : "";
        OrgModel.Account account = org.account(target);
        boolean known = accounts.containsKey(target);
        if (!known || (account != null && account.assumeRoleDenied())) {
            String caller = keyAccounts.getOrDefault(String.valueOf(request.callerAccessKeyId()),
                    org.managementAccountId());
            deny(exchange, "User: arn:aws:sts::" + caller + ":assumed-role/sandbox-admin/janitor is not authorized"
                    + " to perform: sts:AssumeRole on resource: " + roleArn);
            return;
        }
        // The answer is held until its key is known here: a client may use the key the moment it reads it.
        ForwardedExchange forwarded = new ForwardedExchange(exchange, body, true);
        accounts.get(target).handle(forwarded);
        Matcher m = ACCESS_KEY.matcher(new String(forwarded.answer(), StandardCharsets.UTF_8));
        if (m.find()) {
            String previous = keyAccounts.putIfAbsent(m.group(1), target);
            if (previous != null && !previous.equals(target)) {
                throw new IllegalStateException("the sandbox issued access key " + m.group(1) + " in two accounts");
            }
        }
        forwarded.deliver();
    }

    private static void deny(HttpExchange exchange, String message) throws IOException {
        String id = UUID.randomUUID().toString();
        String xml = "<ErrorResponse xmlns=\"" + STS_NS + "\"><Error><Type>Sender</Type><Code>AccessDenied</Code>"
                + "<Message>" + message.replace("&", "&amp;").replace("<", "&lt;") + "</Message></Error>"
                + "<RequestId>" + id + "</RequestId></ErrorResponse>";
        byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
        try (exchange) {
            exchange.getResponseHeaders().set("Content-Type", "text/xml");
            exchange.getResponseHeaders().set("x-amzn-RequestId", id);
            exchange.sendResponseHeaders(403, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
