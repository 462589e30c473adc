package io.jenkins.plugins.iamjanitor.core.doc;

import java.util.ArrayList;
import java.util.List;

/**
 * A small, format-neutral rich-text document: what a ticket description, a ticket comment or a report section says,
 * before an adapter renders it (Jira Cloud: ADF; Jira Data Center: wiki markup; reports: Markdown/HTML).
 * All text is plain: renderers escape it for their format.
 */
public record Document(List<Block> blocks) {
    public Document {
        blocks = List.copyOf(blocks);
    }

    public static Builder builder() {
        return new Builder();
    }

    public sealed interface Block permits Heading, Paragraph, Table, BulletList, Code, Link {
    }

    public record Heading(int level, String text) implements Block {
    }

    public record Paragraph(String text) implements Block {
    }

    /** A table with a header row; every row has as many cells as there are headers. */
    public record Table(List<String> headers, List<List<String>> rows) implements Block {
        public Table {
            headers = List.copyOf(headers);
            rows = rows.stream().map(List::copyOf).toList();
            for (List<String> row : rows) {
                if (row.size() != headers.size()) {
                    throw new IllegalArgumentException("row has " + row.size() + " cells, table has "
                            + headers.size() + " columns: " + row);
                }
            }
        }
    }

    public record BulletList(List<String> items) implements Block {
        public BulletList {
            items = List.copyOf(items);
        }
    }

    /** Preformatted text, e.g. a JSON policy document. */
    public record Code(String text) implements Block {
    }

    /** A paragraph holding one link. */
    public record Link(String text, String url) implements Block {
    }

    public static final class Builder {
        private final List<Block> blocks = new ArrayList<>();

        public Builder heading(int level, String text) {
            blocks.add(new Heading(level, text));
            return this;
        }

        public Builder paragraph(String text) {
            blocks.add(new Paragraph(text));
            return this;
        }

        public Builder table(List<String> headers, List<List<String>> rows) {
            blocks.add(new Table(headers, rows));
            return this;
        }

        public Builder bullets(List<String> items) {
            blocks.add(new BulletList(items));
            return this;
        }

        public Builder code(String text) {
            blocks.add(new Code(text));
            return this;
        }

        public Builder link(String text, String url) {
            blocks.add(new Link(text, url));
            return this;
        }

        public Builder append(Document other) {
            blocks.addAll(other.blocks());
            return this;
        }

        public Document build() {
            return new Document(blocks);
        }
    }
}
