package io.jenkins.plugins.iamjanitor.core.deletion;

import io.jenkins.plugins.iamjanitor.core.model.IamUser;
import java.time.Instant;
import java.util.Comparator;

/**
 * The date an approval is based on: the latest sign of life the approver was shown. It is the newest of exactly the
 * dates the live re-check compares ({@link LiveRecheck#signsOfLife}: password and every key, used or created, disabled
 * ones included), so a user nobody touched since the scan passes the re-check, and any later use or new credential
 * keeps the user.
 */
public final class ApprovalEvidence {
    private ApprovalEvidence() {
    }

    /** @param lastActivity the verdict's last activity (may be null); never later than what the scan saw */
    public static Instant lastSignOfLife(IamUser user, Instant lastActivity) {
        return LiveRecheck.signsOfLife(user).stream()
                .map(LiveRecheck.Sign::date)
                .filter(date -> lastActivity == null || date.isAfter(lastActivity))
                .max(Comparator.naturalOrder())
                .orElse(lastActivity);
    }
}
