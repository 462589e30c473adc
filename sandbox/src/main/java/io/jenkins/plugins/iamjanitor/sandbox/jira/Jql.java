package io.jenkins.plugins.iamjanitor.sandbox.jira;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * The JQL subset the emulator understands: clauses on {@code labels}, {@code status}, {@code statusCategory},
 * {@code project}, {@code issuetype}, {@code key} with {@code = != in (..) not in (..)}, text search
 * ({@code summary ~ "x"}, {@code text ~ "x"}), {@code AND OR NOT} and parentheses, and
 * {@code ORDER BY created|key ASC|DESC}. Anything else is a JQL error, as real Jira would report an unknown field.
 */
final class Jql {
    static final class JqlException extends RuntimeException {
        JqlException(String message) {
            super(message);
        }
    }

    private final List<String> tokens;
    private int pos;
    private final Predicate<JiraIssue> where;
    private final Comparator<JiraIssue> order;

    private Jql(String text) {
        tokens = tokenize(text);
        where = tokens.isEmpty() || isWord("ORDER") ? null : or();
        Comparator<JiraIssue> o = Comparator.comparingLong(JiraIssue::created);
        if (isWord("ORDER")) {
            pos++;
            expectWord("BY");
            String field = next().toLowerCase(Locale.ROOT);
            if (!field.equals("created") && !field.equals("key")) {
                throw new JqlException("Field '" + field + "' cannot be used in ORDER BY here.");
            }
            if (isWord("DESC")) {
                pos++;
                o = o.reversed();
            } else if (isWord("ASC")) {
                pos++;
            }
        }
        if (pos < tokens.size()) {
            throw new JqlException("Error in the JQL Query: unexpected '" + tokens.get(pos) + "'.");
        }
        order = o;
    }

    static Jql parse(String text) {
        return new Jql(text == null ? "" : text);
    }

    /** Cloud's search/jql refuses queries without any restriction. */
    boolean bounded() {
        return where != null;
    }

    boolean matches(JiraIssue issue) {
        return where == null || where.test(issue);
    }

    Comparator<JiraIssue> order() {
        return order;
    }

    private Predicate<JiraIssue> or() {
        Predicate<JiraIssue> p = and();
        while (isWord("OR")) {
            pos++;
            p = p.or(and());
        }
        return p;
    }

    private Predicate<JiraIssue> and() {
        Predicate<JiraIssue> p = term();
        while (isWord("AND")) {
            pos++;
            p = p.and(term());
        }
        return p;
    }

    private Predicate<JiraIssue> term() {
        if (isWord("NOT")) {
            pos++;
            return term().negate();
        }
        if ("(".equals(peek())) {
            pos++;
            Predicate<JiraIssue> p = or();
            expect(")");
            return p;
        }
        return clause();
    }

    private Predicate<JiraIssue> clause() {
        String field = next();
        String op = next().toUpperCase(Locale.ROOT);
        if (op.equals("NOT")) {
            expectWord("IN");
            op = "NOT IN";
        }
        List<String> values = new ArrayList<>();
        if (op.equals("IN") || op.equals("NOT IN")) {
            expect("(");
            values.add(value());
            while (",".equals(peek())) {
                pos++;
                values.add(value());
            }
            expect(")");
        } else if (op.equals("=") || op.equals("!=") || op.equals("~") || op.equals("!~")) {
            values.add(value());
        } else {
            throw new JqlException("Error in the JQL Query: unsupported operator '" + op + "'.");
        }
        Field f = Field.of(field);
        boolean negate = op.startsWith("!") || op.equals("NOT IN");
        boolean text = op.contains("~");
        if (text != (f == Field.SUMMARY || f == Field.TEXT)) {
            throw new JqlException("The operator '" + op + "' is not supported by the '" + field + "' field.");
        }
        Predicate<JiraIssue> p = issue -> values.stream().anyMatch(v -> f.matches(issue, v));
        return negate ? p.negate() : p;
    }

    private enum Field {
        LABELS, STATUS, STATUS_CATEGORY, PROJECT, ISSUE_TYPE, KEY, SUMMARY, TEXT;

