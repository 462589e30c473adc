package io.jenkins.plugins.iamjanitor.core.deletion;

import io.jenkins.plugins.iamjanitor.core.model.AccessKey;
import io.jenkins.plugins.iamjanitor.core.model.IamUser;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The date an approval is based on: the latest sign of life the approver was shown. It covers exactly the dates the
 * live re-check compares (password and every key, used or created, disabled ones included), so a user nobody touched
 * since the scan passes the re-check, and any later use or new credential keeps the user.
 */
public final class ApprovalEvidence {
    private ApprovalEvidence() {
    }

    /** @param lastActivity the verdict's last activity (may be null); never later than what the scan saw */
    public static Instant lastSignOfLife(IamUser user, Instant lastActivity) {
        List<Instant> dates = new ArrayList<>();
        dates.add(lastActivity);
        if (user.password() != null) {
            dates.add(user.password().lastUsed());
            dates.add(user.password().created());
        }
        for (AccessKey key : user.accessKeys()) {
            dates.add(key.lastUsed());
            dates.add(key.created());
        }
        return dates.stream().filter(Objects::nonNull).max(Comparator.naturalOrder()).orElse(null);
    }
}
