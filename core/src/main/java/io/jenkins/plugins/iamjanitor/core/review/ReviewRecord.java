package io.jenkins.plugins.iamjanitor.core.review;

import io.jenkins.plugins.iamjanitor.core.approval.ApprovalHandle;
import io.jenkins.plugins.iamjanitor.core.approval.ApprovalOutcome;
import io.jenkins.plugins.iamjanitor.core.approval.Decision;
import io.jenkins.plugins.iamjanitor.core.approval.UserDecision;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionIntent;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionResult;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionStatus;
import io.jenkins.plugins.iamjanitor.core.policy.Verdict;
import io.jenkins.plugins.iamjanitor.core.ticket.TicketRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The durable state of one review. Every stage reads it and writes it back (atomically, through
 * {@link io.jenkins.plugins.iamjanitor.core.port.ReviewStore}), so an interrupted review resumes where it stopped: a
 * field that is set is a stage that is done and is never redone. Format and meaning: docs/reports.md.
 *
 * @param stage          the last stage completed
 * @param scan           counts of the scan; null before the scan
 * @param candidates     the flagged users' verdicts (with tags and groups), as shown to the approver
 * @param approvalHandle where the approval request was posted; null before it was posted
 * @param approval       the decisions; null before they came in (a timeout leaves undecided users unapproved)
 * @param ticket         the review ticket; null before it was opened or when there was nothing to review
 * @param evidence       CloudTrail highlights of the approved users; null before they were gathered
 * @param gate           the second gate's answer; null when not asked (yet, or no gate configured)
 * @param deletions      one result per approved user handled so far, in order
 * @param reports        where the reports were written
 * @param notes          one line per thing an operator should know (timeouts, halts, skipped stages)
 * @param intents        users the deleter was about to destroy (backup written, first call not yet made), saved
 *                       before that call: a user gone after a crash is then known to be ours and counts against
 *                       the cap
 * @param decisionsSoFar decisions saved one by one as they arrive while waiting, so a resumed review keeps them;
 *                       {@code approval} holds the final outcome
 */
