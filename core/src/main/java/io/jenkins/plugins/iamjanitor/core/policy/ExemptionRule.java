package io.jenkins.plugins.iamjanitor.core.policy;

import java.util.Objects;

/**
 * One exemption as an organisation writes it: what it matches and, optionally, why. The reason travels into the
 * verdict so the scan report, the Slack message and the Jira ticket can say which rule spared a user and why.
 *
 * @param kind    what the pattern is matched against
 * @param pattern a user-name glob, an IAM path prefix, {@code key} or {@code key=value} of a tag, or a group name
 * @param reason  why the rule exists (e.g. "break-glass accounts: audited quarterly"); may be null
 */
public record ExemptionRule(Kind kind, String pattern, String reason) {
    public enum Kind {
        USER("user"), PATH("path"), TAG("tag"), GROUP("group");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public ExemptionRule {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(pattern, "pattern");
        reason = reason == null || reason.isBlank() ? null : reason.strip();
    }

    /** The key under which {@link Exemptions#reasons()} files this rule's reason, e.g. {@code user:svc-*}. */
    public String key() {
        return key(kind, pattern);
    }

    static String key(Kind kind, String pattern) {
        return kind.label() + ":" + pattern;
    }

    /** E.g. {@code user svc-*} (reason: CI service accounts). */
    @Override
    public String toString() {
        return kind.label() + " " + pattern + (reason == null ? "" : " (reason: " + reason + ")");
    }
}