        static Field of(String name) {
            return switch (name.toLowerCase(Locale.ROOT)) {
                case "labels" -> LABELS;
                case "status" -> STATUS;
                case "statuscategory" -> STATUS_CATEGORY;
                case "project" -> PROJECT;
                case "issuetype", "type" -> ISSUE_TYPE;
                case "key", "issuekey" -> KEY;
                case "summary" -> SUMMARY;
                case "text" -> TEXT;
                default -> throw new JqlException(
                        "Field '" + name + "' does not exist or you do not have permission to view it.");
            };
        }

        boolean matches(JiraIssue issue, String v) {
            return switch (this) {
                case LABELS -> issue.labels().contains(v);
                case STATUS -> issue.status().equalsIgnoreCase(v);
                case STATUS_CATEGORY -> issue.statusCategory().equalsIgnoreCase(v)
                        || Workflow.categoryName(issue.statusCategory()).equalsIgnoreCase(v);
                case PROJECT -> issue.projectKey().equalsIgnoreCase(v);
                case ISSUE_TYPE -> issue.issueType().equalsIgnoreCase(v);
                case KEY -> issue.key().equalsIgnoreCase(v);
                case SUMMARY -> containsWords(issue.summary(), v);
                case TEXT -> containsWords(issue.summary() + " " + issue.description(), v);
            };
        }

        private static boolean containsWords(String haystack, String words) {
            String h = haystack.toLowerCase(Locale.ROOT);
            for (String w : words.toLowerCase(Locale.ROOT).split("\\s+")) {
                if (!w.isEmpty() && !h.contains(w)) {
                    return false;
                }
            }
            return true;
        }
    }

    private String value() {
        String t = next();
        if (t.equals("(") || t.equals(")") || t.equals(",")) {
            throw new JqlException("Error in the JQL Query: expected a value but got '" + t + "'.");
        }
        return t.startsWith("\"") ? t.substring(1) : t;
    }

    private String peek() {
        return pos < tokens.size() ? tokens.get(pos) : null;
    }

    private String next() {
        if (pos >= tokens.size()) {
            throw new JqlException("Error in the JQL Query: the query ended unexpectedly.");
        }
        return tokens.get(pos++);
    }

    private boolean isWord(String word) {
        String t = peek();
        return t != null && !t.startsWith("\"") && t.equalsIgnoreCase(word);
    }

    private void expect(String token) {
        if (!token.equals(next())) {
            throw new JqlException("Error in the JQL Query: expected '" + token + "'.");
        }
    }

    private void expectWord(String word) {
        if (!next().equalsIgnoreCase(word)) {
            throw new JqlException("Error in the JQL Query: expected " + word + ".");
        }
    }

    /** Quoted strings come back with a leading {@code "} marker (and no closing quote) so keywords stay apart. */
    private static List<String> tokenize(String text) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(' || c == ')' || c == ',' || c == '=' || c == '~') {
                out.add(String.valueOf(c));
                i++;
            } else if (c == '!' && i + 1 < text.length() && (text.charAt(i + 1) == '=' || text.charAt(i + 1) == '~')) {
                out.add(text.substring(i, i + 2));
                i += 2;
            } else if (c == '"' || c == '\'') {
                StringBuilder sb = new StringBuilder("\"");
                int j = i + 1;
                while (j < text.length() && text.charAt(j) != c) {
                    if (text.charAt(j) == '\\' && j + 1 < text.length()) {
                        j++;
                    }
                    sb.append(text.charAt(j++));
                }
                if (j >= text.length()) {
                    throw new JqlException("Error in the JQL Query: unterminated string.");
                }
                out.add(sb.toString());
                i = j + 1;
            } else {
                int j = i;
                while (j < text.length() && !Character.isWhitespace(text.charAt(j))
                        && "()=,~!\"'".indexOf(text.charAt(j)) < 0) {
                    j++;
                }
                if (j == i) {
                    throw new JqlException("Error in the JQL Query: unexpected character '" + c + "'.");
                }
                out.add(text.substring(i, j));
                i = j;
            }
        }
        return out;
    }
}
