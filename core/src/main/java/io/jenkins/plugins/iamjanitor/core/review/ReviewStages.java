package io.jenkins.plugins.iamjanitor.core.review;

import io.jenkins.plugins.iamjanitor.core.activity.ActivityEvent;
import io.jenkins.plugins.iamjanitor.core.activity.ActivityLookup;
import io.jenkins.plugins.iamjanitor.core.activity.ActivityQuery;
import io.jenkins.plugins.iamjanitor.core.approval.ApprovalRecord;
import io.jenkins.plugins.iamjanitor.core.approval.UserDecision;
import io.jenkins.plugins.iamjanitor.core.deletion.ApprovalEvidence;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionResult;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionStatus;
import io.jenkins.plugins.iamjanitor.core.policy.Verdict;
import io.jenkins.plugins.iamjanitor.core.port.AccessKeyIds;
import io.jenkins.plugins.iamjanitor.core.port.ActivityLog;
import io.jenkins.plugins.iamjanitor.core.port.ProgressListener;
import io.jenkins.plugins.iamjanitor.core.port.TicketTracker;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The rules of the review's later stages, shared by {@link ReviewWorkflow} (the CLI) and the Jenkins steps, so the two
 * entry points cannot drift apart: the CloudTrail evidence, the keep-on-recent-use rule, the per-review cap, the
 * approval a deletion is based on, and the outcome comment and ticket transition.
 */
public final class ReviewStages {
    private ReviewStages() {
    }

    /**
     * CloudTrail highlights per user (by name and access key id), judged against the date each approval is based on.
     * {@code keyIds} supplies the ids of keys the scan knew by slot only (see {@link CloudTrailQueries}); it is
     * called for those users alone, and a failure to read them stops the stage (a {@code ServiceException}) rather
     * than checking CloudTrail without them.
     */
    public static List<EvidenceSummary> evidence(List<Verdict> users, AccessKeyIds keyIds, ActivityLog activity,
            Instant since, List<String> regions, ProgressListener progress) {
        List<EvidenceSummary> summaries = new ArrayList<>();
        if (users.isEmpty()) {
            return summaries;
        }
        List<ActivityQuery> queries = CloudTrailQueries.of(users, keyIds, since, regions, progress);
        List<ActivityLookup> lookups = activity.lookupAll(queries, progress);
        for (int i = 0; i < users.size(); i++) {
            Verdict v = users.get(i);
            summaries.add(EvidenceSummary.of(lookups.get(i), since,
                    ApprovalEvidence.lastSignOfLife(v.user(), v.lastActivity())));
        }
        return summaries;
    }

    /**
     * KEPT when CloudTrail saw the user's credentials succeed after the evidence the approval was based on (IAM's
     * last-used data lags by hours); a failed sign-in does not count. Empty: the rule does not keep the user.
     */
    public static Optional<DeletionResult> keptByCloudTrail(ReviewRecord record, String userName) {
        return record.evidenceFor(userName).map(EvidenceSummary::useAfterEvidence).map(e -> kept(userName, e));
    }

    private static DeletionResult kept(String userName, ActivityEvent e) {
        return new DeletionResult(userName, DeletionStatus.KEPT, "CloudTrail shows " + e.eventName() + " ("
                + e.eventSource() + ") at " + e.eventTime() + ", after the evidence the approval was based on; review"
                + " the user again", null, List.of());
    }

    /** SKIPPED when the review already deleted (or planned) as many users as the cap allows. */
    public static Optional<DeletionResult> overCap(ReviewRecord record, String userName, int maxDeletions) {
        if (record.deletionsCountingAgainstCap() < maxDeletions) {
            return Optional.empty();
        }
        return Optional.of(new DeletionResult(userName, DeletionStatus.SKIPPED,
                "the cap of " + maxDeletions + " deletions per review was reached", null, List.of()));
    }

    /** The approval that authorises deleting one approved candidate: the recorded decision and the scan's evidence. */
    public static ApprovalRecord approval(ReviewRecord record, UserDecision d) {
        Verdict v = record.candidate(d.userName()).orElseThrow(() -> new IllegalArgumentException(
                d.userName() + " is not a candidate of review " + record.reviewId()));
        return new ApprovalRecord(d.userName(), d.approverId(), d.approverName(), d.decidedAt(), d.channel(),
                record.ticket() == null ? null : record.ticket().key(),
                ApprovalEvidence.lastSignOfLife(v.user(), v.lastActivity()));
    }

    /**
     * Comments the outcome on the review's ticket, then moves it to {@code doneStatus} when every approved user was
     * handled as planned (otherwise notes why it stays open). Each step is saved before the next, and a step the
     * record shows as done is not repeated.
     */
    public static ReviewRecord closeTicket(ReviewRecord record, TicketTracker tickets, String doneStatus,
            Consumer<ReviewRecord> save, ProgressListener progress, Supplier<Instant> now) {
        ReviewRecord r = record;
        String key = r.ticket().key();
        if (!r.stage().reached(ReviewStage.OUTCOME_COMMENTED)) {
            tickets.comment(key, ReviewDocuments.outcome(r));
            r = r.atStage(ReviewStage.OUTCOME_COMMENTED, now.get());
            save.accept(r);
            progress.progress("Commented the outcome on " + key + ".");
        }
        if (r.stage().reached(ReviewStage.TICKET_TRANSITIONED)) {
            return r;
        }
        String why = r.whyTicketStaysOpen();
        if (why == null) {
            tickets.transition(key, doneStatus);
            progress.progress("Moved " + key + " to " + doneStatus + ".");
        } else {
            r = r.withNote("Ticket " + key + " left open: " + why + ".", now.get());
            progress.progress("Left " + key + " open: " + why + ".");
        }
        r = r.atStage(ReviewStage.TICKET_TRANSITIONED, now.get());
        save.accept(r);
        return r;
    }
}
