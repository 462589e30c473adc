package io.jenkins.plugins.iamjanitor.core.policy;

import io.jenkins.plugins.iamjanitor.core.model.IamUser;
import java.time.Instant;
import java.util.List;

/**
 * The policy's verdict on one user, with the evidence behind it.
 *
 * @param reason        one line for people: which rule or credential decided
 * @param evaluatedAt   the clock's time when evaluated
 * @param lastActivity  the latest date among rows that count as activity (or the creation date); null when none
 * @param daysInactive  whole days between lastActivity and evaluatedAt; -1 when lastActivity is null
 * @param driving       the row that decided the verdict (the most recent activity, the exemption, ...); may be null
 * @param evidence      the full per-credential table
 */
public record Verdict(
        IamUser user,
        Outcome outcome,
        String reason,
        Instant evaluatedAt,
        Instant lastActivity,
        long daysInactive,
        CredentialEvidence driving,
        List<CredentialEvidence> evidence) {

    public Verdict {
        evidence = List.copyOf(evidence);
    }

    public boolean flagged() {
        return outcome == Outcome.INACTIVE;
    }
}
