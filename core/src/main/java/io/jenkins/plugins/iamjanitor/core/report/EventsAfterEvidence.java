package io.jenkins.plugins.iamjanitor.core.report;

import io.jenkins.plugins.iamjanitor.core.activity.ActivityEvent;
import io.jenkins.plugins.iamjanitor.core.deletion.ApprovalEvidence;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionStatus;
import io.jenkins.plugins.iamjanitor.core.policy.Verdict;
import io.jenkins.plugins.iamjanitor.core.review.EvidenceSummary;
import io.jenkins.plugins.iamjanitor.core.review.ReviewRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * For every stored CloudTrail event newer than the evidence an approval was based on: did it keep the user, and why.
 * The judgement is the workflow's own ({@link EvidenceSummary#succeeded}), so the report cannot tell a different story
 * from what happened.
 */
public final class EventsAfterEvidence {

    /**
     * @param keptUser whether this event is a reason the user was (or, before deletion, will be) kept
     * @param why      for people, e.g. "failed sign-in: does not count as activity"
     */
    public record Note(String userName, Instant eventTime, String eventName, String eventSource, boolean keptUser,
            String why) {
    }

    private EventsAfterEvidence() {
    }

    public static List<Note> of(ReviewRecord r) {
        List<Note> notes = new ArrayList<>();
        if (r.evidence() == null) {
            return notes;
        }
        for (EvidenceSummary e : r.evidence()) {
            notes.addAll(of(r, e));
        }
        return notes;
    }

    /** The notes of one user's evidence, newest first. */
    public static List<Note> of(ReviewRecord r, EvidenceSummary e) {
        Verdict v = r.candidate(e.userName()).orElse(null);
        if (v == null || e.eventsAfterEvidence() == 0) {
            return List.of();
        }
        Instant evidence = ApprovalEvidence.lastSignOfLife(v.user(), v.lastActivity());
        boolean kept = r.deletionFor(e.userName()).map(x -> x.status() == DeletionStatus.KEPT).orElse(true);
        List<Note> notes = new ArrayList<>();
        for (ActivityEvent ev : e.recent()) {
            if (ev.eventTime() == null || (evidence != null && !ev.eventTime().isAfter(evidence))) {
                continue;
            }
            notes.add(new Note(e.userName(), ev.eventTime(), ev.eventName(), ev.eventSource(),
                    EvidenceSummary.succeeded(ev) && kept, why(ev, kept)));
        }
        return notes;
    }

    private static String why(ActivityEvent ev, boolean kept) {
        if ("Failure".equalsIgnoreCase(ev.consoleLoginResult())) {
            return "failed sign-in: does not count as activity (it proves no access), so it did not keep the user";
        }
        if (ev.errorCode() != null) {
            return "failed call (" + ev.errorCode() + "): does not count as activity, so it did not keep the user";
        }
        return kept ? "the credentials worked after the evidence the approval was based on: kept the user"
                : "the credentials worked after the evidence; the user was not kept (see the deletion result)";
    }
}
