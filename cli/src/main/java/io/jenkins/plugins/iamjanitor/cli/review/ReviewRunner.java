package io.jenkins.plugins.iamjanitor.cli.review;

import io.jenkins.plugins.iamjanitor.core.deletion.DeletionResult;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionSettings;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionStatus;
import io.jenkins.plugins.iamjanitor.core.deletion.UserDeleter;
import io.jenkins.plugins.iamjanitor.core.policy.InactivityPolicy;
import io.jenkins.plugins.iamjanitor.core.policy.PolicySettings;
import io.jenkins.plugins.iamjanitor.core.port.BackupStore;
import io.jenkins.plugins.iamjanitor.core.port.ProgressListener;
import io.jenkins.plugins.iamjanitor.core.review.ConfirmationGate;
import io.jenkins.plugins.iamjanitor.core.review.ReviewObserver;
import io.jenkins.plugins.iamjanitor.core.review.ReviewPorts;
import io.jenkins.plugins.iamjanitor.core.review.ReviewRecord;
import io.jenkins.plugins.iamjanitor.core.review.ReviewSettings;
import io.jenkins.plugins.iamjanitor.core.review.ReviewStatus;
import io.jenkins.plugins.iamjanitor.core.review.ReviewWorkflow;
import io.jenkins.plugins.iamjanitor.core.scan.InactivityScanner;
import io.jenkins.plugins.iamjanitor.integrations.review.DirectoryReportStore;
import io.jenkins.plugins.iamjanitor.integrations.review.JsonReviewStore;
import io.jenkins.plugins.iamjanitor.integrations.review.StateDirectoryLock;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Assembles one review from connected services and the command line's choices, runs it to its end (or resumes it)
 * and prints the outcome. Shared by {@code review} and {@code demo}, and driven directly by the end-to-end tests.
 */
public final class ReviewRunner {

    /**
     * @param newReview abandon the account's unfinished review (if any) and start a fresh one
     */
    public record Options(
            boolean execute,
            int maxDeletions,
            Duration approvalTimeout,
            String slackChannel,
            List<String> approvers,
            List<String> regions,
            String doneStatus,
            String reviewId,
            boolean newReview,
            Path stateDir,
            Path reportDir,
            Map<String, Object> ticketFields) {
        public Options {
            approvers = approvers == null ? List.of() : List.copyOf(approvers);
            regions = regions == null ? List.of() : List.copyOf(regions);
            ticketFields = ticketFields == null ? Map.of() : Map.copyOf(ticketFields);
        }
    }

    private final ReviewServices services;
    private final PolicySettings policy;
    private final BackupStore backups;
    private final Options options;
    private final Clock clock;

    public ReviewRunner(ReviewServices services, PolicySettings policy, BackupStore backups, Options options,
            Clock clock) {
        this.services = services;
        this.policy = policy;
        this.backups = backups;
        this.options = options;
        this.clock = clock;
    }

    public JsonReviewStore store() {
        return new JsonReviewStore(options.stateDir());
    }

    /** @param gate the second gate, null for none */
    public ReviewRecord run(ProgressListener progress, ReviewObserver observer, ConfirmationGate gate) {
        InactivityPolicy inactivity = new InactivityPolicy(policy, clock);
        DeletionSettings deletion = new DeletionSettings(!options.execute(), options.maxDeletions());
        UserDeleter deleter = new UserDeleter(services.directory(), services.admin(), backups, inactivity, deletion,
                clock);
        JsonReviewStore store = store();
        ReviewPorts ports = ReviewPorts.of(new InactivityScanner(services.directory(), inactivity),
                services.approvals(), services.tickets(), services.activity(), deleter, store,
                new DirectoryReportStore(options.reportDir()));
        ReviewSettings settings = new ReviewSettings(options.reviewId(), services.accountId(), options.slackChannel(),
                options.approvers(), options.approvalTimeout(), null, null, options.regions(), null,
                options.ticketFields(), options.doneStatus(), deletion);
        ReviewWorkflow workflow = new ReviewWorkflow(ports, settings, gate, clock);
        // Held for the whole run: a second review started meanwhile on this state directory stops with a clear error
        // instead of resuming (or numbering) the same review.
        try (StateDirectoryLock lock = StateDirectoryLock.acquire(options.stateDir(), clock)) {
            return run(workflow, store, progress, observer);
        }
    }

    private ReviewRecord run(ReviewWorkflow workflow, JsonReviewStore store, ProgressListener progress,
            ReviewObserver observer) {
        if (options.newReview()) {
            (options.reviewId() != null ? store.load(options.reviewId()) : store.findUnfinished(services.accountId()))
                    .filter(r -> !r.finished())
                    .ifPresent(r -> {
                        workflow.abandon(r, "a new review was asked for (--new-review)");
                        progress.progress("Abandoned unfinished review " + r.reviewId() + ".");
                    });
        }
        return workflow.run(progress, observer);
    }

    /** One summary block on stdout; the exit code: 0 when every approved user was handled as planned, else 1. */
    public static int summarize(ReviewRecord r, PrintWriter out) {
        out.println();
        out.println("Review " + r.reviewId() + " (" + (r.dryRun() ? "dry run" : "execute") + "): "
                + r.status().name().toLowerCase().replace('_', ' '));
        out.println("  inactive users: " + r.candidates().size() + ", approved: " + r.approvedCandidates().size()
                + (r.ticket() == null ? "" : ", ticket: " + r.ticket().key()
                + (r.ticket().url() == null ? "" : " " + r.ticket().url())));
        for (DeletionResult d : r.deletions()) {
            out.println("  " + d.userName() + ": " + d.status() + (d.reason() == null ? "" : " (" + d.reason() + ")")
                    + (d.backupFile() == null ? "" : ", backup " + d.backupFile()));
        }
        r.notes().forEach(n -> out.println("  note: " + n));
        r.reports().forEach(p -> out.println("  report: " + p));
        out.flush();
        boolean failed = r.deletions().stream().anyMatch(d -> d.status() == DeletionStatus.FAILED);
        return r.status() == ReviewStatus.COMPLETED && !failed ? 0 : 1;
    }
}
