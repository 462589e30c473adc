package io.jenkins.plugins.iamjanitor.integrations.config;

import io.jenkins.plugins.iamjanitor.core.policy.ExemptionRule;
import io.jenkins.plugins.iamjanitor.integrations.config.PolicySchema.Key;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * One list under {@code exemptions}: each item is either the bare pattern ({@code - svc-*}, {@code - owner=platform})
 * or a section naming the pattern and, optionally, the reason ({@code - glob: svc-*} / {@code reason: CI accounts};
 * for tags {@code key}, optional {@code value}).
 */
final class ExemptionReader {
    private final BiConsumer<Node, String> errors;

    ExemptionReader(BiConsumer<Node, String> errors) {
        this.errors = errors;
    }

    Optional<List<ExemptionRule>> read(Node node, Key key, String path) {
        ExemptionRule.Kind kind = switch (key.name()) {
            case "users" -> ExemptionRule.Kind.USER;
            case "paths" -> ExemptionRule.Kind.PATH;
            case "tags" -> ExemptionRule.Kind.TAG;
            default -> ExemptionRule.Kind.GROUP;
        };
        String patternKey = key.allowed().get(0);
        if (!(node instanceof SequenceNode seq)) {
            errors.accept(node, path + " must be a list; each item '" + example(kind) + "' or a section with "
                    + patternKey + " and reason");
            return Optional.empty();
        }
        List<ExemptionRule> rules = new ArrayList<>();
        for (Node item : seq.getValue()) {
            if (item instanceof ScalarNode s && !PolicyFileParser.isNull(s)) {
                pattern(item, kind, s.getValue().strip(), path).ifPresent(p -> rules.add(new ExemptionRule(kind, p,
                        null)));
            } else if (item instanceof MappingNode m) {
                section(m, kind, key, path).ifPresent(rules::add);
            } else {
                errors.accept(item, path + " items must be text or a section with " + patternKey + " and reason, got "
                        + PolicyFileParser.shown(item));
            }
        }
        return Optional.of(rules);
    }

    private Optional<ExemptionRule> section(MappingNode m, ExemptionRule.Kind kind, Key key, String path) {
        List<String> allowed = new ArrayList<>(key.allowed());
        allowed.add("reason");
        Map<String, String> fields = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        boolean ok = true;
        for (NodeTuple t : m.getValue()) {
            String name = t.getKeyNode() instanceof ScalarNode k ? k.getValue() : "?";
            if (!allowed.contains(name)) {
                String hint = Suggestions.closest(name, allowed).map(s -> " (did you mean '" + s + "'?)").orElse("");
                errors.accept(t.getKeyNode(), "unknown key '" + path + "[]." + name + "'" + hint + "; allowed here: "
                        + String.join(", ", allowed));
                ok = false;
            } else if (!seen.add(name)) {
                errors.accept(t.getKeyNode(), "duplicate key '" + path + "[]." + name + "'");
                ok = false;
            } else if (t.getValueNode() instanceof ScalarNode v && !PolicyFileParser.isNull(v)
                    && !v.getValue().isBlank()) {
                fields.put(name, v.getValue().strip());
            } else {
                errors.accept(t.getValueNode(), path + "[]." + name + " must be text, got "
                        + PolicyFileParser.shown(t.getValueNode()));
                ok = false;
            }
        }
        String patternKey = key.allowed().get(0);
        if (!fields.containsKey(patternKey)) {
            errors.accept(m, path + " item needs '" + patternKey + "' (e.g. " + patternKey + ": " + example(kind)
                    .replaceAll("=.*", "") + ")");
            return Optional.empty();
        }
        String pattern = fields.get(patternKey) + (fields.containsKey("value") ? "=" + fields.get("value") : "");
        Optional<String> checked = pattern(m, kind, pattern, path);
        return ok ? checked.map(p -> new ExemptionRule(kind, p, fields.get("reason"))) : Optional.empty();
    }

    private Optional<String> pattern(Node node, ExemptionRule.Kind kind, String pattern, String path) {
        if (pattern.isEmpty() || kind == ExemptionRule.Kind.TAG && pattern.startsWith("=")) {
            errors.accept(node, path + ": an empty pattern would match nothing, e.g. '" + example(kind) + "'");
            return Optional.empty();
        }
        if (kind == ExemptionRule.Kind.PATH && !pattern.startsWith("/")) {
            errors.accept(node, path + ": IAM paths start with '/', e.g. '/system/'; got '" + pattern + "'");
            return Optional.empty();
        }
        return Optional.of(pattern);
    }

    private static String example(ExemptionRule.Kind kind) {
        return switch (kind) {
            case USER -> "svc-*";
            case PATH -> "/system/";
            case TAG -> "owner=platform";
            case GROUP -> "BreakGlass";
        };
    }
}
