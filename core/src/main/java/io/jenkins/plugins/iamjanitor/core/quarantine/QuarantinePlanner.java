package io.jenkins.plugins.iamjanitor.core.quarantine;

import static io.jenkins.plugins.iamjanitor.core.quarantine.QuarantineMarks.DENY_POLICY_NAME;
import static io.jenkins.plugins.iamjanitor.core.quarantine.QuarantineMarks.QUARANTINED_AT_TAG;
import static io.jenkins.plugins.iamjanitor.core.quarantine.QuarantineMarks.REVIEW_TAG;

import io.jenkins.plugins.iamjanitor.core.deletion.UserSnapshot;
import io.jenkins.plugins.iamjanitor.core.model.AccessKey;
import io.jenkins.plugins.iamjanitor.core.model.CredentialStatus;
import io.jenkins.plugins.iamjanitor.core.model.Tag;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The calls that quarantine a user, and those that release it, computed from the user's current state: whatever is
 * already done is left out, so a re-run after a crash makes only the missing calls.
 */
public final class QuarantinePlanner {
    private QuarantinePlanner() {
    }

    /** @param since the quarantine date written to the tag (an existing tag keeps its date) */
    public static List<QuarantineStep> quarantine(UserSnapshot s, String reviewId, Instant since) {
        String user = s.userName();
        List<QuarantineStep> steps = new ArrayList<>();
        if (!QuarantineMarks.isDenyAll(s.inlinePolicies().get(DENY_POLICY_NAME))) {
            steps.add(new QuarantineStep(QuarantineAction.PUT_DENY_POLICY, user, DENY_POLICY_NAME,
                    QuarantineMarks.DENY_ALL_DOCUMENT));
        }
        for (AccessKey key : s.accessKeys()) {
            if (key.status() == CredentialStatus.ACTIVE) {
                steps.add(new QuarantineStep(QuarantineAction.DEACTIVATE_ACCESS_KEY, user, key.accessKeyId(), null));
            }
        }
        if (s.loginProfile()) {
            steps.add(new QuarantineStep(QuarantineAction.DELETE_LOGIN_PROFILE, user, null, null));
        }
        if (tag(s, QUARANTINED_AT_TAG).isEmpty()) {
            steps.add(new QuarantineStep(QuarantineAction.TAG_USER, user, QUARANTINED_AT_TAG, tagValue(since)));
        }
        if (!tag(s, REVIEW_TAG).equals(Optional.ofNullable(reviewId))) {
            steps.add(new QuarantineStep(QuarantineAction.TAG_USER, user, REVIEW_TAG, reviewId));
        }
        return List.copyOf(steps);
    }

    /**
     * Undoes a quarantine from the backup taken before it: reactivates the keys that were active then (and still
     * exist), removes the deny policy and the tags. The password cannot come back: AWS never reveals it.
     */
    public static List<QuarantineStep> release(UserSnapshot original, UserSnapshot now) {
        String user = now.userName();
        List<QuarantineStep> steps = new ArrayList<>();
        for (AccessKey before : original.accessKeys()) {
            if (before.status() != CredentialStatus.ACTIVE) {
                continue;
            }
            now.accessKeys().stream()
                    .filter(k -> k.accessKeyId().equals(before.accessKeyId()) && k.status() != CredentialStatus.ACTIVE)
                    .findFirst()
                    .ifPresent(k -> steps.add(new QuarantineStep(QuarantineAction.ACTIVATE_ACCESS_KEY, user,
                            k.accessKeyId(), null)));
        }
        // Only our own policy: a deny someone else attached under the same name is not ours to remove silently.
        if (now.inlinePolicies().containsKey(DENY_POLICY_NAME)
                && !original.inlinePolicies().containsKey(DENY_POLICY_NAME)) {
            steps.add(new QuarantineStep(QuarantineAction.DELETE_DENY_POLICY, user, DENY_POLICY_NAME, null));
        }
        for (String key : List.of(QUARANTINED_AT_TAG, REVIEW_TAG)) {
            if (tag(now, key).isPresent() && tag(original, key).isEmpty()) {
                steps.add(new QuarantineStep(QuarantineAction.UNTAG_USER, user, key, null));
            }
        }
        return List.copyOf(steps);
    }

    /** The tag value of a quarantine date: ISO-8601 UTC to the second, e.g. 2026-11-29T13:40:00Z. */
    public static String tagValue(Instant since) {
        return since.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    public static Optional<String> tag(UserSnapshot s, String key) {
        return s.tags().stream().filter(t -> t.key().equals(key)).map(Tag::value).findFirst();
    }
}
