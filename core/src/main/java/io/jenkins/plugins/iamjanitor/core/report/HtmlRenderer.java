package io.jenkins.plugins.iamjanitor.core.report;

import io.jenkins.plugins.iamjanitor.core.doc.Document;
import io.jenkins.plugins.iamjanitor.core.review.ReviewRecord;
import java.util.List;
import java.util.Set;

/**
 * Renders {@link Document}s as HTML fragments (and a review as one page, {@link HtmlReportPage}): every piece of text
 * HTML-escaped, only http(s) links.
 */
public final class HtmlRenderer {
    private static final Set<String> STATUSES =
            Set.of("DELETED", "PLANNED", "KEPT", "NOT_FOUND", "SKIPPED", "FAILED", "APPROVE", "KEEP", "no");

    private HtmlRenderer() {
    }

    /** The whole report page (see {@link HtmlReportPage}). */
    public static String report(ReviewRecord record) {
        return HtmlReportPage.render(record);
    }

    /** The blocks of a document as an HTML fragment. */
    public static String render(Document doc) {
        StringBuilder out = new StringBuilder();
        for (Document.Block block : doc.blocks()) {
            if (block instanceof Document.Heading h) {
                int level = Math.max(1, Math.min(6, h.level()));
                // User sections (h3) carry the user's anchor: the overview and the chart link to them.
                String id = level == 3 ? " id=\"" + escape(ReportModel.anchor(h.text())) + "\"" : "";
                out.append("<h").append(level).append(id).append('>').append(escape(h.text())).append("</h")
                        .append(level).append(">\n");
            } else if (block instanceof Document.Paragraph p) {
                out.append("<p>").append(escape(p.text())).append("</p>\n");
            } else if (block instanceof Document.Table t) {
                table(out, t);
            } else if (block instanceof Document.BulletList b) {
                out.append("<ul>\n");
                b.items().forEach(i -> out.append("<li>").append(escape(i)).append("</li>\n"));
                out.append("</ul>\n");
            } else if (block instanceof Document.Code c) {
                out.append("<pre><code>").append(escape(c.text())).append("</code></pre>\n");
            } else if (block instanceof Document.Link l) {
                out.append("<p>").append(link(l.text(), l.url())).append("</p>\n");
            }
        }
        return out.toString();
    }

    /**
     * Every table scrolls inside its own box and, on narrow screens, becomes stacked cards (each cell labelled with
     * its header). A table whose first column is "User" gives each row the user's anchor.
     */
    private static void table(StringBuilder out, Document.Table t) {
        boolean keyed = !t.headers().isEmpty() && "User".equals(t.headers().get(0));
        out.append("<div class=\"scroll\">\n<table class=\"stack\">\n<thead><tr>");
        t.headers().forEach(h -> out.append("<th scope=\"col\">").append(escape(h)).append("</th>"));
        out.append("</tr></thead>\n<tbody>\n");
        for (List<String> row : t.rows()) {
            out.append(keyed ? "<tr id=\"" + escape(ReportModel.anchor(row.get(0))) + "\">" : "<tr>");
            for (int i = 0; i < row.size(); i++) {
                out.append("<td data-label=\"").append(escape(t.headers().get(i))).append("\"><div>")
                        .append(cell(row.get(i))).append("</div></td>");
            }
            out.append("</tr>\n");
        }
        out.append("</tbody>\n</table>\n</div>\n");
    }

    private static String cell(String text) {
        if (text != null && STATUSES.contains(text)) {
            return "<span class=\"s s-" + text + "\">" + escape(text) + "</span>";
        }
        return escape(text);
    }

    static String link(String text, String url) {
        if (url != null && (url.startsWith("https://") || url.startsWith("http://"))) {
            return "<a href=\"" + escape(url) + "\" rel=\"noopener noreferrer\">" + escape(text) + "</a>";
        }
        return escape(text + (url == null ? "" : " (" + url + ")"));
    }

    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder s = new StringBuilder(text.length() + 16);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> s.append("&amp;");
                case '<' -> s.append("&lt;");
                case '>' -> s.append("&gt;");
                case '"' -> s.append("&quot;");
                case '\'' -> s.append("&#39;");
                default -> s.append(c);
            }
        }
        return s.toString();
    }
}
