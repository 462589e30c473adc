package io.jenkins.plugins.iamjanitor.core.review;

import io.jenkins.plugins.iamjanitor.core.approval.ApprovalHandle;
import io.jenkins.plugins.iamjanitor.core.approval.ApprovalOutcome;
import io.jenkins.plugins.iamjanitor.core.approval.ApprovalRecord;
import io.jenkins.plugins.iamjanitor.core.approval.ApprovalRequest;
import io.jenkins.plugins.iamjanitor.core.approval.UserDecision;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionIntent;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionResult;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionStatus;
import io.jenkins.plugins.iamjanitor.core.policy.Verdict;
import io.jenkins.plugins.iamjanitor.core.port.ProgressListener;
import io.jenkins.plugins.iamjanitor.core.port.ServiceException;
import io.jenkins.plugins.iamjanitor.core.scan.ScanResult;
import io.jenkins.plugins.iamjanitor.core.ticket.TicketRef;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One access review, end to end: scan → approval → ticket → CloudTrail evidence → optional second gate → deletion →
 * outcome on the ticket → reports. Every stage saves the {@link ReviewRecord} before the next starts, and a stage
 * whose result is in the record is never run again, so a re-run after a crash asks nobody twice, opens no second
 * ticket and deletes nobody twice. Dry-run runs every stage; the deleter only plans, and the ticket stays open.
 */
