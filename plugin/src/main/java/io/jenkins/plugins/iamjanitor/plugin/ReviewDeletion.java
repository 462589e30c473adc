package io.jenkins.plugins.iamjanitor.plugin;

import io.jenkins.plugins.iamjanitor.core.approval.Decision;
import io.jenkins.plugins.iamjanitor.core.approval.UserDecision;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionResult;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionSettings;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionStatus;
import io.jenkins.plugins.iamjanitor.core.deletion.UserDeleter;
import io.jenkins.plugins.iamjanitor.core.policy.Exemptions;
import io.jenkins.plugins.iamjanitor.core.policy.InactivityPolicy;
import io.jenkins.plugins.iamjanitor.core.policy.PolicySettings;
import io.jenkins.plugins.iamjanitor.core.port.ServiceException;
import io.jenkins.plugins.iamjanitor.core.review.GateDecision;
import io.jenkins.plugins.iamjanitor.core.review.ReviewRecord;
import io.jenkins.plugins.iamjanitor.core.review.ReviewStage;
import io.jenkins.plugins.iamjanitor.core.review.ReviewStages;
import io.jenkins.plugins.iamjanitor.core.review.UserStage;
import io.jenkins.plugins.iamjanitor.plugin.review.BuildReports;
import io.jenkins.plugins.iamjanitor.plugin.review.BuildReview;
import io.jenkins.plugins.iamjanitor.plugin.review.ReviewScope;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The deletion stage of a build's review, for {@code iamDeleteUser}: the same rules as the CLI's review (core
 * {@link ReviewStages}: CloudTrail keep rule, per-review cap, approval record, outcome comment and ticket transition),
 * with the record kept in the build. Each user's result is saved before the next user, so the cap holds across every
 * call in the build and across a restart.
 */
final class ReviewDeletion {
    private final BuildReview review;
    private final JanitorServices services;
    private final ApproverAuthority approvers;
    private final BuildLog log;
    private final ScopedSettings settings;
    private ReviewQuarantine quarantine;

    ReviewDeletion(BuildReview review, JanitorServices services, ApproverAuthority approvers, BuildLog log) {
        this.review = review;
        this.services = services;
        this.approvers = approvers;
        this.log = log;
        this.settings = new ScopedSettings(review.scope(), services.defaults());
    }

    List<DeletionResult> run(List<String> named, boolean dryRun, String gateUserId, String gateUserName, Path backups,
            AwsTarget target) {
        return run(named, dryRun, gateUserId, gateUserName, backups, target, null);
    }

    /**
     * @param named      users the script narrowed to; null: every approved candidate
     * @param gateUserId who approved the build's input gate, as Jenkins recorded it; null when nobody did
     * @param quarantine null to delete; else quarantine with these settings
     */
    List<DeletionResult> run(List<String> named, boolean dryRun, String gateUserId, String gateUserName, Path backups,
            AwsTarget target, ReviewQuarantine quarantine) {
        this.quarantine = quarantine;
        if (quarantine != null && !dryRun) {
            backups = quarantine.vault().backupDir();
        }
        ReviewRecord record = review.record();
        String id = record.reviewId();
        if (record.approval() == null) {
            throw new IllegalArgumentException("review " + id + " has no recorded decisions: nobody approved anyone"
                    + " (call slackAskApproval(review: ...) first)");
        }
        List<UserDecision> approved = record.approvedCandidates();
        for (UserDecision d : approved) {
            String refusal = approvers.refusal(d);
            if (refusal != null) {
                throw new IllegalArgumentException(d.userName() + ": not deleted, " + refusal);
            }
        }
        List<String> targets = named == null ? approved.stream().map(UserDecision::userName).toList() : named;
        for (String u : targets) {
            refuseUnlessApproved(record, u);
        }
        if (!dryRun && gateUserId == null) {
            throw new IllegalArgumentException("a real deletion needs this build's input gate approved by a person"
                    + " before iamDeleteUser; nobody approved one (dry run: dryRun: true)");
        }
        if (!dryRun && record.evidence() == null) {
            throw new IllegalArgumentException("review " + id + " has no CloudTrail evidence: call cloudtrailEnrich("
                    + "review: ...) before a real deletion, so a user used recently is kept");
        }
        review.update(r -> mode(r, dryRun, gateUserId, gateUserName));
        if (targets.isEmpty()) {
            log.progress("Review " + id + ": nobody was approved, nothing to delete");
        } else {
            String verb = quarantine == null ? "Deleting" : "Quarantining";
            log.progress((dryRun ? "DRY RUN: planning (" + verb.toLowerCase(Locale.ROOT) + ")" : verb) + " "
                    + targets.size() + " approved user(s) of"
                    + " review " + id + "; backups in " + backups + "; cap " + settings.maxDeletions()
                    + " per review" + (gateUserId == null ? "" : "; confirmed by " + gateUserId));
        }
        List<DeletionResult> results = new ArrayList<>();
        for (String u : targets) {
            results.add(deleteOne(u, dryRun, backups, target));
        }
        finish(approved);
        if (quarantine != null && !dryRun) {
            quarantine.announce(services, review.record(), results, log);
        }
        archiveReports();
        return results;
    }

