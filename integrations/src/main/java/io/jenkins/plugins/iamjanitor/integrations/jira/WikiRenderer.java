package io.jenkins.plugins.iamjanitor.integrations.jira;

import io.jenkins.plugins.iamjanitor.core.doc.Document;
import java.util.List;
import java.util.StringJoiner;

/**
 * Renders a {@link Document} as Jira wiki markup (Jira Data Center REST v2). All text is plain, so every character
 * wiki markup gives a meaning ({@code | { } [ ] * _ - + ^ ~ ? ! #}) is backslash-escaped; a literal backslash becomes
 * the entity {@code &#92;} because a doubled backslash is wiki's line break.
 */
public final class WikiRenderer {
    private static final String SPECIAL = "|{}[]*_-+^~?!#";

    public String render(Document document) {
        StringJoiner out = new StringJoiner("\n\n");
        for (Document.Block block : document.blocks()) {
            String text = block(block);
            if (!text.isEmpty()) {
                out.add(text);
            }
        }
        return out.toString();
    }

    private String block(Document.Block block) {
        if (block instanceof Document.Heading h) {
            return "h" + Math.max(1, Math.min(6, h.level())) + ". " + inline(h.text());
        } else if (block instanceof Document.Paragraph p) {
            return escapeLines(p.text());
        } else if (block instanceof Document.Table t) {
            if (t.headers().isEmpty()) {
                return "";
            }
            StringBuilder sb = new StringBuilder(row("||", t.headers()));
            for (List<String> cells : t.rows()) {
                sb.append('\n').append(row("|", cells));
            }
            return sb.toString();
        } else if (block instanceof Document.BulletList list) {
            StringJoiner items = new StringJoiner("\n");
            list.items().forEach(item -> items.add("* " + inline(item)));
            return items.toString();
        } else if (block instanceof Document.Code c) {
            // {noformat} shows its body verbatim; only its own closing tag could end it early.
            String body = c.text() == null ? "" : c.text().replace("{noformat}", "{ noformat}");
            return "{noformat}\n" + body + "\n{noformat}";
        } else if (block instanceof Document.Link l) {
            String text = l.text() == null || l.text().isEmpty() ? l.url() : l.text();
            return "[" + inline(text) + "|" + linkTarget(l.url()) + "]";
        }
        throw new IllegalArgumentException("unknown block " + block);
    }

    private static String row(String separator, List<String> cells) {
        StringBuilder sb = new StringBuilder(separator);
        for (String cell : cells) {
            String text = inline(cell);
            // An empty cell would merge two separators into a header marker.
            sb.append(text.isBlank() ? " " : text).append(separator);
        }
        return sb.toString();
    }

    /** Single-line text: escaped, line breaks as wiki {@code \\} so tables and list items stay on one line. */
    static String inline(String text) {
        if (text == null) {
            return "";
        }
        StringJoiner lines = new StringJoiner(" \\\\ ");
        for (String line : text.split("\r?\n", -1)) {
            lines.add(escape(line));
        }
        return lines.toString();
    }

    private static String escapeLines(String text) {
        if (text == null) {
            return "";
        }
        StringJoiner lines = new StringJoiner("\n");
        for (String line : text.split("\r?\n", -1)) {
            lines.add(escape(line));
        }
        return lines.toString();
    }

    static String escape(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                sb.append("&#92;");
            } else {
                if (SPECIAL.indexOf(c) >= 0) {
                    sb.append('\\');
                }
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static String linkTarget(String url) {
        return url.replace(" ", "%20").replace("|", "%7C").replace("[", "%5B").replace("]", "%5D");
    }
}
