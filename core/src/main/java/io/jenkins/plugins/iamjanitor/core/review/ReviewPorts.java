package io.jenkins.plugins.iamjanitor.core.review;

import io.jenkins.plugins.iamjanitor.core.approval.ApprovalRecord;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionIntent;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionResult;
import io.jenkins.plugins.iamjanitor.core.deletion.UserDeleter;
import io.jenkins.plugins.iamjanitor.core.port.AccessKeyIds;
import io.jenkins.plugins.iamjanitor.core.port.ActivityLog;
import io.jenkins.plugins.iamjanitor.core.port.ApprovalChannel;
import io.jenkins.plugins.iamjanitor.core.port.ProgressListener;
import io.jenkins.plugins.iamjanitor.core.port.ReportStore;
import io.jenkins.plugins.iamjanitor.core.port.ReviewStore;
import io.jenkins.plugins.iamjanitor.core.port.TicketTracker;
import io.jenkins.plugins.iamjanitor.core.scan.InactivityScanner;
import io.jenkins.plugins.iamjanitor.core.scan.ScanResult;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The services a review drives. Scanning and deleting are taken as capabilities so that the workflow does not care
 * how they are assembled; in production they are {@link InactivityScanner#scan} and {@link UserDeleter#delete}
 * (see {@link #of}), and the deleter must be built with the review's deletion settings. {@code keyIds} reads the
 * access key ids the CloudTrail stage needs and the scan did not read (usually the scanned directory's
 * {@link io.jenkins.plugins.iamjanitor.core.port.IamDirectory#accessKeyIds}).
 */
public record ReviewPorts(
        Scan scan,
        ApprovalChannel approvals,
        TicketTracker tickets,
        ActivityLog activity,
        Deletion deleter,
        ReviewStore store,
        ReportStore reports,
        AccessKeyIds keyIds) {
    public ReviewPorts {
        Objects.requireNonNull(scan, "scan");
        Objects.requireNonNull(approvals, "approvals");
        Objects.requireNonNull(tickets, "tickets");
        Objects.requireNonNull(activity, "activity");
        Objects.requireNonNull(deleter, "deleter");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(reports, "reports");
        Objects.requireNonNull(keyIds, "keyIds");
    }

    public static ReviewPorts of(InactivityScanner scanner, ApprovalChannel approvals, TicketTracker tickets,
            ActivityLog activity, UserDeleter deleter, ReviewStore store, ReportStore reports, AccessKeyIds keyIds) {
        return new ReviewPorts(scanner::scan, approvals, tickets, activity, deletion(deleter), store, reports, keyIds);
    }

    /**
     * The deleter as a port with all of it: intents and the resume check too. A method reference ({@code
     * deleter::delete}) would keep only the two-argument delete and silently lose the intents that hold the cap across
     * crashes.
     */
    public static Deletion deletion(UserDeleter deleter) {
        return new Deletion() {
            @Override
            public List<DeletionResult> delete(List<ApprovalRecord> approved, ProgressListener progress) {
                return deleter.delete(approved, progress);
            }

            @Override
            public List<DeletionResult> delete(List<ApprovalRecord> approved, ProgressListener progress,
                    DeletionIntent.Listener intents) {
                return deleter.delete(approved, progress, intents);
            }

            @Override
            public Optional<DeletionResult> finishedBefore(DeletionIntent intent) {
                return deleter.finishedBefore(intent);
            }
        };
    }

    @FunctionalInterface
    public interface Scan {
        ScanResult scan(ProgressListener progress);
    }

    /** Deletes approved users safely; one result per approval, in order (see {@link UserDeleter#delete}). */
    @FunctionalInterface
    public interface Deletion {
        List<DeletionResult> delete(List<ApprovalRecord> approvals, ProgressListener progress);

        /** Tells {@code intents} before each user's first destructive call (see {@link UserDeleter}). */
        default List<DeletionResult> delete(List<ApprovalRecord> approvals, ProgressListener progress,
                DeletionIntent.Listener intents) {
            return delete(approvals, progress);
        }

        /** See {@link UserDeleter#finishedBefore}; empty: run the deletion normally. */
        default Optional<DeletionResult> finishedBefore(DeletionIntent intent) {
            return Optional.empty();
        }
    }
}
