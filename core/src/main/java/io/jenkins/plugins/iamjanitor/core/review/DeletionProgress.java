package io.jenkins.plugins.iamjanitor.core.review;

import io.jenkins.plugins.iamjanitor.core.port.ProgressListener;
import java.util.regex.Pattern;

/**
 * The review hands approved users to the deleter one at a time (so the record is saved after each), and the deleter
 * numbers its lines per call: "[1/1] alice: ...", each call opening with its own "Deleting: 1 approved user(s), cap
 * 10 per run". This renumbers those lines over all the approved users ("[3/8] alice: ...") and drops the per-call
 * opening line; the review says the cap once, before the first user.
 */
final class DeletionProgress {
    private static final Pattern PER_CALL_COUNTER = Pattern.compile("^\\[1/1] ");
    private static final Pattern PER_CALL_OPENING =
            Pattern.compile("^(Deleting|Dry run \\(nothing will change\\)): 1 approved user\\(s\\), cap \\d+ per run$");

    private DeletionProgress() {
    }

    /** The opening line: how many approved users, the mode, the cap. */
    static String opening(int approved, boolean dryRun, int cap, long countedAlready) {
        return (dryRun ? "Planning the deletion of " : "Deleting ") + approved + " approved user(s)"
                + (dryRun ? " (dry run: nothing will change)" : "") + "; cap " + cap + " deletion(s) per review"
                + (countedAlready > 0 ? ", " + countedAlready + " already counted" : "") + ".";
    }

    /** The listener for the lines about user {@code k} of {@code n}: each gets the counter "[k/n] ". */
    static ProgressListener forUser(ProgressListener progress, int k, int n) {
        String counter = "[" + k + "/" + n + "] ";
        return line -> {
            if (PER_CALL_OPENING.matcher(line).matches()) {
                return;
            }
            var numbered = PER_CALL_COUNTER.matcher(line);
            progress.progress(numbered.lookingAt() ? numbered.replaceFirst(counter) : counter + line);
        };
    }
}
