package io.jenkins.plugins.iamjanitor.integrations.jira;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.iamjanitor.core.doc.Document;
import java.util.List;

/**
 * Renders a {@link Document} as Atlassian Document Format (Jira Cloud REST v3 descriptions and comments). Text goes
 * into text nodes verbatim (ADF needs no escaping); line breaks become {@code hardBreak} nodes, and empty text becomes
 * no node at all, because ADF rejects empty text nodes.
 */
public final class AdfRenderer {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    public ObjectNode render(Document document) {
        ObjectNode doc = JSON.objectNode().put("type", "doc").put("version", 1);
        ArrayNode content = doc.putArray("content");
        for (Document.Block block : document.blocks()) {
            ObjectNode node = block(block);
            if (node != null) {
                content.add(node);
            }
        }
        return doc;
    }

    private ObjectNode block(Document.Block block) {
        if (block instanceof Document.Heading h) {
            ObjectNode node = node("heading");
            node.putObject("attrs").put("level", Math.max(1, Math.min(6, h.level())));
            node.set("content", inline(h.text()));
            return node;
        } else if (block instanceof Document.Paragraph p) {
            return paragraph(p.text());
        } else if (block instanceof Document.Table t) {
            return t.headers().isEmpty() ? null : table(t); // a tableRow needs at least one cell
        } else if (block instanceof Document.BulletList list) {
            if (list.items().isEmpty()) {
                return null; // a bulletList needs at least one listItem
            }
            ObjectNode node = node("bulletList");
            ArrayNode items = node.putArray("content");
            for (String item : list.items()) {
                ObjectNode li = node("listItem");
                li.putArray("content").add(paragraph(item));
                items.add(li);
            }
            return node;
        } else if (block instanceof Document.Code c) {
            ObjectNode node = node("codeBlock");
            ArrayNode content = node.putArray("content");
            if (c.text() != null && !c.text().isEmpty()) {
                content.add(text(c.text()));
            }
            return node;
        } else if (block instanceof Document.Link l) {
            ObjectNode p = node("paragraph");
            ObjectNode text = text(l.text() == null || l.text().isEmpty() ? l.url() : l.text());
            ObjectNode mark = text.putArray("marks").addObject().put("type", "link");
            mark.putObject("attrs").put("href", l.url());
            p.putArray("content").add(text);
            return p;
        }
        throw new IllegalArgumentException("unknown block " + block);
    }

    private ObjectNode table(Document.Table t) {
        ObjectNode table = node("table");
        table.putObject("attrs").put("isNumberColumnEnabled", false).put("layout", "default");
        ArrayNode rows = table.putArray("content");
        rows.add(row("tableHeader", t.headers()));
        for (List<String> cells : t.rows()) {
            rows.add(row("tableCell", cells));
        }
        return table;
    }

    private ObjectNode row(String cellType, List<String> cells) {
        ObjectNode row = node("tableRow");
        ArrayNode content = row.putArray("content");
        for (String cell : cells) {
            ObjectNode c = node(cellType);
            c.putObject("attrs");
            c.putArray("content").add(paragraph(cell));
            content.add(c);
        }
        return row;
    }

    private ObjectNode paragraph(String text) {
        ObjectNode p = node("paragraph");
        p.set("content", inline(text));
        return p;
    }

    private ArrayNode inline(String text) {
        ArrayNode content = JSON.arrayNode();
        if (text == null) {
            return content;
        }
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                content.add(node("hardBreak"));
            }
            if (!lines[i].isEmpty()) {
                content.add(text(lines[i]));
            }
        }
        return content;
    }

    private static ObjectNode text(String text) {
        return node("text").put("text", text);
    }

    private static ObjectNode node(String type) {
        return JSON.objectNode().put("type", type);
    }
}
