package io.jenkins.plugins.iamjanitor.cli;

import io.jenkins.plugins.iamjanitor.core.approval.ApprovalRecord;
import io.jenkins.plugins.iamjanitor.core.config.EffectivePolicy;
import io.jenkins.plugins.iamjanitor.core.deletion.ApprovalEvidence;
import io.jenkins.plugins.iamjanitor.core.deletion.ApproverSession;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionResult;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionSettings;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionStatus;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionStep;
import io.jenkins.plugins.iamjanitor.core.deletion.UserDeleter;
import io.jenkins.plugins.iamjanitor.core.model.IamUser;
import io.jenkins.plugins.iamjanitor.core.policy.InactivityPolicy;
import io.jenkins.plugins.iamjanitor.core.policy.Outcome;
import io.jenkins.plugins.iamjanitor.core.policy.PolicySettings;
import io.jenkins.plugins.iamjanitor.core.policy.Verdict;
import io.jenkins.plugins.iamjanitor.core.port.IamDirectory;
import io.jenkins.plugins.iamjanitor.integrations.backup.JsonBackupStore;
import io.jenkins.plugins.iamjanitor.integrations.preflight.Preflight;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "delete", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Deletes the named IAM users with every dependent object, after a fresh re-check and a JSON "
                + "backup. Without --execute it is a dry-run that only prints the plan.",
                "Users the policy would not flag (active, in their grace period, or with unknown activity under the "
                        + "default --unknown-activity block) are kept; exempt users are never touched."})
final class DeleteCommand implements Callable<Integer> {
    /** The approval channel stamped on every record this command makes. */
    static final String CHANNEL = "cli";

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "USER", arity = "1..*", description = "IAM user names to delete.")
    List<String> users;

    @Option(names = "--approved-by", paramLabel = "WHO", required = true,
            description = "Who approves (recorded in the backup; with --role-arn also the STS session name "
                    + "iam-janitor-WHO, so CloudTrail shows it).")
    String approvedBy;

    @Option(names = "--ticket", paramLabel = "KEY", description = "Review ticket key, recorded with the approval.")
    String ticket;

    @Option(names = "--backup-dir", paramLabel = "DIR",
            description = "Where backups are written (default: directories.backups, else "
                    + EffectivePolicy.DEFAULT_BACKUP_DIR + ").")
    String backupDir;

    @Option(names = "--max-deletions", paramLabel = "N",
            description = "Per-run cap (default: maxDeletions, else " + DeletionSettings.DEFAULT_MAX_DELETIONS
                    + "); the rest is left for the next run.")
    Integer maxDeletions;

    @Option(names = "--execute", description = "Really delete. Without it: dry-run, nothing changes.")
    boolean execute;

    @Mixin
    TargetOptions target = new TargetOptions();

    @Mixin
    PolicyOptions policy = new PolicyOptions();

    @Mixin
    ConfigOptions config = new ConfigOptions();

    private final Clock clock;

    DeleteCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Integer call() {
        if (approvedBy.isBlank()) {
            throw new UsageException("--approved-by must name the approver");
        }
        if (maxDeletions != null && maxDeletions < 1) {
            throw new UsageException("--max-deletions must be at least 1, got " + maxDeletions);
        }
        policy.validate();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        EffectivePolicy p = CliPolicy.resolve(config.load(err, true), policy.addTo(target.aws.addTo(
                new CliPolicy.Flags())).put("maxDeletions", maxDeletions).put("directories.backups", backupDir),
                err, true);
        CliPolicy.applyTarget(p, target, err);
        Path backups = Path.of(p.backupDir());
        try (Target t = Target.open(target, ApproverSession.sessionName(approvedBy),
                line -> ScanCommand.progress(err, line))) {
            if (execute) {
                // Before the first read of a user, let alone a change: each failure says what to fix.
                Preflight preflight = new Preflight(line -> ScanCommand.progress(err, line));
                preflight.directory("backups", backups);
                preflight.aws(t.awsSettings(), target.aws.expectedAccountId);
            }
            PolicySettings settings = CliPolicy.settings(p, t.scenarioExemptions());
            InactivityPolicy inactivity = new InactivityPolicy(settings, clock);
            IamDirectory directory = t.directory();
            List<DeletionResult> refused = new ArrayList<>();
            List<ApprovalRecord> approvals = new ArrayList<>();
            for (String user : users.stream().distinct().toList()) {
                approve(user, directory, inactivity, refused).ifPresent(approvals::add);
            }
            UserDeleter deleter = new UserDeleter(directory, t.admin(), new JsonBackupStore(backups, clock),
                    inactivity, new DeletionSettings(!execute, p.maxDeletions()), clock);
            List<DeletionResult> results = new ArrayList<>(deleter.delete(approvals,
                    line -> ScanCommand.progress(err, line)));
            results.addAll(0, refused);
            print(out, results);
            List<String> unknown = results.stream().filter(DeleteCommand::unknownUser)
                    .map(DeletionResult::userName).toList();
            if (!unknown.isEmpty()) {
                err.println("error: no such user: " + String.join(", ", unknown) + " (and no backup of ours in "
                        + backupDir + "); check the name, e.g. with `iam-janitor scan`");
                err.flush();
            }
            return results.stream().anyMatch(r -> r.status() == DeletionStatus.FAILED || unknownUser(r)) ? 1 : 0;
        }
    }

    /**
     * The CLI is its own approval channel: the operator names the users now, so the evidence is the latest sign of
     * life the account shows now (any credential, even a disabled one). The deleter's re-check then guards the
     * window between this read and the first destructive call.
     */
    private Optional<ApprovalRecord> approve(String user, IamDirectory directory, InactivityPolicy inactivity,
            List<DeletionResult> refused) {
        Optional<IamUser> live = directory.fetchLive(user);
        Instant evidence = null;
        if (live.isPresent()) {
            Verdict verdict = inactivity.evaluate(directory.withDetails(live.get()));
            // Anything the scan would not flag is refused (unknown activity included); exempt users get the
            // deleter's own exemption message.
            if (verdict.outcome() != Outcome.INACTIVE && verdict.outcome() != Outcome.EXEMPT) {
                refused.add(new DeletionResult(user, DeletionStatus.KEPT, "not deleted: " + verdict.reason(),
                        null, null));
                return Optional.empty();
            }
            evidence = ApprovalEvidence.lastSignOfLife(live.get(), verdict.lastActivity());
        }
        return Optional.of(new ApprovalRecord(user, approvedBy, approvedBy, clock.instant(), CHANNEL, ticket,
                evidence));
    }

    /** A name that is neither in the account nor in our backups: most likely a typo, never a success. */
    private static boolean unknownUser(DeletionResult r) {
        return r.status() == DeletionStatus.NOT_FOUND && r.backupFile() == null;
    }

    private void print(PrintWriter out, List<DeletionResult> results) {
        out.println(execute ? "DELETION RESULTS" : "DRY RUN - nothing was changed. Add --execute to delete.");
        for (DeletionResult r : results) {
            out.println();
            out.println(r.userName() + ": " + r.status() + (r.reason() == null ? "" : " - " + r.reason()));
            if (r.backupFile() != null) {
                out.println("  backup: " + r.backupFile());
            }
            // "called" only for calls made; whatever a failure stopped before is labelled as not run.
            String verb = r.status() == DeletionStatus.PLANNED ? "would call" : "called";
            for (DeletionStep step : r.plan()) {
                out.println("  " + verb + " " + step.describe());
            }
            for (DeletionStep step : r.notRun()) {
                out.println("  planned, not run: " + step.describe());
            }
        }
        out.flush();
    }
}
