package io.jenkins.plugins.iamjanitor.core.review;

import io.jenkins.plugins.iamjanitor.core.policy.ActivityBasis;
import io.jenkins.plugins.iamjanitor.core.policy.CredentialKind;
import io.jenkins.plugins.iamjanitor.core.policy.InactivityPolicy;
import io.jenkins.plugins.iamjanitor.core.policy.Outcome;
import io.jenkins.plugins.iamjanitor.core.policy.Verdict;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One scanned user's verdict in a few fields: what a report needs about every user (not only the flagged ones), small
 * enough to keep for a whole account in the review record.
 *
 * @param outcome            the policy's outcome
 * @param reason             the verdict's one line (for an exempt user: the exemption rule that matched)
 * @param lastActivity       the verdict's last activity; null when none is known
 * @param daysInactive       whole days since lastActivity; -1 when unknown
 * @param driving            the credential that decided, as people name it ("access key AKIA...", "console password")
 * @param createDate         the user's creation date (the grace period counts from it); may be null
 * @param noLastUsedData     credentials AWS keeps no last-used data for (what makes activity unknown)
 * @param exemptionReason    why the exemption exists, when the policy records one (null otherwise)
 */
public record ScannedUser(
        String userName,
        Outcome outcome,
        String reason,
        Instant lastActivity,
        long daysInactive,
        String driving,
        Instant createDate,
        List<String> noLastUsedData,
        String exemptionReason) {

    public ScannedUser {
        Objects.requireNonNull(userName, "userName");
        Objects.requireNonNull(outcome, "outcome");
        noLastUsedData = noLastUsedData == null ? List.of() : List.copyOf(noLastUsedData);
    }

    private static final String REASON_SEPARATOR = "; reason: ";

    public static ScannedUser of(Verdict v) {
        List<String> unknown = v.evidence().stream()
                .filter(e -> e.basis() == ActivityBasis.UNKNOWN && e.kind() != CredentialKind.USER
                        && e.kind() != CredentialKind.MFA_DEVICE)
                .map(InactivityPolicy::label)
                .toList();
        // An exempt verdict reads "exempt: <rule>; reason: <why>" when the policy gives the rule a reason
        // (ExemptionMatcher): the rule stays in the reason, the why goes in its own field.
        String reason = v.reason();
        String why = null;
        int at = reason == null || v.outcome() != io.jenkins.plugins.iamjanitor.core.policy.Outcome.EXEMPT ? -1
                : reason.indexOf(REASON_SEPARATOR);
        if (at >= 0) {
            why = reason.substring(at + REASON_SEPARATOR.length());
            reason = reason.substring(0, at);
        }
        return new ScannedUser(v.user().userName(), v.outcome(), reason, v.lastActivity(), v.daysInactive(),
                v.driving() == null ? null : InactivityPolicy.label(v.driving()), v.user().createDate(), unknown,
                why);
    }
}
