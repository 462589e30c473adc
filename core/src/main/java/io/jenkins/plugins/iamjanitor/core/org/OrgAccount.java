package io.jenkins.plugins.iamjanitor.core.org;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A member account of an AWS Organization (or of an explicit account list).
 *
 * @param id     the 12-digit account id
 * @param name   the account's name in the organisation; shown next to the id wherever a user is named
 * @param email  the account's root e-mail (may be empty for an explicit list)
 * @param status ACTIVE, SUSPENDED or PENDING_CLOSURE as Organizations reports it
 * @param ouIds  the root and the organisational units down to the account's parent (empty for an explicit list)
 * @param ouPath the same as names, e.g. {@code Root/prod/apps}
 * @param tags   the account's tags
 */
public record OrgAccount(String id, String name, String email, String status, List<String> ouIds, String ouPath,
        Map<String, String> tags) {

    public OrgAccount {
        Objects.requireNonNull(id, "id");
        if (!id.matches("\\d{12}")) {
            throw new IllegalArgumentException("an AWS account id has 12 digits, got '" + id + "'");
        }
        name = name == null || name.isBlank() ? id : name;
        email = email == null ? "" : email;
        status = status == null ? "ACTIVE" : status;
        ouIds = List.copyOf(ouIds == null ? List.of() : ouIds);
        ouPath = ouPath == null ? "" : ouPath;
        tags = java.util.Collections.unmodifiableMap(new TreeMap<>(tags == null ? Map.of() : tags));
    }

    /** An account named only by id (an explicit list), assumed active. */
    public static OrgAccount of(String id, String name) {
        return new OrgAccount(id, name, "", "ACTIVE", List.of(), "", Map.of());
    }

    public boolean suspended() {
        return !"ACTIVE".equals(status);
    }

    /** {@code 123456789012 (prod-web)}: how an account is named in progress lines, reports and messages. */
    public String label() {
        return name.equals(id) ? id : id + " (" + name + ")";
    }
}
