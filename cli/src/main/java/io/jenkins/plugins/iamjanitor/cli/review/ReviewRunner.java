package io.jenkins.plugins.iamjanitor.cli.review;

import io.jenkins.plugins.iamjanitor.core.deletion.DeletionResult;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionSettings;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionStatus;
import io.jenkins.plugins.iamjanitor.core.deletion.UserDeleter;
import io.jenkins.plugins.iamjanitor.core.policy.InactivityPolicy;
import io.jenkins.plugins.iamjanitor.core.policy.PolicySettings;
import io.jenkins.plugins.iamjanitor.core.port.BackupStore;
import io.jenkins.plugins.iamjanitor.core.port.IamDirectory;
import io.jenkins.plugins.iamjanitor.core.port.ProgressListener;
import io.jenkins.plugins.iamjanitor.core.review.ApprovalWait;
import io.jenkins.plugins.iamjanitor.core.quarantine.QuarantinePorts;
import io.jenkins.plugins.iamjanitor.core.quarantine.QuarantineRelease;
import io.jenkins.plugins.iamjanitor.core.quarantine.QuarantineSettings;
import io.jenkins.plugins.iamjanitor.core.quarantine.QuarantineSweep;
import io.jenkins.plugins.iamjanitor.core.quarantine.SweepCap;
import io.jenkins.plugins.iamjanitor.core.quarantine.RemediationAction;
import io.jenkins.plugins.iamjanitor.core.quarantine.UserQuarantiner;
import io.jenkins.plugins.iamjanitor.core.review.UserStage;
import io.jenkins.plugins.iamjanitor.core.review.ConfirmationGate;
import io.jenkins.plugins.iamjanitor.core.review.ReviewObserver;
import io.jenkins.plugins.iamjanitor.core.review.ReviewPorts;
import io.jenkins.plugins.iamjanitor.core.review.ReviewRecord;
import io.jenkins.plugins.iamjanitor.core.review.ReviewSettings;
import io.jenkins.plugins.iamjanitor.core.review.ReviewStatus;
import io.jenkins.plugins.iamjanitor.core.review.ReviewWorkflow;
import io.jenkins.plugins.iamjanitor.core.scan.InactivityScanner;
import io.jenkins.plugins.iamjanitor.integrations.preflight.Preflight;
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
            Map<String, Object> ticketFields,
            Duration activityLookback,
            QuarantineSettings quarantine) {
        public Options {
            approvers = approvers == null ? List.of() : List.copyOf(approvers);
            regions = regions == null ? List.of() : List.copyOf(regions);
            ticketFields = ticketFields == null ? Map.of() : Map.copyOf(ticketFields);
            quarantine = quarantine == null ? QuarantineSettings.defaults() : quarantine;
        }

        /** CloudTrail's default look-back (90 days); remediation {@code delete}, quarantines ended after 30 days. */
        public Options(boolean execute, int maxDeletions, Duration approvalTimeout, String slackChannel,
                List<String> approvers, List<String> regions, String doneStatus, String reviewId, boolean newReview,
                Path stateDir, Path reportDir, Map<String, Object> ticketFields) {
            this(execute, maxDeletions, approvalTimeout, slackChannel, approvers, regions, doneStatus, reviewId,
                    newReview, stateDir, reportDir, ticketFields, null, null);
        }
    }

    private final ReviewServices services;
    private final PolicySettings policy;
    private final BackupStore backups;
    private final Options options;
    private final Clock clock;
    private final Duration heartbeat;
    private DetailReads detailReads = DetailReads.DEFAULTS;
    /** The account's name beside its id in Slack and Jira (organisation runs: the Organizations name); may be null. */
    private final String accountAlias;
    private List<QuarantineSweep.Outcome> lastSweep = List.of();

    public ReviewRunner(ReviewServices services, PolicySettings policy, BackupStore backups, Options options,
            Clock clock) {
        this(services, policy, backups, options, clock, ApprovalWait.DEFAULT_HEARTBEAT);
    }

    /** @param heartbeat how often the wait for decisions says how long is left and who is undecided */
    public ReviewRunner(ReviewServices services, PolicySettings policy, BackupStore backups, Options options,
            Clock clock, Duration heartbeat) {
        this(services, policy, backups, options, clock, heartbeat, null);
    }

    /** @param accountAlias the account's name, shown beside its id where Slack and Jira name users; may be null */
    public ReviewRunner(ReviewServices services, PolicySettings policy, BackupStore backups, Options options,
            Clock clock, Duration heartbeat, String accountAlias) {
        this.accountAlias = accountAlias;
        this.heartbeat = heartbeat;
        this.services = services;
        this.policy = policy;
        this.backups = backups;
        this.options = options;
        this.clock = clock;
    }

    /** How the scan reads candidates' details and the CloudTrail stage their key ids (CLI --detail-* flags). */
    public ReviewRunner detailReads(DetailReads reads) {
        this.detailReads = java.util.Objects.requireNonNull(reads, "reads");
        return this;
    }

    public JsonReviewStore store() {
        return new JsonReviewStore(options.stateDir());
    }

    /**
     * Every check that can fail before the review asks anyone or changes anything: the state, report and backup
     * directories (backups only when executing: a dry run writes none), then Slack and Jira through the services.
     * Call it before {@link #run}.
     */
    public void preflight(Preflight preflight, Path backupDir) {
        preflight.directory("state", options.stateDir());
        preflight.directory("reports", options.reportDir());
        if (options.execute()) {
            preflight.directory("backups", backupDir);
        }
        services.preflight(preflight, options.slackChannel());
    }

    /**
     * Without a name from Organizations (a single-account review), the account's alias from IAM itself (one
     * ListAccountAliases, as iamListInactive in Jenkins); unreadable is a warning, never a failure.
     */
    private String iamAlias(ProgressListener progress) {
        try {
            return services.directory().accountAlias().orElse(null);
        } catch (RuntimeException e) {
            progress.progress("Warning: the account alias could not be read (" + e.getMessage()
                    + "); the account is named by its id");
            return null;
        }
    }

    /** @param gate the second gate, null for none */
    public ReviewRecord run(ProgressListener progress, ReviewObserver observer, ConfirmationGate gate) {
        InactivityPolicy inactivity = new InactivityPolicy(policy, clock);
        DeletionSettings deletion = new DeletionSettings(!options.execute(), options.maxDeletions());
        UserDeleter deleter = new UserDeleter(services.directory(), services.admin(), backups, inactivity, deletion,
                clock);
        JsonReviewStore store = store();
        DirectoryReportStore reports = new DirectoryReportStore(options.reportDir());
        // Earlier reviews' quarantines first: due users are deleted (or wanted back) before anything new is asked.
        lastSweep = sweep(deleter, store, reports, progress);
        // A quarantined user is inactive by design: the sweep handles it, a new review must not ask about it again.
        IamDirectory reading = detailReads.apply(services.directory());
        InactivityScanner scanner = new InactivityScanner(reading, new InactivityPolicy(
                QuarantineExemption.added(policy), clock));
        ReviewPorts.Deletion remediation = ReviewPorts.deletion(deleter);
        if (options.quarantine().action() == RemediationAction.QUARANTINE) {
            UserQuarantiner quarantiner = new UserQuarantiner(services.directory(), services.admin(),
                    services.quarantineAdmin(), backups, inactivity, deletion, options.quarantine(),
                    () -> options.reviewId() != null ? options.reviewId()
                            : store.findUnfinished(services.accountId()).map(ReviewRecord::reviewId).orElseThrow(),
                    clock);
            remediation = quarantiner::quarantine;
        }
        ReviewPorts ports = new ReviewPorts(scanner::scan, services.approvals(), services.tickets(),
                services.activity(), remediation, store, reports, reading::accessKeyIds);
        ReviewSettings settings = new ReviewSettings(options.reviewId(), services.accountId(), options.slackChannel(),
                options.approvers(), options.approvalTimeout(), null, null, options.regions(),
                options.activityLookback(),
                options.ticketFields(), options.doneStatus(), deletion,
                accountAlias != null ? accountAlias : iamAlias(progress));
        ReviewWorkflow workflow = new ReviewWorkflow(ports, settings, gate, clock, new ApprovalWait(heartbeat, clock));
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
        // Only a named review can be one that already finished; it is then announced no second time.
        boolean wasFinished = options.reviewId() != null
                && store.load(options.reviewId()).map(ReviewRecord::finished).orElse(false);
        ReviewRecord record = workflow.run(progress, observer);
        if (!wasFinished && !record.dryRun()) {
            announceQuarantines(record, progress);
        }
        return record;
    }

    /**
     * The approvers hear in Slack who was quarantined and when each will be deleted, as they will hear of every later
     * change (wanted back, deleted, released); the ticket has the same in its outcome comment.
     */
    private void announceQuarantines(ReviewRecord record, ProgressListener progress) {
        List<String> lines = record.deletions().stream()
                .filter(d -> d.status() == DeletionStatus.QUARANTINED)
                .map(d -> d.userName() + ": " + UserStage.of(record, d.userName()).describe())
                .toList();
        if (lines.isEmpty()) {
            return;
        }
        try {
            services.notifier().notify(record, "Quarantined", lines);
        } catch (RuntimeException e) {
            progress.progress("Could not tell the approvers about the quarantine: " + e.getMessage());
        }
    }

    /**
     * Only the quarantine sweep of {@link #run}: every user an earlier review quarantined is checked, and deleted
     * (with {@code execute}) when due and untouched, or reported as wanted back.
     */
    public List<QuarantineSweep.Outcome> sweep(ProgressListener progress) {
        InactivityPolicy inactivity = new InactivityPolicy(policy, clock);
        UserDeleter deleter = new UserDeleter(services.directory(), services.admin(), backups, inactivity,
                new DeletionSettings(!options.execute(), options.maxDeletions()), clock);
        lastSweep = sweep(deleter, store(), new DirectoryReportStore(options.reportDir()), progress);
        return lastSweep;
    }

    private List<QuarantineSweep.Outcome> sweep(UserDeleter deleter, JsonReviewStore store,
            DirectoryReportStore reports, ProgressListener progress) {
        // One cap for the whole sweep: the sweep hands the deleter one user at a time.
        ReviewPorts.Deletion capped = new SweepCap(options.maxDeletions()).around(ReviewPorts.deletion(deleter));
        return new QuarantineSweep(quarantinePorts(capped, store, reports), options.quarantine(),
                services.accountId(), !options.execute(), options.doneStatus(), clock).sweep(progress);
    }

    /** What the quarantine sweep at the start of the last {@link #run} did, one entry per quarantined user. */
    public List<QuarantineSweep.Outcome> lastSweep() {
        return lastSweep;
    }

    /**
     * Releases a quarantined user with every service of a review: IAM, the ticket, Slack and the reports. The
     * {@code release} command uses IAM and the local records only.
     */
    public QuarantineRelease.Outcome release(String userName, String by, char[] initialPassword,
            ProgressListener progress) {
        QuarantinePorts ports = quarantinePorts(null, store(), new DirectoryReportStore(options.reportDir()));
        return new QuarantineRelease(ports, options.doneStatus(), clock).release(userName, by, !options.execute(),
                initialPassword, progress);
    }

    private QuarantinePorts quarantinePorts(ReviewPorts.Deletion deleter, JsonReviewStore store,
            DirectoryReportStore reports) {
        return new QuarantinePorts(services.directory(), services.admin(), services.quarantineAdmin(),
                services.activity(), backups, store, deleter, services.tickets(), services.notifier(), reports);
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
            if (d.quarantine() != null) {
                out.println("    stage: " + UserStage.of(r, d.userName()).describe());
            }
        }
        r.notes().forEach(n -> out.println("  note: " + n));
        r.reports().forEach(p -> out.println("  report: " + p));
        out.flush();
        boolean failed = r.deletions().stream().anyMatch(d -> d.status() == DeletionStatus.FAILED);
        return r.status() == ReviewStatus.COMPLETED && !failed ? 0 : 1;
    }
}
