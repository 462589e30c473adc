package io.jenkins.plugins.iamjanitor.core.approval;

import io.jenkins.plugins.iamjanitor.core.model.IamUser;
import io.jenkins.plugins.iamjanitor.core.model.Tag;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Whether an approver may be the owner of the IAM user under review, whatever channel they clicked in (Slack today,
 * Jenkins users through the plugin later). Conservative by design: a wrong "same person" only asks for another
 * approver, a missed one lets someone keep or delete their own account.
 *
 * <p>The approver's identities (channel id, handle, email and the email's local part, all case-insensitive) are
 * compared with the IAM user name (and its local part when it is an email) and with every tag value (comma-separated
 * lists split, emails also by their local part), not only with the identity tags: an email under {@code owner} or a
 * Slack id in a tag of another name still counts.
 */
public final class SelfApproval {
    /** Shorter values (e.g. "1", "x") say nothing about a person and would refuse everyone. */
    private static final int MIN_LENGTH = 2;
    /** Tag keys (any case) that name a user's owner; a candidate with none of them has an unknown owner. */
    private static final Set<String> IDENTITY_TAGS = Set.of(Candidate.SLACK_TAG, "email", "mail", "owner",
            "owner-email", "jenkins-user");

    private SelfApproval() {
    }

    /** Every value that may identify the person behind the IAM user, lower case. */
    public static Set<String> identities(IamUser user) {
        Set<String> out = new LinkedHashSet<>();
        add(out, user.userName());
        if (user.tags() != null) {
            for (Tag tag : user.tags()) {
                for (String part : tag.value().split("[,;\\s]+")) {
                    add(out, part);
                }
            }
        }
        return Set.copyOf(out);
    }

    /** Whether the user carries a tag naming its owner (or its name is an email address). */
    public static boolean ownerKnown(IamUser user) {
        if (user.userName().contains("@")) {
            return true;
        }
        return user.tags() != null && user.tags().stream()
                .anyMatch(t -> IDENTITY_TAGS.contains(t.key().toLowerCase(Locale.ROOT)) && !t.value().isBlank());
    }

    /** Whether any of the approver's identities is one of the candidate's. */
    public static boolean isSamePerson(Candidate candidate, Approver approver) {
        Set<String> theirs = new LinkedHashSet<>(candidate.identities());
        candidate.channelIds().forEach(id -> add(theirs, id));
        candidate.emails().forEach(e -> add(theirs, e));
        Set<String> mine = new LinkedHashSet<>();
        add(mine, approver.id());
        add(mine, approver.handle());
        add(mine, approver.email());
        return mine.stream().anyMatch(theirs::contains);
    }

    /** Adds the value and, for an email address, its local part; lower case, trimmed, short values skipped. */
    private static void add(Set<String> out, String value) {
        if (value == null) {
            return;
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.length() >= MIN_LENGTH) {
            out.add(v);
        }
        int at = v.indexOf('@');
        if (at >= MIN_LENGTH) {
            out.add(v.substring(0, at));
        }
    }
}