public final class ReviewWorkflow {
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);

    private final ReviewPorts ports;
    private final ReviewSettings settings;
    private final ConfirmationGate gate;
    private final Clock clock;
    private final ApprovalWait approvalWait;

    /** @param gate the optional second gate; null for none */
    public ReviewWorkflow(ReviewPorts ports, ReviewSettings settings, ConfirmationGate gate, Clock clock) {
        this(ports, settings, gate, clock, new ApprovalWait(ApprovalWait.DEFAULT_HEARTBEAT, clock));
    }

    /** @param approvalWait how the wait for decisions reports progress (the heartbeat interval) */
    public ReviewWorkflow(ReviewPorts ports, ReviewSettings settings, ConfirmationGate gate, Clock clock,
            ApprovalWait approvalWait) {
        this.ports = Objects.requireNonNull(ports, "ports");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.gate = gate;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.approvalWait = Objects.requireNonNull(approvalWait, "approvalWait");
    }

    /** Runs a new review, or resumes the unfinished one, to its end. Service failures propagate after the save. */
    public ReviewRecord run(ProgressListener progress, ReviewObserver observer) {
        Run run = new Run(open(progress), progress, observer);
        if (run.record.finished()) {
            progress.progress("Review " + run.record.reviewId() + " is already " + run.record.status()
                    .name().toLowerCase().replace('_', ' ') + "; nothing to do.");
            return run.record;
        }
        if (run.record.scan() == null) {
            scan(run);
        }
        if (!run.record.candidates().isEmpty()) {
            approve(run);
            openTicket(run);
            if (run.record.evidence() == null) {
                gatherEvidence(run);
            }
            if (gate != null && run.record.gate() == null && !run.record.approvedCandidates().isEmpty()) {
                GateDecision answer = gate.confirm(run.record);
                run.save(run.record.withGate(answer, now()));
                progress.progress(answer.proceed() ? "Confirmed by " + answer.by() + "."
                        : "Stopped at the confirmation gate by " + answer.by() + ": nothing will be deleted.");
            }
            if (!run.record.stage().reached(ReviewStage.DELETED)) {
                delete(run);
            }
            closeTicket(run);
        } else if (!run.record.stage().reached(ReviewStage.DELETED)) {
            run.record = run.record.withNote("No inactive users: nothing to review.", now());
            run.save(run.record.atStage(ReviewStage.DELETED, now()));
        }
        return report(run);
    }

    /** Marks a review as given up, so that a re-run starts a new one. */
    public ReviewRecord abandon(ReviewRecord record, String why) {
        ReviewRecord abandoned = record.withNote("Abandoned: " + why, now()).finish(ReviewStatus.ABANDONED, now());
        ports.store().save(abandoned);
        return abandoned;
    }

    private ReviewRecord open(ProgressListener progress) {
        var existing = settings.reviewId() != null ? ports.store().load(settings.reviewId())
                : ports.store().findUnfinished(settings.accountId());
        if (existing.isPresent()) {
            ReviewRecord r = existing.get();
            if (!Objects.equals(r.accountId(), settings.accountId())) {
                // Resuming would approve, ticket and delete in the wrong account.
                throw new IllegalStateException("review " + r.reviewId() + " belongs to account " + r.accountId()
                        + ", not to " + settings.accountId());
            }
            if (!r.finished() && r.dryRun() != settings.dryRun()) {
                throw new IllegalStateException("review " + r.reviewId() + " was started "
                        + (r.dryRun() ? "as a dry run" : "in execute mode") + "; resume it in the same mode or abandon"
                        + " it to start a new review");
            }
            if (!r.finished()) {
                progress.progress("Resuming review " + r.reviewId() + " after stage " + r.stage() + ".");
            }
            return r;
        }
        ReviewRecord fresh = create();
        String id = fresh.reviewId();
        progress.progress("Review " + id + " of account " + settings.accountId()
                + (settings.dryRun() ? " (dry run: nothing will be deleted)" : " (execute: approved users will be"
                + " deleted)") + ".");
        return fresh;
    }

    /**
     * A new record under an id derived from the clock (or the one asked for), created exclusively: a suffix keeps two
     * reviews started in the same second apart, even when another process takes an id between our look and our write.
     */
    private ReviewRecord create() {
        if (settings.reviewId() != null) {
            ReviewRecord fresh = ReviewRecord.start(settings.reviewId(), settings.accountId(), settings.dryRun(),
                    now());
            if (!ports.store().create(fresh)) {
                throw new IllegalStateException("review " + settings.reviewId() + " was just created by another run");
            }
            return fresh;
        }
        String base = "review-" + settings.accountId() + "-" + ID_TIME.format(now());
        for (int n = 1; ; n++) {
            ReviewRecord fresh = ReviewRecord.start(n == 1 ? base : base + "-" + n, settings.accountId(),
                    settings.dryRun(), now());
            if (ports.store().create(fresh)) {
                return fresh;
            }
        }
    }

    private void scan(Run run) {
        run.progress.progress("Scanning IAM users...");
        ScanResult result = ports.scan().scan(run.progress);
        List<Verdict> flagged = result.flagged();
        run.save(run.record.withScan(ScanSummary.of(result), flagged, now()));
        run.progress.progress("Scanned " + result.verdicts().size() + " users: " + flagged.size() + " inactive"
                + (flagged.isEmpty() ? "." : ": " + String.join(", ", names(flagged)) + "."));
    }

    private void approve(Run run) {
        if (run.record.approval() != null) {
            return;
        }
        ApprovalRequest request = new ApprovalRequest(run.record.reviewId(), run.record.accountId(),
                run.record.candidates(), settings.approvalChannel(), settings.approvers(), settings.message(),
                settings.buildUrl(), null, settings.accountAlias());
        ApprovalResumption resumable = ports.approvals() instanceof ApprovalResumption r ? r : null;
        // Each decision is saved as it arrives: a crash while waiting loses none of them.
        AutoCloseable following = resumable == null ? () -> { }
                : resumable.followDecisions(request.reviewId(), d -> run.keep(d));
        ApprovalOutcome outcome;
        try (following) {
            if (run.record.approvalHandle() == null) {
                ApprovalHandle handle = ports.approvals().post(request);
                run.save(run.record.withApprovalHandle(handle.postedAt() != null ? handle : handle.postedAt(now()),
                        now()));
                run.progress.progress("Asked for approval in " + handle.channel() + ".");
            } else {
                // Posted by an earlier run that stopped while waiting: wait on the same messages, never post again,
                // and keep the decisions that earlier run saw.
                if (resumable != null) {
                    resumable.resume(request, run.record.approvalHandle(), run.record.decisionsSoFar());
                }
                run.progress.progress("Still waiting on the approval request posted earlier in "
                        + run.record.approvalHandle().channel() + ".");
            }
            Duration left = windowLeft(run.record.approvalHandle());
            run.progress.progress("Waiting up to " + ApprovalWait.describe(left) + " for decisions"
                    + (left.equals(settings.approvalTimeout()) ? "" : " (what is left of the "
                    + ApprovalWait.describe(settings.approvalTimeout()) + " window)") + "...");
            outcome = approvalWait.await(ports.approvals(), run.record.approvalHandle(),
                    names(run.record.candidates()), left, run.progress);
        } catch (Exception e) {
            throw e instanceof RuntimeException re ? re : new IllegalStateException(e.getMessage(), e);
        }
        ReviewRecord r = run.current().withApproval(outcome, now());
        if (outcome.timedOut()) {
            r = r.withNote("The approval request timed out: users without a decision were not approved.", now());
        }
        run.save(r);
        List<UserDecision> approved = run.record.approvedCandidates();
        run.progress.progress("Decisions: " + approved.size() + " approved, " + outcome.kept().size() + " kept"
                + (outcome.timedOut() ? ", timed out" : "") + ".");
    }

    /** The approval window runs from the post: a resumed review waits only for what is left of it. */
    private Duration windowLeft(ApprovalHandle handle) {
        if (handle.postedAt() == null) {
            return settings.approvalTimeout();
        }
        Duration left = Duration.between(now(), handle.postedAt().plus(settings.approvalTimeout()));
        return left.isNegative() ? Duration.ZERO : left;
    }

    private void openTicket(Run run) {
        if (run.record.ticket() != null) {
            return;
        }
        TicketRef ref = ports.tickets().openOrFind(ReviewDocuments.ticket(run.record, settings.ticketFields(),
                settings.buildUrl(), settings.accountAlias()));
        run.save(run.record.withTicket(ref, now()));
        run.progress.progress((ref.created() ? "Opened ticket " : "Reusing open ticket ") + ref.key()
                + (ref.url() == null ? "" : " " + ref.url()) + ".");
    }

    private void gatherEvidence(Run run) {
        Instant since = now().minus(settings.activityLookback());
        List<Verdict> approved = run.record.approvedCandidates().stream()
                .map(d -> run.record.candidate(d.userName()).orElseThrow()).toList();
        if (!approved.isEmpty()) {
            run.progress.progress("Looking up CloudTrail events of " + approved.size() + " approved user(s)...");
        }
        List<EvidenceSummary> summaries = ReviewStages.evidence(approved, ports.keyIds(), ports.activity(), since,
                settings.activityRegions(), run.progress);
        // Commented before the record is saved: a crash in between repeats the comment rather than losing it.
        ports.tickets().comment(run.record.ticket().key(), ReviewDocuments.evidence(
                run.record.withEvidence(summaries, now()), now()));
        run.save(run.record.withEvidence(summaries, now()));
    }

    private void delete(Run run) {
        boolean halted = run.record.gate() != null && !run.record.gate().proceed();
        List<UserDecision> approved = halted ? List.of() : run.record.approvedCandidates();
        int max = settings.deletion().maxDeletions();
        if (approved.stream().anyMatch(d -> run.record.deletionFor(d.userName()).isEmpty())) {
            run.progress.progress(DeletionProgress.opening(approved.size(), settings.dryRun(), max,
                    run.record.deletionsCountingAgainstCap()));
        }
        int k = 0;
        List<String> capped = new ArrayList<>();
        for (UserDecision d : approved) {
            k++;
            if (run.record.deletionFor(d.userName()).isPresent()) {
                continue;
            }
            ProgressListener userProgress = DeletionProgress.forUser(run.progress, k, approved.size());
            DeletionResult result;
            Optional<DeletionIntent> intent = run.record.intentFor(d.userName());
            // The same keep and cap rules as the plugin's iamDeleteUser (ReviewStages).
            Optional<DeletionResult> kept = intent.isPresent() ? Optional.empty()
                    : ReviewStages.keptByCloudTrail(run.record, d.userName());
            Optional<DeletionResult> skipped = intent.isPresent() || kept.isPresent() ? Optional.empty()
                    : ReviewStages.overCap(run.record, d.userName(), max);
            if (intent.isPresent()) {
                // Started by a run that stopped: it already counts against the cap; finish (or confirm) it.
                result = ports.deleter().finishedBefore(intent.get()).orElseGet(() -> deleteOne(run, d, userProgress));
                userProgress.progress(d.userName() + ": resumed an interrupted deletion: " + result.status()
                        + (result.reason() == null ? "" : " (" + result.reason() + ")"));
            } else if (kept.isPresent()) {
                result = kept.get();
                userProgress.progress(d.userName() + ": kept, " + result.reason());
            } else if (skipped.isPresent()) {
                result = skipped.get();
                capped.add(d.userName());
            } else {
                result = deleteOne(run, d, userProgress);
            }
            run.record = run.record.withDeletion(result, now());
            ports.store().save(run.record);
        }
        if (!capped.isEmpty()) {
            run.progress.progress("Cap of " + max + " deletion(s) per review reached: " + capped.size()
                    + " approved user(s) skipped: " + String.join(", ", capped) + ".");
        }
        run.save(run.record.atStage(ReviewStage.DELETED, now()));
    }

    private DeletionResult deleteOne(Run run, UserDecision d, ProgressListener progress) {
        ApprovalRecord approval = ReviewStages.approval(run.record, d);
        try {
            // The intent is saved before the first destructive call, so a crash after DeleteUser is still ours.
            List<DeletionResult> results = ports.deleter().delete(List.of(approval), progress, intent -> {
                run.record = run.record.withIntent(intent, now());
                ports.store().save(run.record);
            });
            return results.isEmpty() ? new DeletionResult(d.userName(), DeletionStatus.FAILED,
                    "the deleter returned no result", null, List.of()) : results.get(0);
        } catch (ServiceException e) {
            progress.progress(d.userName() + ": failed: " + e.getMessage());
            return new DeletionResult(d.userName(), DeletionStatus.FAILED, e.getMessage(), null, List.of());
        }
    }

    private void closeTicket(Run run) {
        ReviewStages.closeTicket(run.record, ports.tickets(), settings.doneStatus(), run::save, run.progress,
                this::now);
    }

    private ReviewRecord report(Run run) {
        ReviewRecord done = run.record.atStage(ReviewStage.REPORTED, now()).finish(ReviewStatus.COMPLETED, now());
        List<String> locations = ports.reports().write(done);
        run.save(done.withReports(locations, now()));
        run.progress.progress("Reports: " + String.join(", ", locations));
        return run.record;
    }

    private Instant now() {
        return clock.instant();
    }

    private static List<String> names(List<Verdict> verdicts) {
        return verdicts.stream().map(v -> v.user().userName()).toList();
    }

    /** The record of the review in hand; each save makes a stage durable, then tells the observer. */
    private final class Run {
        ReviewRecord record;
        final ProgressListener progress;
        final ReviewObserver observer;

        Run(ReviewRecord record, ProgressListener progress, ReviewObserver observer) {
            this.record = record;
            this.progress = progress;
            this.observer = observer;
        }

        synchronized void save(ReviewRecord updated) {
            record = updated;
            ports.store().save(updated);
            observer.stageCompleted(updated);
        }

        /** Saves one decision as it arrives, on the channel's thread while the workflow waits. */
        synchronized void keep(UserDecision decision) {
            record = record.withDecisionSoFar(decision, now());
            ports.store().save(record);
        }

        synchronized ReviewRecord current() {
            return record;
        }
    }
}
