package io.jenkins.plugins.iamjanitor.integrations.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The keys an {@code iam-janitor.yml} may hold, their types and allowed values: the single source the parser checks
 * against. docs/iam-janitor.schema.json publishes the same tree (a test keeps the two in sync).
 */
public final class PolicySchema {
    /** What a value must be. */
    public enum Type { INT, STRING, ENUM, STRINGS, SECTION, EXEMPTIONS, TARGETS }

    /**
     * @param allowed  for ENUM the values; for EXEMPTIONS the item keys (pattern key first, then "reason")
     * @param pattern  for STRING, a regular expression the value must match (null: any non-empty text)
     * @param hint     what a valid value looks like, for error messages
     */
    public record Key(String name, Type type, List<String> allowed, int min, int max, Pattern pattern, String hint,
            List<Key> children) {
        public Optional<Key> child(String childName) {
            return children.stream().filter(c -> c.name().equals(childName)).findFirst();
        }

        public List<String> childNames() {
            return children.stream().map(Key::name).toList();
        }
    }

    static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]+");
    static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d+");
    static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
    static final Pattern URL = Pattern.compile("https?://[^\\s/]+.*");

    private static final List<Key> TARGET = List.of(
            string("name"), string("accountId", ACCOUNT_ID, "a 12-digit AWS account id"), string("profile"),
            string("region", REGION, "an AWS region such as us-east-1"),
            string("roleArn", ROLE_ARN, "arn:aws:iam::123456789012:role/NAME"), string("externalId"));

    private static final Key ROOT = section("",
            integer("thresholdDays", 1, 3650),
            integer("gracePeriodDays", 0, 3650),
            enumeration("unknownActivity", "block", "ignore"),
            enumeration("action", "delete", "quarantine"),
            integer("deleteAfterDays", 1, 3650),
            integer("maxDeletions", 1, 10_000),
            section("exemptions",
                    exemptions("users", "glob"), exemptions("paths", "path"), exemptions("tags", "key", "value"),
                    exemptions("groups", "group")),
            strings("approvers"),
            section("slack", string("channel")),
            section("jira", string("url", URL, "an http(s) URL such as https://example.atlassian.net"),
                    string("project"), string("issueType"), string("doneStatus")),
            // CloudTrail's LookupEvents keeps 90 days: a longer look-back would only pretend to search further.
            section("cloudTrail", strings("regions"), integer("lookBackDays", 1, 90)),
            section("directories", string("reports"), string("state"), string("backups")),
            new Key("aws", Type.SECTION, List.of(), 0, 0, null, null, TARGET),
            section("organization", string("managementProfile"), string("roleName"), string("externalId"),
                    strings("includeAccounts"), strings("excludeAccounts")),
            new Key("accounts", Type.TARGETS, List.of(), 0, 0, null, null, TARGET));

    private PolicySchema() {
    }

    public static Key root() {
        return ROOT;
    }

    /**
     * Every key path the parser accepts: {@code jira.project}, {@code exemptions.users[].glob},
     * {@code accounts[].roleArn}. What the sync test compares with the published JSON Schema.
     */
    public static List<String> keyPaths() {
        List<String> out = new ArrayList<>();
        collect(ROOT, "", out);
        return out;
    }

    private static void collect(Key key, String prefix, List<String> out) {
        for (Key c : key.children()) {
            String path = prefix + c.name();
            out.add(path);
            switch (c.type()) {
                case SECTION -> collect(c, path + ".", out);
                case TARGETS -> collect(c, path + "[].", out);
                case EXEMPTIONS -> {
                    c.allowed().forEach(k -> out.add(path + "[]." + k));
                    out.add(path + "[].reason");
                }
                default -> { }
            }
        }
    }

    private static Key integer(String name, int min, int max) {
        return new Key(name, Type.INT, List.of(), min, max, null, "a whole number from " + min + " to " + max,
                List.of());
    }

    private static Key string(String name) {
        return new Key(name, Type.STRING, List.of(), 0, 0, null, "text", List.of());
    }

    private static Key string(String name, Pattern pattern, String hint) {
        return new Key(name, Type.STRING, List.of(), 0, 0, pattern, hint, List.of());
    }

    private static Key strings(String name) {
        return new Key(name, Type.STRINGS, List.of(), 0, 0, null, "a list of text, e.g. [a, b]", List.of());
    }

    private static Key enumeration(String name, String... values) {
        return new Key(name, Type.ENUM, List.of(values), 0, 0, null, "one of " + String.join(", ", values),
                List.of());
    }

    private static Key exemptions(String name, String... itemKeys) {
        return new Key(name, Type.EXEMPTIONS, List.of(itemKeys), 0, 0, null, null, List.of());
    }

    private static Key section(String name, Key... children) {
        return new Key(name, Type.SECTION, List.of(), 0, 0, null, null, List.of(children));
    }
}
