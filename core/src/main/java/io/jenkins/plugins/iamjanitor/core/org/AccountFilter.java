package io.jenkins.plugins.iamjanitor.core.org;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which accounts a run covers. An account is selected when it is active, lies under one of {@code ouIds} (nested
 * units included; any when empty), is in {@code include} (any when empty), is not in {@code exclude} and carries
 * every tag of {@code tags}. The exclusion wins over everything else.
 */
public record AccountFilter(Set<String> ouIds, Set<String> include, Set<String> exclude, Map<String, String> tags) {

    public AccountFilter {
        ouIds = Set.copyOf(ouIds == null ? Set.of() : ouIds);
        include = Set.copyOf(include == null ? Set.of() : include);
        exclude = Set.copyOf(exclude == null ? Set.of() : exclude);
        tags = Map.copyOf(tags == null ? Map.of() : tags);
        for (String id : include) {
            checkId(id);
        }
        for (String id : exclude) {
            checkId(id);
        }
    }

    public static AccountFilter all() {
        return new AccountFilter(Set.of(), Set.of(), Set.of(), Map.of());
    }

    private static void checkId(String id) {
        if (!id.matches("\\d{12}")) {
            throw new IllegalArgumentException("an AWS account id has 12 digits, got '" + id + "'");
        }
    }

    /** A skipped account and why, reported so that nobody wonders where an account went. */
    public record Skipped(OrgAccount account, String reason) {
    }

    /** The selected accounts ordered by id (so every report lists them the same way) and the skipped ones. */
    public record Selection(List<OrgAccount> selected, List<Skipped> skipped) {
        public Selection {
            selected = List.copyOf(selected);
            skipped = List.copyOf(skipped);
        }
    }

    public Selection select(List<OrgAccount> accounts) {
        List<OrgAccount> selected = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        accounts.stream().sorted(Comparator.comparing(OrgAccount::id)).forEach(a -> {
            String reason = skipReason(a);
            if (reason == null) {
                selected.add(a);
            } else {
                skipped.add(new Skipped(a, reason));
            }
        });
        return new Selection(selected, skipped);
    }

    /** Why {@code account} is left out, or null when it is selected. */
    public String skipReason(OrgAccount account) {
        if (exclude.contains(account.id())) {
            return "excluded by the account deny list";
        }
        if (account.suspended()) {
            return "account status is " + account.status();
        }
        if (!include.isEmpty() && !include.contains(account.id())) {
            return "not in the account allow list";
        }
        if (!ouIds.isEmpty() && account.ouIds().stream().noneMatch(ouIds::contains)) {
            return "not under OU " + String.join(", ", ouIds.stream().sorted().toList());
        }
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            if (!tag.getValue().equals(account.tags().get(tag.getKey()))) {
                return "tag " + tag.getKey() + "=" + tag.getValue() + " missing";
            }
        }
        return null;
    }
}
