package io.jenkins.plugins.iamjanitor.integrations.config;

import io.jenkins.plugins.iamjanitor.core.config.AwsTarget;
import io.jenkins.plugins.iamjanitor.core.config.PolicyError;
import io.jenkins.plugins.iamjanitor.core.config.PolicyException;
import io.jenkins.plugins.iamjanitor.core.config.PolicyFields;
import io.jenkins.plugins.iamjanitor.core.config.PolicyFile;
import io.jenkins.plugins.iamjanitor.core.policy.ExemptionRule;
import io.jenkins.plugins.iamjanitor.integrations.config.PolicySchema.Key;
import io.jenkins.plugins.iamjanitor.integrations.config.PolicySchema.Type;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads an {@code iam-janitor.yml} into a {@link PolicyFile}, checking it against {@link PolicySchema}. Every problem
 * is collected (with line, column and what is allowed) and reported together in one {@link PolicyException}; an
 * unknown key is an error, never ignored, because a misspelt {@code exemptions} would silently make every exempt
 * account deletable. Used by the CLI and, unchanged, by the Jenkins plugin (workspace file, global text area).
 *
 * <p>Only the YAML node tree is read (no object construction), with aliases limited, so a hostile file can neither
 * instantiate classes nor expand into a billion laughs.
 */
public final class PolicyFileParser {
    private static final int MAX_CHARS = 1 << 20;

