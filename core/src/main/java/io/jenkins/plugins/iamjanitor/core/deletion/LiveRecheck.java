package io.jenkins.plugins.iamjanitor.core.deletion;

import io.jenkins.plugins.iamjanitor.core.model.AccessKey;
import io.jenkins.plugins.iamjanitor.core.model.ConsolePassword;
import io.jenkins.plugins.iamjanitor.core.model.IamUser;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The last guard before anything is destroyed: did the password or any access key show life after the evidence the
 * approver saw? Disabled credentials are checked too: a key used yesterday and deactivated since is still a sign
 * someone depends on the user.
 */
final class LiveRecheck {
    private LiveRecheck() {
    }

    /** Why the user must be kept, or empty when nothing happened after {@code evidence} (null: no activity ever). */
    static Optional<String> activitySince(IamUser live, Instant evidence) {
        String since = evidence == null ? "the approval was based on no activity at all"
                : "the approval was based on last activity " + evidence.truncatedTo(ChronoUnit.SECONDS);
        ConsolePassword password = live.password();
        if (password != null) {
            if (after(password.lastUsed(), evidence)) {
                return Optional.of("console password used " + date(password.lastUsed()) + "; " + since);
            }
            if (password.enabled() && after(password.created(), evidence)) {
                return Optional.of("console password set " + date(password.created()) + "; " + since);
            }
        }
        for (AccessKey key : live.accessKeys()) {
            if (after(key.lastUsed(), evidence)) {
                String where = key.lastUsedService() == null ? "" : " (" + key.lastUsedService()
                        + (key.lastUsedRegion() == null ? "" : " in " + key.lastUsedRegion()) + ")";
                return Optional.of("access key " + key.label() + " used " + date(key.lastUsed()) + where + "; "
                        + since);
            }
            if (after(key.created(), evidence)) {
                return Optional.of("access key " + key.label() + " created " + date(key.created()) + "; " + since);
            }
        }
        return Optional.empty();
    }

    private static boolean after(Instant date, Instant evidence) {
        return date != null && (evidence == null || date.isAfter(evidence));
    }

    private static String date(Instant date) {
        return date.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
