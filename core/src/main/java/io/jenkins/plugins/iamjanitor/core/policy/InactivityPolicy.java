package io.jenkins.plugins.iamjanitor.core.policy;

import io.jenkins.plugins.iamjanitor.core.model.IamUser;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides whether a user is inactive: exemptions first, then the grace period, then every credential's last use
 * (or creation date when never used) against the threshold. The clock is injected and read as UTC.
 *
 * <p>"Older than the threshold" is strict: a credential last used exactly 21 days ago still counts as activity, one
 * second more and it no longer does. A user created exactly 21 days ago is past its grace period.
 */
public final class InactivityPolicy {
    private final PolicySettings settings;
    private final Clock clock;
    private final ExemptionMatcher exemptions;

    public InactivityPolicy(PolicySettings settings, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.exemptions = new ExemptionMatcher(settings.exemptions());
    }

    public PolicySettings settings() {
        return settings;
    }

    /** Why the user is exempt (naming the exemption), or empty. Tags and groups count only when known. */
    public Optional<String> exemption(IamUser user) {
        return exemptions.match(user);
    }

    /** The clock's current instant, the same one verdicts carry as evaluatedAt. */
    public Instant evaluatedNow() {
        return clock.instant();
    }

    public Verdict evaluate(IamUser user) {
        Instant now = clock.instant();
        List<CredentialEvidence> rows = new ArrayList<>(EvidenceTable.rows(user));
        CredentialEvidence driving = rows.stream()
                .filter(r -> r.counts() && r.date() != null)
                .max(Comparator.comparing(CredentialEvidence::date))
                .orElse(null);
        if (driving == null) {
            // Nothing usable ever signed in: the user's own creation date is its last activity.
            driving = EvidenceTable.userCreated(user, true, "no usable credential; user creation date");
            rows.add(0, driving);
        } else {
            rows.add(0, EvidenceTable.userCreated(user, false, "user created"));
        }
        Instant lastActivity = driving.date();
        long days = lastActivity == null ? -1 : Duration.between(lastActivity, now).toDays();

        Optional<String> exempt = exemptions.match(user);
        if (exempt.isPresent()) {
            return new Verdict(user, Outcome.EXEMPT, exempt.get(), now, lastActivity, days, driving, rows);
        }
        if (user.createDate() != null && age(user.createDate(), now).compareTo(settings.gracePeriod()) < 0) {
            CredentialEvidence created = rows.get(0);
            return new Verdict(user, Outcome.GRACE_PERIOD, "grace period: user created " + describeDate(
                    user.createDate(), now) + ", less than " + daysText(settings.gracePeriod()) + " ago", now,
                    lastActivity, days, created, rows);
        }
        if (lastActivity == null) {
            return new Verdict(user, Outcome.UNKNOWN_ACTIVITY,
                    "no activity date known (no dated credential and no creation date); not flagged", now, null, -1,
                    driving, rows);
        }
        if (age(lastActivity, now).compareTo(settings.threshold()) <= 0) {
            return new Verdict(user, Outcome.ACTIVE, "active: " + describe(driving, now), now, lastActivity, days,
                    driving, rows);
        }
        List<CredentialEvidence> unknown = rows.stream().filter(EvidenceTable::blocksAsUnknown).toList();
        String inactive = "inactive for more than " + thresholdText() + ": most recent activity " + describe(driving,
                now);
        if (!unknown.isEmpty() && settings.unknownActivityBlocks()) {
            CredentialEvidence blocker = unknown.get(0);
            return new Verdict(user, Outcome.UNKNOWN_ACTIVITY, "unknown activity: " + label(blocker)
                    + " has no last-used data in AWS (" + unknown.size() + " such credential"
                    + (unknown.size() == 1 ? "" : "s") + "); otherwise " + inactive, now, lastActivity, days,
                    blocker, rows);
        }
        String ignored = unknown.isEmpty() ? "" : "; ignoring " + unknown.size()
                + " credential(s) without last-used data (unknown activity does not block)";
        return new Verdict(user, Outcome.INACTIVE, inactive + ignored, now, lastActivity, days, driving, rows);
    }

    /** E.g. "access key AKIA... last used s3 in us-east-1 2026-10-01T12:00:00Z (40 days ago)". */
    public static String describe(CredentialEvidence row, Instant now) {
        return label(row) + ": " + row.detail() + " " + describeDate(row.date(), now);
    }

    public static String label(CredentialEvidence row) {
        String kind = switch (row.kind()) {
            case CONSOLE_PASSWORD -> "console password";
            case ACCESS_KEY -> "access key";
            case SSH_PUBLIC_KEY -> "SSH public key";
            case SIGNING_CERTIFICATE -> "signing certificate";
            case SERVICE_SPECIFIC_CREDENTIAL -> "service-specific credential";
            case MFA_DEVICE -> "MFA device";
            case USER -> "user";
        };
        if (row.id() == null || row.id().startsWith("access key")) {
            return row.id() == null ? kind : row.id();
        }
        return kind + " " + row.id();
    }

    static String describeDate(Instant date, Instant now) {
        if (date == null) {
            return "(date unknown)";
        }
        long days = Duration.between(date, now).toDays();
        return date.truncatedTo(ChronoUnit.SECONDS) + " (" + days + (days == 1 ? " day" : " days") + " ago)";
    }

    private String thresholdText() {
        return daysText(settings.threshold());
    }

    private static String daysText(Duration t) {
        return t.toSeconds() % 86_400 == 0 ? t.toDays() + " days" : t.toString();
    }

    private static Duration age(Instant date, Instant now) {
        return Duration.between(date, now);
    }
}
