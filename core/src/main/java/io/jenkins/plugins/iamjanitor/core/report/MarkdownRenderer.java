package io.jenkins.plugins.iamjanitor.core.report;

import io.jenkins.plugins.iamjanitor.core.doc.Document;
import io.jenkins.plugins.iamjanitor.core.review.ReviewRecord;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Renders a {@link Document} as CommonMark/GFM. All text is escaped; only http(s) links become links. */
public final class MarkdownRenderer {
    private static final Pattern BACKTICKS = Pattern.compile("`+");
    private static final Pattern ORDERED = Pattern.compile("\\d+[.)]");

    private MarkdownRenderer() {
    }

    public static String report(ReviewRecord record) {
        return render(ReviewReport.full(record));
    }

    public static String render(Document doc) {
        StringBuilder out = new StringBuilder();
        for (Document.Block block : doc.blocks()) {
            if (block instanceof Document.Heading h) {
                out.append("#".repeat(Math.max(1, Math.min(6, h.level())))).append(' ').append(inline(h.text()));
            } else if (block instanceof Document.Paragraph p) {
                out.append(inline(p.text()));
            } else if (block instanceof Document.Table t) {
                table(out, t);
            } else if (block instanceof Document.BulletList b) {
                for (int i = 0; i < b.items().size(); i++) {
                    out.append(i == 0 ? "" : "\n").append("- ").append(inline(b.items().get(i)));
                }
            } else if (block instanceof Document.Code c) {
                String fence = "`".repeat(Math.max(3, longestBacktickRun(c.text()) + 1));
                out.append(fence).append('\n').append(c.text()).append('\n').append(fence);
            } else if (block instanceof Document.Link l) {
                out.append(link(l.text(), l.url()));
            }
            out.append("\n\n");
        }
        return out.toString();
    }

    private static void table(StringBuilder out, Document.Table t) {
        row(out, t.headers());
        out.append('\n').append("|---".repeat(t.headers().size())).append('|');
        for (List<String> r : t.rows()) {
            out.append('\n');
            row(out, r);
        }
    }

    private static void row(StringBuilder out, List<String> cells) {
        out.append('|');
        for (String cell : cells) {
            out.append(' ').append(inline(cell)).append(" |");
        }
    }

    static String link(String text, String url) {
        if (url != null && (url.startsWith("https://") || url.startsWith("http://")) && !url.matches(".*[\\s<>].*")) {
            return "[" + inline(text) + "](<" + url + ">)";
        }
        return inline(text + (url == null ? "" : " (" + url + ")"));
    }

    /** Escapes every character with a Markdown meaning; newlines become spaces so a cell stays one row. */
    static String inline(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder s = new StringBuilder(text.length() + 8);
        for (char c : text.replace('\r', ' ').replace('\n', ' ').toCharArray()) {
            if ("\\`*_{}[]<>|&~".indexOf(c) >= 0) {
                s.append('\\');
            }
            s.append(c);
        }
        // Block markers only mean something at the start of a line.
        if (s.length() > 0 && "#-+=".indexOf(s.charAt(0)) >= 0) {
            s.insert(0, '\\');
        }
        Matcher ordered = ORDERED.matcher(s);
        if (ordered.lookingAt()) {
            s.insert(ordered.end() - 1, '\\');
        }
        return s.toString();
    }

    private static int longestBacktickRun(String text) {
        int max = 0;
        Matcher m = BACKTICKS.matcher(text);
        while (m.find()) {
            max = Math.max(max, m.group().length());
        }
        return max;
    }
}
