package io.jenkins.plugins.iamjanitor.core.policy;

import io.jenkins.plugins.iamjanitor.core.model.IamUser;
import io.jenkins.plugins.iamjanitor.core.model.Tag;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Matches a user against the exemptions and names the one that applies. IAM treats user, group and tag-key names
 * case-insensitively (no two may differ only by case), so matching does too; paths and tag values are exact.
 */
final class ExemptionMatcher {
    private final Exemptions exemptions;

    ExemptionMatcher(Exemptions exemptions) {
        this.exemptions = exemptions;
    }

    /** The reason the user is exempt, or empty. Tags and groups are only checked when known. */
    Optional<String> match(IamUser user) {
        for (String glob : exemptions.userNameGlobs()) {
            if (globToPattern(glob).matcher(user.userName()).matches()) {
                return Optional.of(withReason("exempt: user name matches '" + glob + "'",
                        ExemptionRule.Kind.USER, glob));
            }
        }
        for (String prefix : exemptions.pathPrefixes()) {
            if (user.path().startsWith(normalisePrefix(prefix))) {
                return Optional.of(withReason("exempt: path " + user.path() + " is under '" + prefix + "'",
                        ExemptionRule.Kind.PATH, prefix));
            }
        }
        if (user.tags() != null) {
            for (String spec : exemptions.tags()) {
                for (Tag tag : user.tags()) {
                    if (tagMatches(spec, tag)) {
                        return Optional.of(withReason("exempt: tag " + tag.key()
                                + (tag.value().isEmpty() ? "" : "=" + tag.value()) + " matches '" + spec + "'",
                                ExemptionRule.Kind.TAG, spec));
                    }
                }
            }
        }
        if (user.groups() != null) {
            for (String group : exemptions.groups()) {
                for (String member : user.groups()) {
                    if (member.equalsIgnoreCase(group)) {
                        return Optional.of(withReason("exempt: member of group " + member,
                                ExemptionRule.Kind.GROUP, group));
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** The rule's reason, when the policy gives one, so reports say why the rule exists and not only what matched. */
    private String withReason(String matched, ExemptionRule.Kind kind, String pattern) {
        String reason = exemptions.reasons().get(ExemptionRule.key(kind, pattern));
        return reason == null ? matched : matched + "; reason: " + reason;
    }

    static boolean tagMatches(String spec, Tag tag) {
        int eq = spec.indexOf('=');
        if (eq < 0) {
            return tag.key().equalsIgnoreCase(spec.trim());
        }
        return tag.key().equalsIgnoreCase(spec.substring(0, eq).trim()) && tag.value().equals(spec.substring(eq + 1));
    }

    static Pattern globToPattern(String glob) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char c : glob.toCharArray()) {
            if (c == '*' || c == '?') {
                if (literal.length() > 0) {
                    regex.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                regex.append(c == '*' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        if (literal.length() > 0) {
            regex.append(Pattern.quote(literal.toString()));
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL);
    }

    /** IAM paths start and end with '/'; "/system" means the /system/ subtree, not /systemd/. */
    private static String normalisePrefix(String prefix) {
        String p = prefix.trim();
        if (!p.startsWith("/")) {
            p = "/" + p;
        }
        return p.endsWith("/") ? p : p + "/";
    }
}