    /** Reads and validates a file; a missing file is one error saying "not found". */
    public PolicyFile read(Path file) {
        String source = file.toString();
        try {
            return parse(source, Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new PolicyException(List.of(new PolicyError(source, 0, 0, "not found")));
        } catch (IOException e) {
            throw new PolicyException(List.of(new PolicyError(source, 0, 0, "cannot read: " + e.getMessage())));
        }
    }

    /** Parses and validates; throws {@link PolicyException} with every error. An empty text is an empty policy. */
    public PolicyFile parse(String source, String yaml) {
        Walk walk = new Walk(source);
        PolicyFile policy = walk.run(yaml);
        if (!walk.errors.isEmpty()) {
            throw new PolicyException(walk.errors);
        }
        return policy;
    }

    /** Every error in the text, none when valid: for a form's live validation. */
    public List<PolicyError> validate(String source, String yaml) {
        try {
            parse(source, yaml);
            return List.of();
        } catch (PolicyException e) {
            return e.errors();
        }
    }

    /** One parse: the errors found and the values read, by {@link PolicyFields} key path. */
    private static final class Walk {
        private final String source;
        private final List<PolicyError> errors = new ArrayList<>();
        private final Map<String, Object> values = new LinkedHashMap<>();
        private final Map<String, Node> nodes = new LinkedHashMap<>();

        Walk(String source) {
            this.source = source;
        }

        PolicyFile run(String yaml) {
            Node root;
            try {
                root = yaml().compose(new StringReader(yaml));
            } catch (MarkedYAMLException e) {
                Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
                errors.add(new PolicyError(source, m == null ? 0 : m.getLine() + 1, m == null ? 0 : m.getColumn() + 1,
                        "not valid YAML: " + e.getProblem()));
                return null;
            } catch (YAMLException e) {
                errors.add(new PolicyError(source, 0, 0, "not valid YAML: " + e.getMessage()));
                return null;
            }
            if (root == null || isNull(root)) {
                return PolicyFile.empty(source);
            }
            if (!(root instanceof MappingNode map)) {
                error(root, "the file must be a mapping of settings (key: value), e.g. thresholdDays: 21");
                return null;
            }
            section(map, PolicySchema.root(), "");
            crossChecks();
            if (!errors.isEmpty()) {
                return null;
            }
            try {
                return PolicyFields.rebuild(source, values);
            } catch (IllegalArgumentException e) {
                errors.add(new PolicyError(source, 0, 0, e.getMessage()));
                return null;
            }
        }

        private static Yaml yaml() {
            LoaderOptions options = new LoaderOptions();
            options.setMaxAliasesForCollections(20);
            options.setAllowRecursiveKeys(false);
            options.setCodePointLimit(MAX_CHARS);
            options.setAllowDuplicateKeys(true); // reported by section() with both positions instead
            return new Yaml(new SafeConstructor(options));
        }

        private void section(MappingNode map, Key schema, String prefix) {
            Set<String> seen = new HashSet<>();
            for (NodeTuple t : map.getValue()) {
                if (!(t.getKeyNode() instanceof ScalarNode keyNode)) {
                    error(t.getKeyNode(), "keys must be plain names");
                    continue;
                }
                String name = keyNode.getValue();
                String path = prefix + name;
                if (!seen.add(name)) {
                    error(keyNode, "duplicate key '" + path + "' (each key may appear once)");
                    continue;
                }
                Key key = schema.child(name).orElse(null);
                if (key == null) {
                    error(keyNode, unknownKey(name, path, schema));
                    continue;
                }
                value(t.getValueNode(), key, path);
            }
        }

        private void value(Node node, Key key, String path) {
            if (isNull(node)) {
                error(node, path + " needs a value (" + describe(key) + "); leave the key out for the default");
                return;
            }
            switch (key.type()) {
                case INT -> integer(node, key, path);
                case STRING -> text(node, key, path).ifPresent(v -> put(path, v, node));
                case ENUM -> text(node, key, path).ifPresent(v -> {
                    if (key.allowed().contains(v)) {
                        put(path, enumValue(path, v), node);
                    } else {
                        error(node, path + ": '" + v + "' is not allowed; allowed values: "
                                + String.join(", ", key.allowed()));
                    }
                });
                case STRINGS -> strings(node, path).ifPresent(v -> put(path, v, node));
                case SECTION -> {
                    if (node instanceof MappingNode m) {
                        section(m, key, path + ".");
                    } else {
                        error(node, path + " must be a section with the keys " + String.join(", ", key.childNames()));
                    }
                }
                case EXEMPTIONS -> exemptions(node, key, path);
                case TARGETS -> targets(node, key, path);
            }
        }

        private void integer(Node node, Key key, String path) {
            if (!(node instanceof ScalarNode s) || !Tag.INT.equals(s.getTag())) {
                error(node, path + " must be " + key.hint() + ", got " + shown(node));
                return;
            }
            long v;
            try {
                v = Long.parseLong(s.getValue().replace("_", ""));
            } catch (NumberFormatException e) {
                error(node, path + " must be " + key.hint() + ", got " + shown(node));
                return;
            }
            if (v < key.min() || v > key.max()) {
                error(node, path + " must be " + key.hint() + ", got " + v);
                return;
            }
            put(path, (int) v, node);
        }

        private java.util.Optional<String> text(Node node, Key key, String path) {
            if (!(node instanceof ScalarNode s) || s.getValue().isBlank()) {
                error(node, path + " must be " + describe(key) + ", got " + shown(node));
                return java.util.Optional.empty();
            }
            String v = s.getValue().strip();
            if (key.pattern() != null && !key.pattern().matcher(v).matches()) {
                error(node, path + ": '" + v + "' is not " + key.hint());
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(v);
        }

        private java.util.Optional<List<String>> strings(Node node, String path) {
            if (!(node instanceof SequenceNode seq)) {
                error(node, path + " must be a list, e.g. [a, b], got " + shown(node));
                return java.util.Optional.empty();
            }
            List<String> out = new ArrayList<>();
            for (Node item : seq.getValue()) {
                if (item instanceof ScalarNode s && !isNull(s) && !s.getValue().isBlank()) {
                    out.add(s.getValue().strip());
                } else {
                    error(item, path + " items must be text, got " + shown(item));
                }
            }
            return java.util.Optional.of(out);
        }

        private void exemptions(Node node, Key key, String path) {
            new ExemptionReader(this::error).read(node, key, path).ifPresent(rules -> {
                @SuppressWarnings("unchecked")
                List<ExemptionRule> all = (List<ExemptionRule>) values.computeIfAbsent("exemptions",
                        k -> new ArrayList<ExemptionRule>());
                all.addAll(rules);
            });
        }

        private void targets(Node node, Key key, String path) {
            if (!(node instanceof SequenceNode seq)) {
                error(node, path + " must be a list of accounts (each a section with the keys "
                        + String.join(", ", key.childNames()) + ")");
                return;
            }
            List<AwsTarget> out = new ArrayList<>();
            for (Node item : seq.getValue()) {
                if (!(item instanceof MappingNode m)) {
                    error(item, path + " items must be sections with the keys " + String.join(", ", key.childNames()));
                    continue;
                }
                Walk inner = new Walk(source);
                String p = path + "[].";
                inner.section(m, key, p);
                errors.addAll(inner.errors);
                Map<String, Object> v = inner.values;
                if (v.containsKey(p + "externalId") && !v.containsKey(p + "roleArn")) {
                    error(inner.nodes.get(p + "externalId"), p + "externalId needs a roleArn in the same entry");
                }
                out.add(new AwsTarget((String) v.get(p + "name"), (String) v.get(p + "accountId"),
                        (String) v.get(p + "profile"), (String) v.get(p + "region"), (String) v.get(p + "roleArn"),
                        (String) v.get(p + "externalId")));
            }
            put(path, out, node);
        }

        private void crossChecks() {
            if (values.containsKey("aws.externalId") && !values.containsKey("aws.roleArn")) {
                error(nodes.get("aws.externalId"), "aws.externalId needs aws.roleArn (the role it is passed to)");
            }
            if (values.containsKey("deleteAfterDays") && values.get("action") != PolicyFile.Action.quarantine) {
                error(nodes.get("deleteAfterDays"), "deleteAfterDays only applies with action: quarantine");
            }
        }

        private static Object enumValue(String path, String v) {
            return switch (path) {
                case "unknownActivity" -> PolicyFile.UnknownActivity.valueOf(v);
                case "action" -> PolicyFile.Action.valueOf(v);
                default -> v;
            };
        }

        private void put(String path, Object value, Node node) {
            values.put(path, value);
            nodes.put(path, node);
        }

        private void error(Node node, String message) {
            Mark m = node == null ? null : node.getStartMark();
            errors.add(new PolicyError(source, m == null ? 0 : m.getLine() + 1, m == null ? 0 : m.getColumn() + 1,
                    message));
        }
    }

    static String unknownKey(String name, String path, Key schema) {
        String suggestion = Suggestions.closest(name, schema.childNames())
                .map(s -> " (did you mean '" + s + "'?)")
                .orElseGet(() -> Suggestions.elsewhere(name, path)
                        .map(s -> " (did you mean '" + s + "'? it belongs in that section)").orElse(""));
        return "unknown key '" + path + "'" + suggestion + "; allowed here: " + String.join(", ", schema.childNames());
    }

    static boolean isNull(Node node) {
        return node instanceof ScalarNode s && Tag.NULL.equals(s.getTag());
    }

    static String describe(Key key) {
        return switch (key.type()) {
            case SECTION -> "a section with the keys " + String.join(", ", key.childNames());
            case EXEMPTIONS -> "a list of exemptions";
            case TARGETS -> "a list of accounts";
            default -> key.hint();
        };
    }

    static String shown(Node node) {
        if (node instanceof ScalarNode s) {
            return isNull(s) ? "nothing" : "'" + s.getValue() + "'";
        }
        return node instanceof SequenceNode ? "a list" : "a section";
    }
}