    private static void refuseUnlessApproved(ReviewRecord record, String user) {
        if (record.candidate(user).isEmpty()) {
            throw new IllegalArgumentException(user + ": not deleted, not flagged by review " + record.reviewId()
                    + " (only users the scan flagged can be deleted)");
        }
        Optional<UserDecision> d = record.decisionFor(user);
        if (d.isEmpty() || d.get().decision() != Decision.APPROVE) {
            throw new IllegalArgumentException(user + ": not deleted, not approved in review " + record.reviewId()
                    + d.map(x -> " (kept by " + x.approverName() + ")").orElse(" (no decision)"));
        }
    }

    /**
     * Records the mode and the gate. A dry run promoted to a real deletion in the same build (the path from trial to
     * production without a second approval round) drops the plans, which deleted nothing, and comments again.
     */
    private ReviewRecord mode(ReviewRecord r, boolean dryRun, String gateUserId, String gateUserName) {
        java.time.Instant now = services.clock().instant();
        ReviewRecord out = r;
        if (!r.dryRun() && dryRun) {
            throw new IllegalArgumentException("review " + r.reviewId() + " already ran for real in this build; a"
                    + " dry run now would plan nothing");
        }
        if (r.dryRun() && !dryRun) {
            List<DeletionResult> real = r.deletions().stream().filter(x -> x.status() != DeletionStatus.PLANNED)
                    .toList();
            out = new ReviewRecord(r.reviewId(), r.accountId(), false, r.status(),
                    r.stage().reached(ReviewStage.CONFIRMED) ? ReviewStage.EVIDENCE_ADDED : r.stage(), r.startedAt(),
                    now, r.finishedAt(), r.scan(), r.candidates(), r.approvalHandle(), r.approval(), r.ticket(),
                    r.evidence(), r.gate(), real, r.reports(), r.notes(), r.intents(), r.decisionsSoFar());
            if (real.size() != r.deletions().size()) {
                out = out.withNote("The dry run's plans were promoted to a real deletion without a second approval"
                        + " round.", now);
            }
        }
        if (gateUserId != null && (out.gate() == null || !gateUserId.equals(out.gate().by()))) {
            out = out.withGate(new GateDecision(true, gateUserId, now, "Jenkins input approved by "
                    + (gateUserName == null ? gateUserId : gateUserName)), now);
        }
        return out;
    }

    private DeletionResult deleteOne(String user, boolean dryRun, Path backups, AwsTarget target) {
        ReviewRecord r = review.record();
        Optional<DeletionResult> done = r.deletionFor(user);
        if (done.isPresent()) {
            log.progress("  " + user + ": already " + done.get().status() + " earlier in this build");
            return done.get();
        }
        int max = settings.maxDeletions();
        DeletionResult result = ReviewStages.keptByCloudTrail(r, user)
                .or(() -> ReviewStages.overCap(r, user, max))
                .orElseGet(() -> delete(r, user, dryRun, backups, target, max));
        review.update(x -> x.withDeletion(result, services.clock().instant()));
        if (quarantine != null && !dryRun) {
            quarantine.keep(review);
        }
        log.progress("  " + user + ": " + result.status() + (result.reason() == null ? "" : " (" + result.reason()
                + ")") + (result.backupFile() == null ? "" : ", backup " + result.backupFile()));
        return result;
    }

