package io.jenkins.plugins.iamjanitor.sandbox.jira;

/**
 * A stored issue link as tests see it. As in Jira, the link has a type and two ends: {@code inwardKey} is the issue
 * sent as {@code inwardIssue}, {@code outwardKey} the one sent as {@code outwardIssue}.
 */
public record JiraLink(String id, String type, String inwardKey, String outwardKey) {

    /** Jira's default link types (name, inward description, outward description), with their usual ids. */
    enum Type {
        BLOCKS("10000", "Blocks", "is blocked by", "blocks"),
        CLONERS("10001", "Cloners", "is cloned by", "clones"),
        DUPLICATE("10002", "Duplicate", "is duplicated by", "duplicates"),
        RELATES("10003", "Relates", "relates to", "relates to");

        final String id;
        final String label;
        final String inward;
        final String outward;

        Type(String id, String label, String inward, String outward) {
            this.id = id;
            this.label = label;
            this.inward = inward;
            this.outward = outward;
        }

        /** By name (as Jira matches it: case-insensitively) or by id, as the request may give either. */
        static java.util.Optional<Type> find(String name, String id) {
            for (Type t : values()) {
                if (t.label.equalsIgnoreCase(name) || t.id.equals(id)) {
                    return java.util.Optional.of(t);
                }
            }
            return java.util.Optional.empty();
        }
    }
}
