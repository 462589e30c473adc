package io.jenkins.plugins.iamjanitor.sandbox.jira;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Set;

/**
 * Checks an Atlassian Document Format value the way Jira Cloud rejects bad ones: the root is
 * {@code {"type":"doc","version":1,"content":[...]}}, every node type is known and sits where the schema allows it,
 * text nodes are non-empty, headings have a level 1-6, links have an href. Returns the first problem, or null.
 */
final class AdfValidator {
    private static final Set<String> BLOCKS = Set.of("paragraph", "heading", "bulletList", "orderedList",
            "codeBlock", "blockquote", "rule", "table", "panel");
    private static final Set<String> INLINE = Set.of("text", "hardBreak", "mention", "emoji", "inlineCard");
    private static final Set<String> MARKS = Set.of("strong", "em", "code", "link", "strike", "underline");
    private static final Set<String> CELL_TYPES = Set.of("tableHeader", "tableCell");
    /** What each container may hold. */
    private static final Map<String, Set<String>> CHILDREN = Map.ofEntries(
            Map.entry("paragraph", INLINE),
            Map.entry("heading", INLINE),
            Map.entry("codeBlock", Set.of("text")),
            Map.entry("bulletList", Set.of("listItem")),
            Map.entry("orderedList", Set.of("listItem")),
            Map.entry("listItem", Set.of("paragraph", "bulletList", "orderedList", "codeBlock")),
            Map.entry("blockquote", Set.of("paragraph", "bulletList", "orderedList", "codeBlock")),
            Map.entry("panel", Set.of("paragraph", "heading", "bulletList", "orderedList", "codeBlock")),
            Map.entry("table", Set.of("tableRow")),
            Map.entry("tableRow", CELL_TYPES),
            Map.entry("tableHeader", BLOCKS),
            Map.entry("tableCell", BLOCKS));
    /** Containers that must not be empty. */
    private static final Set<String> NON_EMPTY = Set.of("bulletList", "orderedList", "listItem", "table",
            "tableRow", "tableHeader", "tableCell", "blockquote", "panel");

    private AdfValidator() {
    }

    static String problem(JsonNode doc) {
        if (doc == null || !doc.isObject()) {
            return "not a JSON object";
        }
        if (!"doc".equals(doc.path("type").asText())) {
            return "the root node must have type \"doc\"";
        }
        if (doc.path("version").asInt(-1) != 1 || !doc.path("version").isInt()) {
            return "the root node must have version 1";
        }
        JsonNode content = doc.path("content");
        if (!content.isArray()) {
            return "the root node must have a content array";
        }
        for (JsonNode child : content) {
            String type = child.path("type").asText();
            if (!BLOCKS.contains(type)) {
                return "node type \"" + type + "\" is not allowed at the top level";
            }
            String p = node(child, "doc");
            if (p != null) {
                return p;
            }
        }
        return null;
    }

    private static String node(JsonNode node, String parent) {
        String type = node.path("type").asText("");
        if (type.isEmpty()) {
            return "a node inside " + parent + " has no type";
        }
        if (!BLOCKS.contains(type) && !INLINE.contains(type) && !CHILDREN.containsKey(type)) {
            return "unknown node type \"" + type + "\"";
        }
        if (type.equals("text")) {
            return text(node);
        }
        if (type.equals("heading")) {
            int level = node.path("attrs").path("level").asInt(0);
            if (level < 1 || level > 6) {
                return "a heading needs attrs.level between 1 and 6";
            }
        }
        JsonNode content = node.path("content");
        if (!content.isMissingNode() && !content.isArray()) {
            return "content of " + type + " must be an array";
        }
        if (NON_EMPTY.contains(type) && content.size() == 0) {
            return type + " must have content";
        }
        Set<String> allowed = CHILDREN.getOrDefault(type, Set.of());
        for (JsonNode child : content) {
            String childType = child.path("type").asText();
            if (!BLOCKS.contains(childType) && !INLINE.contains(childType) && !CHILDREN.containsKey(childType)) {
                return "unknown node type \"" + childType + "\"";
            }
            if (!allowed.contains(childType)) {
                return "node type \"" + childType + "\" is not allowed inside " + type;
            }
            String p = node(child, type);
            if (p != null) {
                return p;
            }
        }
        return null;
    }

    private static String text(JsonNode node) {
        JsonNode text = node.path("text");
        if (!text.isTextual() || text.asText().isEmpty()) {
            return "text nodes must have non-empty text";
        }
        for (JsonNode mark : node.path("marks")) {
            String type = mark.path("type").asText();
            if (!MARKS.contains(type)) {
                return "unknown mark \"" + type + "\"";
            }
            if (type.equals("link") && mark.path("attrs").path("href").asText("").isEmpty()) {
                return "a link mark needs attrs.href";
            }
        }
        return null;
    }
}
