package io.jenkins.plugins.iamjanitor.core.approval;

import io.jenkins.plugins.iamjanitor.core.model.IamUser;
import io.jenkins.plugins.iamjanitor.core.model.Tag;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A user under review together with the identities that person may have in the approval channel, so that they
 * cannot decide about their own account.
 *
 * <p>Identities come from the IAM user's tags: {@value #SLACK_TAG} (one or more Slack user ids, comma separated)
 * and {@code email}/{@code mail} (any case); an IAM user name that looks like an email address counts as one too.
 * Beyond those, {@code identities} holds the user name and every tag value, matched by {@link SelfApproval}, and
 * {@code ownerKnown} says whether any tag names an owner at all (else the review shows "owner unknown").
 */
public record Candidate(String userName, Set<String> channelIds, Set<String> emails, Set<String> identities,
        boolean ownerKnown) {
    public static final String SLACK_TAG = "slack-user-id";

    public Candidate {
        Objects.requireNonNull(userName, "userName");
        channelIds = channelIds == null ? Set.of() : Set.copyOf(channelIds);
        emails = emails == null ? Set.of() : lower(emails);
        identities = identities == null ? Set.of(userName.toLowerCase(Locale.ROOT)) : Set.copyOf(identities);
    }

    public Candidate(String userName, Set<String> channelIds, Set<String> emails) {
        this(userName, channelIds, emails, null, !channelIds.isEmpty() || !emails.isEmpty());
    }

    public static Candidate of(IamUser user) {
        Set<String> ids = new LinkedHashSet<>();
        Set<String> mails = new LinkedHashSet<>();
        if (user.userName().contains("@")) {
            mails.add(user.userName());
        }
        if (user.tags() != null) {
            for (Tag tag : user.tags()) {
                String key = tag.key().toLowerCase(Locale.ROOT);
                if (key.equals(SLACK_TAG)) {
                    for (String id : tag.value().split(",")) {
                        if (!id.isBlank()) {
                            ids.add(id.trim());
                        }
                    }
                } else if ((key.equals("email") || key.equals("mail")) && tag.value().contains("@")) {
                    mails.add(tag.value().trim());
                }
            }
        }
        return new Candidate(user.userName(), ids, mails, SelfApproval.identities(user),
                SelfApproval.ownerKnown(user) || !ids.isEmpty() || !mails.isEmpty());
    }

    /** Whether the approver may be this very person (see {@link SelfApproval}). */
    public boolean isSamePerson(Approver approver) {
        return SelfApproval.isSamePerson(this, approver);
    }

    private static Set<String> lower(Set<String> in) {
        Set<String> out = new LinkedHashSet<>();
        in.forEach(e -> out.add(e.trim().toLowerCase(Locale.ROOT)));
        return Set.copyOf(out);
    }
}
