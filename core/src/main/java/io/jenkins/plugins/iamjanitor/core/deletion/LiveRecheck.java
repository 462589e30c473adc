package io.jenkins.plugins.iamjanitor.core.deletion;

import io.jenkins.plugins.iamjanitor.core.model.AccessKey;
import io.jenkins.plugins.iamjanitor.core.model.ConsolePassword;
import io.jenkins.plugins.iamjanitor.core.model.IamUser;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The last guard before anything is destroyed: did the password or any access key show life after the evidence the
 * approver saw? Disabled credentials are checked too: a key used yesterday and deactivated since is still a sign
 * someone depends on the user.
 */
final class LiveRecheck {
    private LiveRecheck() {
    }

    /** One dated sign that someone uses the user, e.g. "access key AKIA... used" at a time, " (s3 in us-east-1)". */
    record Sign(String what, Instant date, String detail) {
    }

    /**
     * Every dated sign of life the re-check compares, in the order it reports them. {@link ApprovalEvidence} takes
     * the newest of the same list, so approval and re-check can never disagree on what counts.
     */
    static List<Sign> signsOfLife(IamUser user) {
        List<Sign> signs = new ArrayList<>();
        ConsolePassword password = user.password();
        if (password != null) {
            add(signs, "console password used", password.lastUsed(), "");
            if (password.enabled()) {
                add(signs, "console password set", password.created(), "");
            }
        }
        for (AccessKey key : user.accessKeys()) {
            String where = key.lastUsedService() == null ? "" : " (" + key.lastUsedService()
                    + (key.lastUsedRegion() == null ? "" : " in " + key.lastUsedRegion()) + ")";
            add(signs, "access key " + key.label() + " used", key.lastUsed(), where);
            add(signs, "access key " + key.label() + " created", key.created(), "");
        }
        return signs;
    }

    /** Why the user must be kept, or empty when nothing happened after {@code evidence} (null: no activity ever). */
    static Optional<String> activitySince(IamUser live, Instant evidence) {
        String since = evidence == null ? "the approval was based on no activity at all"
                : "the approval was based on last activity " + evidence.truncatedTo(ChronoUnit.SECONDS);
        return signsOfLife(live).stream()
                .filter(sign -> after(sign.date(), evidence))
                .findFirst()
                .map(sign -> sign.what() + " " + date(sign.date()) + sign.detail() + "; " + since);
    }

    private static void add(List<Sign> signs, String what, Instant date, String detail) {
        if (date != null) {
            signs.add(new Sign(what, date, detail));
        }
    }

    private static boolean after(Instant date, Instant evidence) {
        return date != null && (evidence == null || date.isAfter(evidence));
    }

    private static String date(Instant date) {
        return date.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
