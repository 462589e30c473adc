package io.jenkins.plugins.iamjanitor.core.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Users the janitor must never flag. Evaluated before any activity rule.
 *
 * @param userNameGlobs  globs on the user name ({@code *} and {@code ?}), e.g. {@code svc-*}
 * @param pathPrefixes   IAM path prefixes, e.g. {@code /system/}
 * @param tags           {@code key} (any value) or {@code key=value}; the default is {@value #DEFAULT_TAG}
 * @param groups         group names; membership in any exempts the user
 * @param reasons        why a rule exists, by {@link ExemptionRule#key()} (e.g. {@code user:svc-*}); rules without
 *                       a reason have no entry
 */
public record Exemptions(List<String> userNameGlobs, List<String> pathPrefixes, List<String> tags, List<String> groups,
        Map<String, String> reasons) {
    public static final String DEFAULT_TAG = "iam-janitor:exempt";

    public Exemptions {
        userNameGlobs = userNameGlobs == null ? List.of() : List.copyOf(userNameGlobs);
        pathPrefixes = pathPrefixes == null ? List.of() : List.copyOf(pathPrefixes);
        tags = tags == null ? List.of() : List.copyOf(tags);
        groups = groups == null ? List.of() : List.copyOf(groups);
        reasons = reasons == null ? Map.of() : Map.copyOf(reasons);
    }

    /** Rules without reasons. */
    public Exemptions(List<String> userNameGlobs, List<String> pathPrefixes, List<String> tags, List<String> groups) {
        this(userNameGlobs, pathPrefixes, tags, groups, Map.of());
    }

    public static Exemptions defaults() {
        return new Exemptions(List.of(), List.of(), List.of(DEFAULT_TAG), List.of());
    }

    /** Builds the exemptions from rules, keeping their order and dropping exact repeats (the first reason wins). */
    public static Exemptions of(List<ExemptionRule> rules) {
        Map<String, ExemptionRule> unique = new LinkedHashMap<>();
        rules.forEach(r -> unique.putIfAbsent(r.key(), r));
        Map<ExemptionRule.Kind, List<String>> byKind = new LinkedHashMap<>();
        Map<String, String> reasons = new LinkedHashMap<>();
        for (ExemptionRule r : unique.values()) {
            byKind.computeIfAbsent(r.kind(), k -> new ArrayList<>()).add(r.pattern());
            if (r.reason() != null) {
                reasons.put(r.key(), r.reason());
            }
        }
        return new Exemptions(byKind.get(ExemptionRule.Kind.USER), byKind.get(ExemptionRule.Kind.PATH),
                byKind.get(ExemptionRule.Kind.TAG), byKind.get(ExemptionRule.Kind.GROUP), reasons);
    }

    /** Every rule with its reason, in the order users, paths, tags, groups. */
    public List<ExemptionRule> rules() {
        List<ExemptionRule> out = new ArrayList<>();
        userNameGlobs.forEach(p -> out.add(rule(ExemptionRule.Kind.USER, p)));
        pathPrefixes.forEach(p -> out.add(rule(ExemptionRule.Kind.PATH, p)));
        tags.forEach(p -> out.add(rule(ExemptionRule.Kind.TAG, p)));
        groups.forEach(p -> out.add(rule(ExemptionRule.Kind.GROUP, p)));
        return out;
    }

    /** These rules followed by {@code more}'s (repeats dropped): adding exemptions never removes one. */
    public Exemptions plus(Exemptions more) {
        List<ExemptionRule> all = new ArrayList<>(rules());
        all.addAll(more.rules());
        return of(all);
    }

    private ExemptionRule rule(ExemptionRule.Kind kind, String pattern) {
        return new ExemptionRule(kind, pattern, reasons.get(ExemptionRule.key(kind, pattern)));
    }
}
