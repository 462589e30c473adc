package io.jenkins.plugins.iamjanitor.sandbox.org;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.iamjanitor.sandbox.Scenario;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a scenario's {@code organization} section: units, member accounts (status, parent, tags, whether AssumeRole
 * is denied) and each account's users ({@code "iam": {...}} like a one-account scenario's, or {@code "iam":
 * "default"} for the built-in scenario's users). The file's own sections (e.g. {@code janitor}) stay readable through
 * {@link #scenario()}. Format: docs/sandbox.md.
 */
public record OrgScenario(Scenario scenario, OrgModel model, Map<String, Scenario> accounts) {

    public static final String RESOURCE = "/scenarios/organization.json";

    public static OrgScenario builtIn() {
        try (var in = OrgScenario.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("built-in scenario " + RESOURCE + " is missing from the jar");
            }
            return of(Scenario.parse("built-in organization", new String(in.readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public static OrgScenario of(Scenario scenario) {
        JsonNode org = scenario.section("organization");
        if (org.isMissingNode()) {
            throw new IllegalArgumentException("scenario " + scenario.name() + " has no organization section");
        }
        String management = org.path("managementAccount").asText(scenario.accountId());
        String root = org.path("rootId").asText("r-sbx0");
        List<OrgModel.Unit> units = new ArrayList<>();
        org.path("units").forEach(u -> units.add(new OrgModel.Unit(u.path("id").asText(), u.path("name").asText(),
                u.path("parent").asText(root))));
        List<OrgModel.Account> accounts = new ArrayList<>();
        Map<String, Scenario> scenarios = new LinkedHashMap<>();
        JsonNode defaultIam = Scenario.builtIn().section("iam");
        for (JsonNode a : org.path("accounts")) {
            String id = a.path("id").asText();
            if (!id.matches("\\d{12}")) {
                throw new IllegalArgumentException("account id must be 12 digits, got '" + id + "'");
            }
            Map<String, String> tags = new TreeMap<>();
            a.path("tags").fields().forEachRemaining(t -> tags.put(t.getKey(), t.getValue().asText()));
            String name = a.path("name").asText(id);
            accounts.add(new OrgModel.Account(id, name, a.path("email").asText(name + "@example.com"),
                    a.path("status").asText("ACTIVE"), a.path("parent").asText(root), tags,
                    "denied".equals(a.path("assumeRole").asText())));
            JsonNode iam = a.path("iam");
            JsonNode section = iam.isTextual() && iam.asText().equals("default") ? defaultIam
                    : iam.isObject() ? iam : null;
            if (section != null) {
                scenarios.put(id, OrganizationSandbox.accountScenario(id, name, section));
            }
        }
        return new OrgScenario(scenario, new OrgModel(org.path("id").asText("o-sandbox0001"), management, root, units,
                accounts), scenarios);
    }

    public OrganizationSandbox start() {
        return OrganizationSandbox.start(model, accounts, io.jenkins.plugins.iamjanitor.sandbox.FaultPlan.none());
    }
}
