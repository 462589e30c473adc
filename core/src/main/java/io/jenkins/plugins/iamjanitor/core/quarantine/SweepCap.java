package io.jenkins.plugins.iamjanitor.core.quarantine;

import io.jenkins.plugins.iamjanitor.core.approval.ApprovalRecord;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionResult;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionStatus;
import io.jenkins.plugins.iamjanitor.core.port.ProgressListener;
import io.jenkins.plugins.iamjanitor.core.review.ReviewPorts;
import java.util.ArrayList;
import java.util.List;

/**
 * The per-run cap of a quarantine sweep. {@link QuarantineSweep} hands the deleter one user at a time, so the
 * deleter's own per-call cap never counts past one; this counts every attempt of the whole sweep (across the
 * deleters of several AWS targets too) and skips the rest once the cap is reached, for the next sweep to continue.
 */
public final class SweepCap {
    private final int max;
    private int attempted;
    private final List<String> planned = new ArrayList<>();

    public SweepCap(int max) {
        if (max < 0) {
            throw new IllegalArgumentException("the sweep's cap must not be negative: " + max);
        }
        this.max = max;
    }

    /** The deleter, counted against this cap; every deleter of one sweep shares the same count. */
    public ReviewPorts.Deletion around(ReviewPorts.Deletion delegate) {
        return (approvals, progress) -> delete(delegate, approvals, progress);
    }

    private synchronized List<DeletionResult> delete(ReviewPorts.Deletion delegate, List<ApprovalRecord> approvals,
            ProgressListener progress) {
        List<DeletionResult> out = new ArrayList<>();
        for (ApprovalRecord a : approvals) {
            if (attempted >= max) {
                out.add(new DeletionResult(a.userName(), DeletionStatus.SKIPPED, "the cap of " + max
                        + " deletions per sweep was reached; the next sweep continues", null, List.of()));
                continue;
            }
            for (DeletionResult r : delegate.delete(List.of(a), progress)) {
                // A failure counts too: the calls it made may have changed the user.
                if (r.status() == DeletionStatus.DELETED || r.status() == DeletionStatus.PLANNED
                        || r.status() == DeletionStatus.FAILED) {
                    attempted++;
                }
                if (r.status() == DeletionStatus.PLANNED) {
                    planned.add(r.userName());
                }
                out.add(r);
            }
        }
        return out;
    }

    /** The users a dry-run sweep would have deleted, in order. */
    public synchronized List<String> planned() {
        return List.copyOf(planned);
    }
}
