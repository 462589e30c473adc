package io.jenkins.plugins.iamjanitor.core.policy;

import java.util.List;

/**
 * Users the janitor must never flag. Evaluated before any activity rule.
 *
 * @param userNameGlobs  globs on the user name ({@code *} and {@code ?}), e.g. {@code svc-*}
 * @param pathPrefixes   IAM path prefixes, e.g. {@code /system/}
 * @param tags           {@code key} (any value) or {@code key=value}; the default is {@value #DEFAULT_TAG}
 * @param groups         group names; membership in any exempts the user
 */
public record Exemptions(List<String> userNameGlobs, List<String> pathPrefixes, List<String> tags, List<String> groups) {
    public static final String DEFAULT_TAG = "iam-janitor:exempt";

    public Exemptions {
        userNameGlobs = userNameGlobs == null ? List.of() : List.copyOf(userNameGlobs);
        pathPrefixes = pathPrefixes == null ? List.of() : List.copyOf(pathPrefixes);
        tags = tags == null ? List.of() : List.copyOf(tags);
        groups = groups == null ? List.of() : List.copyOf(groups);
    }

    public static Exemptions defaults() {
        return new Exemptions(List.of(), List.of(), List.of(DEFAULT_TAG), List.of());
    }
}
