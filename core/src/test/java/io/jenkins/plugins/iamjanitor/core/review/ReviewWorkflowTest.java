package io.jenkins.plugins.iamjanitor.core.review;

import static io.jenkins.plugins.iamjanitor.core.review.ReviewFakes.NOW;
import static io.jenkins.plugins.iamjanitor.core.review.ReviewFakes.decide;
import static io.jenkins.plugins.iamjanitor.core.review.ReviewFakes.verdict;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.iamjanitor.core.activity.ActivityEvent;
import io.jenkins.plugins.iamjanitor.core.approval.ApprovalRecord;
import io.jenkins.plugins.iamjanitor.core.approval.Decision;
import io.jenkins.plugins.iamjanitor.core.approval.UserDecision;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionResult;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionSettings;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionStatus;
import io.jenkins.plugins.iamjanitor.core.policy.Outcome;
import io.jenkins.plugins.iamjanitor.core.port.ProgressListener;
import io.jenkins.plugins.iamjanitor.core.report.MarkdownRenderer;
import io.jenkins.plugins.iamjanitor.core.scan.ScanResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ReviewWorkflowTest {
    private final ScanResult scan = ReviewFakes.scan(
            verdict("alice", Outcome.INACTIVE, 45), verdict("bob", Outcome.INACTIVE, 60),
            verdict("carol", Outcome.INACTIVE, 90), verdict("dave", Outcome.ACTIVE, 2),
            verdict("svc-ci", Outcome.EXEMPT, 100));
    private final ReviewFakes.Store store = new ReviewFakes.Store();
    private final ReviewFakes.Reports reports = new ReviewFakes.Reports();
    private final List<String> progress = new ArrayList<>();
    private ReviewFakes.Approvals approvals = new ReviewFakes.Approvals(List.of(
            decide("alice", Decision.APPROVE), decide("bob", Decision.KEEP), decide("carol", Decision.APPROVE)),
            false);
    private ReviewFakes.Tickets tickets = new ReviewFakes.Tickets();
    private ReviewFakes.Activity activity = new ReviewFakes.Activity();
    private ReviewFakes.Deleter deleter = new ReviewFakes.Deleter(false);
    private final ReviewFakes.KeyIds keyIds = new ReviewFakes.KeyIds();
    private int scans;

    private ReviewWorkflow workflow(boolean dryRun, int cap, ConfirmationGate gate) {
        ReviewPorts ports = new ReviewPorts(p -> {
            scans++;
            return scan;
        }, approvals, tickets, activity, deleter, store, reports, keyIds);
        ReviewSettings settings = new ReviewSettings(null, "123456789012", "#iam-review", List.of("U123"),
                Duration.ofMinutes(5), null, null, List.of("us-east-1", "eu-west-1"), null, null, "Done",
                new DeletionSettings(dryRun, cap));
        return new ReviewWorkflow(ports, settings, gate, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private ReviewRecord run(ReviewWorkflow w) {
        return w.run((ProgressListener) progress::add, ReviewObserver.NONE);
    }

    @Test
    void approvedUsersAreDeletedKeptUsersUntouchedAndTheTicketIsClosed() {
        ReviewRecord r = run(workflow(false, 10, null));

        assertThat(r.status()).isEqualTo(ReviewStatus.COMPLETED);
        assertThat(approvals.posted).singleElement()
                .satisfies(req -> assertThat(req.candidates()).extracting(v -> v.user().userName())
                        .containsExactly("alice", "bob", "carol"));
        assertThat(tickets.created).hasSize(1);
        assertThat(tickets.created.get("SEC-1").userNames()).containsExactly("alice", "bob", "carol");
        assertThat(tickets.created.get("SEC-1").labels()).contains("iam-janitor", "123456789012");
        assertThat(MarkdownRenderer.render(tickets.created.get("SEC-1").description()))
                .contains("| alice | APPROVE | Alice Approver (U123) |", "| bob | KEEP | Alice Approver (U123) |");
        // CloudTrail for the approved users only, by user name and key id, in the configured regions.
        assertThat(activity.queries).extracting(q -> q.userName()).containsExactly("alice", "carol");
        assertThat(activity.queries.get(0).accessKeyIds()).containsExactly("AKIAALICE");
        assertThat(activity.queries.get(0).regions()).containsExactly("us-east-1", "eu-west-1");
        assertThat(activity.queries.get(0).since()).isEqualTo(NOW.minus(Duration.ofDays(90)));

        assertThat(deleter.calls).extracting(ApprovalRecord::userName).containsExactly("alice", "carol");
        ApprovalRecord alice = deleter.calls.get(0);
        assertThat(alice.approverId()).isEqualTo("U123");
        assertThat(alice.channel()).isEqualTo("slack:C42");
        assertThat(alice.ticketKey()).isEqualTo("SEC-1");
        assertThat(alice.evidenceLastActivity()).isEqualTo(NOW.minus(Duration.ofDays(45)));

        assertThat(tickets.comments).containsExactly("SEC-1", "SEC-1");
        assertThat(MarkdownRenderer.render(tickets.commentDocs.get(0))).contains("CloudTrail evidence", "ConsoleLogin");
        assertThat(MarkdownRenderer.render(tickets.commentDocs.get(1)))
                .contains("| alice | approve by Alice Approver | DELETED |", "| bob | keep by Alice Approver | not deleted |");
        assertThat(tickets.transitions).containsExactly("SEC-1->Done");
        assertThat(r.deletions()).extracting(DeletionResult::status)
                .containsExactly(DeletionStatus.DELETED, DeletionStatus.DELETED);
        assertThat(r.scan().usersScanned()).isEqualTo(5);
        assertThat(r.scan().exemptUsers()).containsExactly("svc-ci");
        assertThat(r.reports()).containsExactly("/reports/" + r.reviewId() + ".html");
        assertThat(reports.written).singleElement().satisfies(w -> assertThat(w.status()).isEqualTo(ReviewStatus.COMPLETED));
        assertThat(store.load(r.reviewId())).contains(r);
    }

    @Test
    void aUserCloudTrailSawWorkingAfterTheEvidenceIsKeptButAFailedSignInIsNoUse() {
        Instant afterEvidence = ReviewFakes.NOW.minus(Duration.ofDays(2));
        activity.extra.put("alice", List.of(new ActivityEvent("late", afterEvidence, "ListBuckets",
                "s3.amazonaws.com", "us-east-1", "203.0.113.5", "aws-cli", "AKIAALICE", null, "alice", null, null)));
        activity.extra.put("carol", List.of(new ActivityEvent("try", afterEvidence, "ConsoleLogin",
                "signin.amazonaws.com", "eu-west-1", "192.0.2.7", "Mozilla", null, null, "carol", "Failure", false)));

        ReviewRecord r = run(workflow(false, 10, null));

        assertThat(deleter.calls).extracting(ApprovalRecord::userName).containsExactly("carol");
        assertThat(r.deletionFor("alice")).hasValueSatisfying(d -> {
            assertThat(d.status()).isEqualTo(DeletionStatus.KEPT);
            assertThat(d.reason()).contains("CloudTrail shows ListBuckets", afterEvidence.toString());
        });
        assertThat(r.evidenceFor("carol").orElseThrow().eventsAfterEvidence()).isEqualTo(1);
    }

    @Test
    void aReviewStoppedAfterApprovalResumesWithoutAskingAgainOrOpeningASecondTicket() {
        ReviewObserver crashAfterApproval = rec -> {
            if (rec.stage() == ReviewStage.APPROVAL_DECIDED) {
                throw new IllegalStateException("simulated crash");
            }
        };
        ReviewWorkflow first = workflow(false, 10, null);
        assertThatThrownBy(() -> first.run(ProgressListener.NONE, crashAfterApproval))
                .hasMessage("simulated crash");
        ReviewRecord stopped = store.list().get(0);
        assertThat(stopped.status()).isEqualTo(ReviewStatus.IN_PROGRESS);
        assertThat(stopped.approval()).isNotNull();
        assertThat(tickets.created).isEmpty();
        assertThat(deleter.calls).isEmpty();

        // A new process: same store, fresh adapters that would happily ask and create again.
        approvals = new ReviewFakes.Approvals(List.of(), true);
        ReviewRecord r = run(workflow(false, 10, null));

        assertThat(r.reviewId()).isEqualTo(stopped.reviewId());
        assertThat(approvals.posted).isEmpty();
        assertThat(approvals.awaits).isZero();
        assertThat(scans).isEqualTo(1);
        assertThat(tickets.created).hasSize(1);
        assertThat(deleter.calls).extracting(ApprovalRecord::userName).containsExactly("alice", "carol");
        assertThat(tickets.transitions).containsExactly("SEC-1->Done");
        assertThat(r.status()).isEqualTo(ReviewStatus.COMPLETED);
        assertThat(progress).anyMatch(l -> l.startsWith("Resuming review " + r.reviewId()));
    }

    @Test
    void aReviewStoppedWhileWaitingWaitsAgainOnTheSameMessagesWithoutPostingAgain() {
        ReviewObserver crashAfterPost = rec -> {
            if (rec.stage() == ReviewStage.APPROVAL_REQUESTED) {
                throw new IllegalStateException("crash while waiting");
            }
        };
        assertThatThrownBy(() -> workflow(false, 10, null).run(ProgressListener.NONE, crashAfterPost))
                .hasMessage("crash while waiting");
        assertThat(approvals.awaits).isZero();

        ResumableApprovals resumable = new ResumableApprovals(List.of(decide("alice", Decision.APPROVE)));
        approvals = resumable;
        ReviewRecord r = run(workflow(false, 10, null));

        assertThat(resumable.posted).isEmpty();
        assertThat(resumable.resumed).containsExactly(r.approvalHandle().messageIds().get(0));
        assertThat(resumable.awaits).isEqualTo(1);
        assertThat(deleter.calls).extracting(ApprovalRecord::userName).containsExactly("alice");
    }

    /** A channel that, like Slack's, must be told about a request posted by an earlier process. */
    static final class ResumableApprovals extends ReviewFakes.Approvals implements ApprovalResumption {
        final List<String> resumed = new ArrayList<>();

        ResumableApprovals(List<UserDecision> decisions) {
            super(decisions, false);
        }

        @Override
        public void resume(io.jenkins.plugins.iamjanitor.core.approval.ApprovalRequest request,
                io.jenkins.plugins.iamjanitor.core.approval.ApprovalHandle handle) {
            assertThat(request.candidates()).hasSize(3);
            resumed.addAll(handle.messageIds());
        }
    }

    @Test
    void aCrashDuringDeletionNeverDeletesAUserTwice() {
        deleter.crashOn = "carol";
        assertThatThrownBy(() -> run(workflow(false, 10, null))).hasMessageContaining("simulated crash");
        assertThat(deleter.calls).extracting(ApprovalRecord::userName).containsExactly("alice");

        ReviewRecord r = run(workflow(false, 10, null));

        assertThat(deleter.calls).extracting(ApprovalRecord::userName).containsExactly("alice", "carol");
        assertThat(tickets.created).hasSize(1);
        assertThat(tickets.openCalls).isEqualTo(1);
        assertThat(approvals.posted).hasSize(1);
        assertThat(r.deletions()).extracting(DeletionResult::userName).containsExactly("alice", "carol");
    }

    @Test
    void aReRunWhileTheTicketCallFailedReusesTheSameTicket() {
        TicketsFailingOnce failing = new TicketsFailingOnce();
        tickets = failing;
        assertThatThrownBy(() -> run(workflow(false, 10, null))).hasMessageContaining("Jira down");
        ReviewRecord r = run(workflow(false, 10, null));
        assertThat(failing.created).hasSize(1);
        assertThat(approvals.posted).hasSize(1);
        assertThat(r.ticket().key()).isEqualTo("SEC-1");
    }

    @Test
    void dryRunRunsEveryStageButOnlyPlansAndLeavesTheTicketOpen() {
        deleter = new ReviewFakes.Deleter(true);
        ReviewRecord r = run(workflow(true, 10, null));

        assertThat(r.dryRun()).isTrue();
        assertThat(approvals.posted).hasSize(1);
        assertThat(tickets.created).hasSize(1);
        assertThat(r.deletions()).extracting(DeletionResult::status)
                .containsExactly(DeletionStatus.PLANNED, DeletionStatus.PLANNED);
        assertThat(tickets.transitions).isEmpty();
        assertThat(r.notes()).anyMatch(n -> n.contains("left open: dry run"));
        assertThat(MarkdownRenderer.render(tickets.commentDocs.get(1))).contains("Outcome (dry run)", "PLANNED");
    }

    @Test
    void undecidedUsersAfterATimeoutAreNotDeleted() {
        approvals = new ReviewFakes.Approvals(List.of(decide("carol", Decision.APPROVE)), true);
        ReviewRecord r = run(workflow(false, 10, null));

        assertThat(deleter.calls).extracting(ApprovalRecord::userName).containsExactly("carol");
        assertThat(r.notes()).anyMatch(n -> n.contains("timed out"));
        assertThat(MarkdownRenderer.render(tickets.created.get("SEC-1").description())).contains("timed out");
    }

    @Test
    void decisionsAboutUsersNotUnderReviewAreIgnored() {
        approvals = new ReviewFakes.Approvals(List.of(decide("dave", Decision.APPROVE),
                decide("svc-ci", Decision.APPROVE), decide("alice", Decision.APPROVE)), false);
        run(workflow(false, 10, null));
        assertThat(deleter.calls).extracting(ApprovalRecord::userName).containsExactly("alice");
    }

    @Test
    void theCapSkipsTheRestAndKeepsTheTicketOpen() {
        ReviewRecord r = run(workflow(false, 1, null));
        assertThat(deleter.calls).extracting(ApprovalRecord::userName).containsExactly("alice");
        assertThat(r.deletionFor("carol")).get().extracting(DeletionResult::status).isEqualTo(DeletionStatus.SKIPPED);
        assertThat(tickets.transitions).isEmpty();
    }

    @Test
    void aUserUsedSinceTheEvidenceIsReportedAndTheTicketStaysOpen() {
        deleter.usedSince = java.util.Set.of("carol");
        ReviewRecord r = run(workflow(false, 10, null));
        assertThat(r.deletionFor("carol")).get().extracting(DeletionResult::status).isEqualTo(DeletionStatus.KEPT);
        assertThat(tickets.transitions).isEmpty();
    }

    @Test
    void theSecondGateIsAskedOnceAndCanStopEverything() {
        AtomicInteger asked = new AtomicInteger();
        ConfirmationGate stop = rec -> {
            asked.incrementAndGet();
            assertThat(rec.ticket()).isNotNull();
            assertThat(rec.evidence()).hasSize(2);
            return new GateDecision(false, "jenkins-admin", NOW, "wait for the audit");
        };
        ReviewObserver crashAfterGate = rec -> {
            if (rec.stage() == ReviewStage.CONFIRMED) {
                throw new IllegalStateException("crash");
            }
        };
        assertThatThrownBy(() -> workflow(false, 10, stop).run(ProgressListener.NONE, crashAfterGate))
                .hasMessage("crash");
        ReviewRecord r = run(workflow(false, 10, stop));
        assertThat(asked).hasValue(1);
        assertThat(deleter.calls).isEmpty();
        assertThat(r.gate().proceed()).isFalse();
        assertThat(tickets.transitions).isEmpty();
        assertThat(MarkdownRenderer.render(tickets.commentDocs.get(1))).contains("Stopped at the confirmation gate");

        // A later review is a new one, with its own id, and asks again.
        assertThat(run(workflow(false, 10, stop)).reviewId()).isEqualTo(r.reviewId() + "-2");
        assertThat(asked).hasValue(2);
    }

    @Test
    void aConfirmedGateLetsTheDeletionsRun() {
        ReviewRecord r = run(workflow(false, 10, rec -> new GateDecision(true, "ops", NOW, null)));
        assertThat(r.gate().proceed()).isTrue();
        assertThat(deleter.calls).hasSize(2);
    }

    @Test
    void nothingInactiveMeansNoRequestNoTicketButAReport() {
        approvals = new ReviewFakes.Approvals(List.of(), false);
        ReviewPorts ports = new ReviewPorts(p -> ReviewFakes.scan(verdict("dave", Outcome.ACTIVE, 1)), approvals,
                tickets, activity, deleter, store, reports, keyIds);
        ReviewSettings settings = new ReviewSettings(null, "123456789012", "#c", List.of(), Duration.ofMinutes(1),
                null, null, null, null, null, null, null);
        ReviewRecord r = new ReviewWorkflow(ports, settings, null, Clock.fixed(NOW, ZoneOffset.UTC))
                .run(ProgressListener.NONE, ReviewObserver.NONE);
        assertThat(approvals.posted).isEmpty();
        assertThat(tickets.openCalls).isZero();
        assertThat(r.status()).isEqualTo(ReviewStatus.COMPLETED);
        assertThat(r.notes()).contains("No inactive users: nothing to review.");
        assertThat(reports.written).hasSize(1);
    }

    @Test
    void anUnfinishedReviewCannotBeResumedInTheOtherMode() {
        ReviewObserver crash = rec -> {
            if (rec.stage() == ReviewStage.SCANNED) {
                throw new IllegalStateException("stop");
            }
        };
        assertThatThrownBy(() -> workflow(true, 10, null).run(ProgressListener.NONE, crash)).hasMessage("stop");
        assertThatThrownBy(() -> run(workflow(false, 10, null)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("was started as a dry run");
        ReviewWorkflow w = workflow(false, 10, null);
        w.abandon(store.list().get(0), "operator asked for a new review");
        ReviewRecord fresh = run(w);
        assertThat(fresh.dryRun()).isFalse();
        assertThat(fresh.status()).isEqualTo(ReviewStatus.COMPLETED);
    }

    @Test
    void aFinishedReviewIsNotRunAgain() {
        ReviewRecord first = run(workflow(false, 10, null));
        ReviewSettings again = new ReviewSettings(first.reviewId(), "123456789012", "#c", List.of(),
                Duration.ofMinutes(1), null, null, null, null, null, null, new DeletionSettings(false, 10));
        ReviewPorts ports = new ReviewPorts(p -> scan, approvals, tickets, activity, deleter, store, reports, keyIds);
        ReviewRecord r = new ReviewWorkflow(ports, again, null, Clock.fixed(NOW, ZoneOffset.UTC))
                .run(ProgressListener.NONE, ReviewObserver.NONE);
        assertThat(r).isEqualTo(first);
        assertThat(approvals.posted).hasSize(1);
        assertThat(deleter.calls).hasSize(2);
    }

    @Test
    void aReviewOfAnotherAccountIsNeverResumedHere() {
        store.save(ReviewRecord.start("r-other", "999999999999", false, NOW));
        ReviewSettings named = new ReviewSettings("r-other", "123456789012", "#c", List.of("U123"),
                Duration.ofMinutes(1), null, null, null, null, null, null, new DeletionSettings(false, 10));
        ReviewPorts ports = new ReviewPorts(p -> {
            scans++;
            return scan;
        }, approvals, tickets, activity, deleter, store, reports, keyIds);
        assertThatThrownBy(() -> new ReviewWorkflow(ports, named, null, Clock.fixed(NOW, ZoneOffset.UTC))
                .run(ProgressListener.NONE, ReviewObserver.NONE))
                .hasMessage("review r-other belongs to account 999999999999, not to 123456789012");
        assertThat(approvals.posted).isEmpty();
        assertThat(scans).isZero();
    }

    /** Jira fails the first create after the approval came in. */
    static final class TicketsFailingOnce extends ReviewFakes.Tickets {
        private boolean failed;

        @Override
        public io.jenkins.plugins.iamjanitor.core.ticket.TicketRef openOrFind(
                io.jenkins.plugins.iamjanitor.core.ticket.ReviewTicket ticket) {
            if (!failed) {
                failed = true;
                throw new io.jenkins.plugins.iamjanitor.core.port.ServiceException("Jira", "createIssue", "503",
                        "Jira down");
            }
            return super.openOrFind(ticket);
        }
    }

    static List<String> names(List<UserDecision> ds) {
        return ds.stream().map(UserDecision::userName).toList();
    }

    @Test
    void deletionProgressCountsOverTheApprovedUsersAndTheCapIsSaidOnce() {
        approvals = new ReviewFakes.Approvals(List.of(decide("alice", Decision.APPROVE),
                decide("bob", Decision.APPROVE), decide("carol", Decision.APPROVE)), false);
        ReviewFakes.Deleter talking = new ReviewFakes.Deleter(false) {
            @Override
            public List<io.jenkins.plugins.iamjanitor.core.deletion.DeletionResult> delete(
                    List<io.jenkins.plugins.iamjanitor.core.approval.ApprovalRecord> approved,
                    ProgressListener p) {
                // What UserDeleter says on each single-user call.
                p.progress("Deleting: 1 approved user(s), cap 1 per run");
                p.progress("[1/1] " + approved.get(0).userName() + ": DELETED");
                return super.delete(approved, p);
            }
        };
        deleter = talking;

        run(workflow(false, 1, null));

        assertThat(progress).filteredOn(l -> l.startsWith("Deleting 3 approved user(s)")).hasSize(1);
        assertThat(progress).contains("[1/3] alice: DELETED").noneMatch(l -> l.contains("[1/1]"))
                .noneMatch(l -> l.startsWith("Deleting: 1 approved"));
        assertThat(progress).filteredOn(l -> l.contains("Cap of 1")).singleElement().asString()
                .contains("2 approved user(s) skipped: bob, carol");
    }

    @Test
    void deletionLinesWithoutACounterGetOne() {
        List<String> lines = new ArrayList<>();
        ProgressListener p = DeletionProgress.forUser(lines::add, 2, 5);
        p.progress("bob: kept, CloudTrail shows GetObject");
        p.progress("[1/1] bob: backup written to /b.json");
        p.progress("Dry run (nothing will change): 1 approved user(s), cap 10 per run");
        assertThat(lines).containsExactly("[2/5] bob: kept, CloudTrail shows GetObject",
                "[2/5] bob: backup written to /b.json");
    }
}