    private DeletionResult delete(ReviewRecord r, String user, boolean dryRun, Path backups, AwsTarget target,
            int max) {
        ReviewScope scope = review.scope();
        // The live re-check applies the policy the scan used, recorded with the review.
        PolicySettings policy = scope == null
                ? new PolicySettings(Duration.ofDays(services.defaults().days()), true, new Exemptions(null, null,
                        services.defaults().exemptTag() == null ? List.of() : List.of(services.defaults().exemptTag()),
                        null))
                : scope.policySettings();
        int remaining = (int) Math.max(1, max - r.deletionsCountingAgainstCap());
        if (quarantine != null) {
            return quarantine.quarantine(services, r, user, new DeletionSettings(dryRun, remaining), backups, target,
                    policy, log);
        }
        UserDeleter deleter = new UserDeleter(services.iamDirectory(target), services.iamUserAdmin(target),
                services.backupStore(backups), new InactivityPolicy(policy, services.clock()),
                new DeletionSettings(dryRun, remaining), services.clock());
        try {
            // An intent recorded by an attempt that stopped after its first destructive call: finish or confirm it.
            Optional<DeletionResult> earlier = r.intentFor(user).flatMap(deleter::finishedBefore);
            if (earlier.isPresent()) {
                return earlier.get();
            }
            // The intent (user id, backup) is saved in the build's review before the first destructive call.
            List<DeletionResult> out = deleter.delete(List.of(ReviewStages.approval(r, r.decisionFor(user)
                    .orElseThrow())), log, intent -> review.update(x -> x.withIntent(intent,
                    services.clock().instant())));
            return out.isEmpty() ? new DeletionResult(user, DeletionStatus.FAILED, "the deleter returned no result",
                    null, List.of()) : out.get(0);
        } catch (ServiceException e) {
            return new DeletionResult(user, DeletionStatus.FAILED, e.getMessage(), null, List.of());
        }
    }

    /** When every approved user is handled: the outcome on the ticket, and the ticket moved to done, as the CLI does. */
    private void finish(List<UserDecision> approved) {
        ReviewRecord r = review.record();
        if (approved.stream().anyMatch(d -> r.deletionFor(d.userName()).isEmpty())) {
            return;
        }
        ReviewRecord deleted = r.stage().reached(ReviewStage.DELETED) ? r
                : review.update(x -> x.atStage(ReviewStage.DELETED, services.clock().instant()));
        if (deleted.ticket() == null) {
            log.progress("Review " + deleted.reviewId() + " has no ticket: no outcome to comment");
            return;
        }
        try {
            ReviewStages.closeTicket(deleted, services.ticketTracker(settings.jiraProject(null),
                    settings.jiraIssueType(null)), settings.jiraDoneStatus(), next -> review.update(x -> next), log,
                    () -> services.clock().instant());
        } catch (ServiceException e) {
            // The deletions are done and recorded; the ticket can be updated by hand.
            log.progress("Could not update ticket " + deleted.ticket().key() + ": " + e.getMessage());
            review.update(x -> x.withNote("Ticket " + deleted.ticket().key() + " not updated: " + e.getMessage(),
                    services.clock().instant()));
        }
    }

    /** The review's reports as build artifacts, as they stand after this call; a write failure undoes nothing. */
    private void archiveReports() {
        try {
            List<String> files = BuildReports.archive(review);
            log.progress("Review " + review.getReviewId() + ": reports archived under " + BuildReports.DIR + "/ ("
                    + files.size() + " files)");
        } catch (RuntimeException e) {
            log.progress("Could not archive the reports of review " + review.getReviewId() + ": " + e.getMessage());
        }
    }

    /** The plain result handed back to the script. */
    Map<String, Object> result(List<DeletionResult> results) {
        ReviewRecord r = review.record();
        Map<String, Object> users = new LinkedHashMap<>();
        Map<String, List<String>> byStatus = new LinkedHashMap<>();
        for (DeletionStatus s : DeletionStatus.values()) {
            byStatus.put(s.name().toLowerCase(Locale.ROOT), new ArrayList<>());
        }
        List<String> backupFiles = new ArrayList<>();
        for (DeletionResult d : results) {
            Map<String, Object> user = PipelineValues.deletion(d);
            UserStage stage = UserStage.of(r, d.userName());
            user.put("stage", stage.describe());
            user.put("nextDate", stage.nextDate());
            users.put(d.userName(), user);
            byStatus.get(d.status().name().toLowerCase(Locale.ROOT)).add(d.userName());
            if (d.backupFile() != null) {
                backupFiles.add(d.backupFile());
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("reviewId", r.reviewId());
        out.put("dryRun", r.dryRun());
        out.put("confirmedBy", r.gate() == null ? null : r.gate().by());
        out.put("users", users);
        out.put("deleted", byStatus.get("deleted"));
        out.put("planned", byStatus.get("planned"));
        out.put("kept", byStatus.get("kept"));
        out.put("notFound", byStatus.get("not_found"));
        out.put("skipped", byStatus.get("skipped"));
        out.put("failed", byStatus.get("failed"));
        out.put("quarantined", byStatus.get("quarantined"));
        out.put("action", quarantine == null ? "delete" : "quarantine");
        out.put("backups", backupFiles);
        out.put("ticket", r.ticket() == null ? null : r.ticket().key());
        return out;
    }
}
