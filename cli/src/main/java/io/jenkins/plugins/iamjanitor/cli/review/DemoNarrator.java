package io.jenkins.plugins.iamjanitor.cli.review;

import io.jenkins.plugins.iamjanitor.core.approval.Decision;
import io.jenkins.plugins.iamjanitor.core.approval.UserDecision;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionResult;
import io.jenkins.plugins.iamjanitor.core.policy.Outcome;
import io.jenkins.plugins.iamjanitor.core.review.EvidenceSummary;
import io.jenkins.plugins.iamjanitor.core.review.ReviewObserver;
import io.jenkins.plugins.iamjanitor.core.review.ReviewRecord;
import java.io.PrintWriter;
import java.util.List;
import java.util.stream.Collectors;

/** Tells a newcomer what each stage of the demo review just did, from the record it saved. */
public final class DemoNarrator implements ReviewObserver {
    private final PrintWriter out;
    private final String doneStatus;

    public DemoNarrator(PrintWriter out, String doneStatus) {
        this.out = out;
        this.doneStatus = doneStatus;
    }

    @Override
    public void stageCompleted(ReviewRecord r) {
        switch (r.stage()) {
            case SCANNED -> step("1/7 Scan", "Listed every IAM user (credential report + ListUsers, through the real AWS"
                    + " SDK against the IAM emulator) and applied the inactivity policy: " + r.scan().usersScanned()
                    + " users = " + r.candidates().size() + " inactive + " + r.scan().count(Outcome.UNKNOWN_ACTIVITY)
                    + " unknown activity + " + r.scan().count(Outcome.GRACE_PERIOD) + " in their grace period + "
                    + r.scan().count(Outcome.EXEMPT) + " exempt + " + r.scan().count(Outcome.ACTIVE) + " active (the"
                    + " lines above show why, per credential).", List.of("inactive: " + r.candidates().stream().map(v -> v.user().userName())
                    .collect(Collectors.joining(", "))));
            case APPROVAL_REQUESTED -> step("2/7 Ask", "Posted the " + r.candidates().size() + " inactive users to Slack ("
                    + r.approvalHandle().channel() + ", " + r.approvalHandle().messageIds().size() + " message(s) with"
                    + " approve/keep buttons). The scenario's scripted approver clicks them now, delivered over Socket"
                    + " Mode.", List.of());
            case APPROVAL_DECIDED -> step("2/7 Decided", r.approval().timedOut()
                    ? "The request timed out: undecided users are not approved." : "Every user has a decision.",
                    r.approval().decisions().stream().map(DemoNarrator::decision).toList());
            case TICKET_OPENED -> step("3/7 Ticket", (r.ticket().created() ? "Opened " : "Reused the open ticket ")
                    + r.ticket().key() + (r.ticket().url() == null ? "" : " (" + r.ticket().url() + ")")
                    + " with the users table and the approval record.", List.of());
            case EVIDENCE_ADDED -> step("4/7 Evidence", "Looked up the approved users' CloudTrail events (by user name"
                    + " and access key id, at the 2 requests/s limit) and commented the highlights on "
                    + r.ticket().key() + ".", r.evidence().stream().map(DemoNarrator::evidence).toList());
            case CONFIRMED -> step("5/7 Confirm", (r.gate().proceed() ? "Confirmed" : "Stopped") + " by "
                    + r.gate().by() + ".", List.of());
            case DELETED -> step("5/7 Delete", r.dryRun() ? "Dry run: planned each approved user's teardown, changed"
                    + " nothing." : "Each approved user: live re-check, JSON backup, every dependent, then the user.",
                    r.deletions().stream().map(DemoNarrator::deletion).toList());
            case OUTCOME_COMMENTED -> step("6/7 Outcome", "Commented the outcome on " + r.ticket().key() + ".",
                    List.of());
            case TICKET_TRANSITIONED -> step("6/7 Close", r.notes().stream().anyMatch(n -> n.contains("left open"))
                    ? "Left " + r.ticket().key() + " open (see the notes)." : "Moved " + r.ticket().key() + " to "
                    + doneStatus + ".",
                    List.of());
            case REPORTED -> step("7/7 Reports", "Wrote the JSON, Markdown and HTML reports.", r.reports());
            default -> { }
        }
    }

    private void step(String title, String text, List<String> details) {
        out.println();
        out.println("== " + title + " ==");
        out.println(text);
        details.forEach(d -> out.println("   - " + d));
        out.flush();
    }

    private static String decision(UserDecision d) {
        return d.userName() + ": " + (d.decision() == Decision.APPROVE ? "approved" : "kept") + " by "
                + d.approverName() + " via " + d.channel();
    }

    private static String evidence(EvidenceSummary e) {
        return e.userName() + ": " + (e.totalEvents() == 0 ? "no events in the window" : e.totalEvents()
                + " event(s), " + e.countsBySource().entrySet().stream().map(x -> x.getKey() + " " + x.getValue())
                .collect(Collectors.joining(", ")));
    }

    private static String deletion(DeletionResult d) {
        return d.userName() + ": " + d.status() + (d.reason() == null ? "" : " (" + d.reason() + ")")
                + (d.backupFile() == null ? "" : ", backup " + d.backupFile());
    }
}