public record ReviewRecord(
        String reviewId,
        String accountId,
        boolean dryRun,
        ReviewStatus status,
        ReviewStage stage,
        Instant startedAt,
        Instant updatedAt,
        Instant finishedAt,
        ScanSummary scan,
        List<Verdict> candidates,
        ApprovalHandle approvalHandle,
        ApprovalOutcome approval,
        TicketRef ticket,
        List<EvidenceSummary> evidence,
        GateDecision gate,
        List<DeletionResult> deletions,
        List<String> reports,
        List<String> notes,
        List<DeletionIntent> intents,
        List<UserDecision> decisionsSoFar) {

    public ReviewRecord {
        Objects.requireNonNull(reviewId, "reviewId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(stage, "stage");
        candidates = candidates == null ? List.of() : List.copyOf(candidates);
        evidence = evidence == null ? null : List.copyOf(evidence);
        deletions = deletions == null ? List.of() : List.copyOf(deletions);
        reports = reports == null ? List.of() : List.copyOf(reports);
        notes = notes == null ? List.of() : List.copyOf(notes);
        intents = intents == null ? List.of() : List.copyOf(intents);
        decisionsSoFar = decisionsSoFar == null ? List.of() : List.copyOf(decisionsSoFar);
    }

    public static ReviewRecord start(String reviewId, String accountId, boolean dryRun, Instant now) {
        return new ReviewRecord(reviewId, accountId, dryRun, ReviewStatus.IN_PROGRESS, ReviewStage.STARTED, now, now,
                null, null, List.of(), null, null, null, null, null, List.of(), List.of(), List.of(), List.of(), List.of());
    }

    public boolean finished() {
        return status != ReviewStatus.IN_PROGRESS;
    }

    /** The decision for a user; empty when undecided (not approved). */
    public Optional<UserDecision> decisionFor(String userName) {
        return approval == null ? Optional.empty()
                : approval.decisions().stream().filter(d -> d.userName().equals(userName)).findFirst();
    }

    /** Approved users that are also candidates: a decision about anyone else is ignored. */
    public List<UserDecision> approvedCandidates() {
        if (approval == null) {
            return List.of();
        }
        return candidates.stream()
                .map(v -> decisionFor(v.user().userName()).orElse(null))
                .filter(d -> d != null && d.decision() == Decision.APPROVE)
                .toList();
    }

    public Optional<Verdict> candidate(String userName) {
        return candidates.stream().filter(v -> v.user().userName().equals(userName)).findFirst();
    }

    public Optional<DeletionResult> deletionFor(String userName) {
        return deletions.stream().filter(d -> d.userName().equals(userName)).findFirst();
    }

    public Optional<EvidenceSummary> evidenceFor(String userName) {
        return evidence == null ? Optional.empty()
                : evidence.stream().filter(e -> e.userName().equals(userName)).findFirst();
    }

    /**
     * Deletions done (or, in a dry run, planned) so far, plus deletions started and not yet resolved (an intent
     * without a result: a crash may have finished them): what the per-review cap counts.
     */
    public long deletionsCountingAgainstCap() {
        long done = deletions.stream()
                .filter(x -> x.status() == DeletionStatus.DELETED || x.status() == DeletionStatus.PLANNED
                        || x.status() == DeletionStatus.QUARANTINED).count();
        return done + intents.stream().filter(i -> deletionFor(i.userName()).isEmpty()).count();
    }

    /** The intent recorded before the first destructive call on this user, if any. */
    public Optional<DeletionIntent> intentFor(String userName) {
        return intents.stream().filter(i -> i.userName().equals(userName)).findFirst();
    }

    /** Keeps one decision as it arrives (the first per user stands); the stage does not change. */
    public ReviewRecord withDecisionSoFar(UserDecision decision, Instant now) {
        if (decisionsSoFar.stream().anyMatch(d -> d.userName().equals(decision.userName()))) {
            return this;
        }
        List<UserDecision> all = new ArrayList<>(decisionsSoFar);
        all.add(decision);
        return new ReviewRecord(reviewId, accountId, dryRun, status, stage, startedAt, now, finishedAt, scan,
                candidates, approvalHandle, approval, ticket, evidence, gate, deletions, reports, notes, intents, all);
    }

    /** Records (or replaces) the user's intent; the stage does not change. */
    public ReviewRecord withIntent(DeletionIntent intent, Instant now) {
        List<DeletionIntent> all = new ArrayList<>(intents);
        all.removeIf(i -> i.userName().equals(intent.userName()));
        all.add(intent);
        return new ReviewRecord(reviewId, accountId, dryRun, status, stage, startedAt, now, finishedAt, scan,
                candidates, approvalHandle, approval, ticket, evidence, gate, deletions, reports, notes, all,
                decisionsSoFar);
    }

    /** Why the ticket must not be closed yet; null when every approved user was handled as planned. */
    public String whyTicketStaysOpen() {
        if (dryRun) {
            return "dry run, nothing was deleted";
        }
        if (gate != null && !gate.proceed()) {
            return "stopped at the confirmation gate";
        }
        if (deletions.stream().anyMatch(d -> d.status() == DeletionStatus.QUARANTINED
                || d.status() == DeletionStatus.WANTED_BACK)) {
            return "some approved users are quarantined: the ticket closes once they are deleted or released";
        }
        boolean unfinished = deletions.stream().anyMatch(d -> d.status() == DeletionStatus.FAILED
                || d.status() == DeletionStatus.SKIPPED || d.status() == DeletionStatus.KEPT);
        return unfinished ? "some approved users were not deleted (failed, kept at the re-check, or over the cap)"
                : null;
    }

    // Withers: each returns a copy with one stage's result and the stage reached.

    public ReviewRecord withScan(ScanSummary newScan, List<Verdict> newCandidates, Instant now) {
        return new ReviewRecord(reviewId, accountId, dryRun, status, ReviewStage.SCANNED, startedAt, now, finishedAt,
                newScan, newCandidates, approvalHandle, approval, ticket, evidence, gate, deletions, reports, notes, intents, decisionsSoFar);
    }

    public ReviewRecord withApprovalHandle(ApprovalHandle handle, Instant now) {
        return new ReviewRecord(reviewId, accountId, dryRun, status, ReviewStage.APPROVAL_REQUESTED, startedAt, now,
                finishedAt, scan, candidates, handle, approval, ticket, evidence, gate, deletions, reports, notes, intents, decisionsSoFar);
    }

    public ReviewRecord withApproval(ApprovalOutcome outcome, Instant now) {
        return new ReviewRecord(reviewId, accountId, dryRun, status, ReviewStage.APPROVAL_DECIDED, startedAt, now,
                finishedAt, scan, candidates, approvalHandle, outcome, ticket, evidence, gate, deletions, reports,
                notes, intents, decisionsSoFar);
    }

    public ReviewRecord withTicket(TicketRef ref, Instant now) {
        return new ReviewRecord(reviewId, accountId, dryRun, status, ReviewStage.TICKET_OPENED, startedAt, now,
                finishedAt, scan, candidates, approvalHandle, approval, ref, evidence, gate, deletions, reports, notes, intents, decisionsSoFar);
    }

    public ReviewRecord withEvidence(List<EvidenceSummary> summaries, Instant now) {
        return new ReviewRecord(reviewId, accountId, dryRun, status, ReviewStage.EVIDENCE_ADDED, startedAt, now,
                finishedAt, scan, candidates, approvalHandle, approval, ticket, summaries, gate, deletions, reports,
                notes, intents, decisionsSoFar);
    }

    public ReviewRecord withGate(GateDecision decision, Instant now) {
        return new ReviewRecord(reviewId, accountId, dryRun, status, ReviewStage.CONFIRMED, startedAt, now,
                finishedAt, scan, candidates, approvalHandle, approval, ticket, evidence, decision, deletions, reports,
                notes, intents, decisionsSoFar);
    }

    /** Adds one user's deletion result; the stage stays where it is until every approved user has one. */
    public ReviewRecord withDeletion(DeletionResult result, Instant now) {
        List<DeletionResult> all = new ArrayList<>(deletions);
        all.removeIf(d -> d.userName().equals(result.userName()));
        all.add(result);
        return new ReviewRecord(reviewId, accountId, dryRun, status, stage, startedAt, now, finishedAt, scan,
                candidates, approvalHandle, approval, ticket, evidence, gate, all, reports, notes, intents, decisionsSoFar);
    }

    public ReviewRecord withReports(List<String> locations, Instant now) {
        return new ReviewRecord(reviewId, accountId, dryRun, status, ReviewStage.REPORTED, startedAt, now, finishedAt,
                scan, candidates, approvalHandle, approval, ticket, evidence, gate, deletions, locations, notes, intents, decisionsSoFar);
    }

    public ReviewRecord atStage(ReviewStage reached, Instant now) {
        return new ReviewRecord(reviewId, accountId, dryRun, status, reached, startedAt, now, finishedAt, scan,
                candidates, approvalHandle, approval, ticket, evidence, gate, deletions, reports, notes, intents, decisionsSoFar);
    }

    public ReviewRecord withNote(String note, Instant now) {
        List<String> all = new ArrayList<>(notes);
        all.add(note);
        return new ReviewRecord(reviewId, accountId, dryRun, status, stage, startedAt, now, finishedAt, scan,
                candidates, approvalHandle, approval, ticket, evidence, gate, deletions, reports, all, intents, decisionsSoFar);
    }

    public ReviewRecord finish(ReviewStatus newStatus, Instant now) {
        return new ReviewRecord(reviewId, accountId, dryRun, newStatus, stage, startedAt, now, now, scan, candidates,
                approvalHandle, approval, ticket, evidence, gate, deletions, reports, notes, intents, decisionsSoFar);
    }
}
