package io.jenkins.plugins.iamjanitor.cli;

import io.jenkins.plugins.iamjanitor.core.deletion.ApproverSession;
import io.jenkins.plugins.iamjanitor.core.quarantine.QuarantinePorts;
import io.jenkins.plugins.iamjanitor.core.quarantine.QuarantineRelease;
import io.jenkins.plugins.iamjanitor.integrations.backup.JsonBackupStore;
import io.jenkins.plugins.iamjanitor.integrations.review.DirectoryReportStore;
import io.jenkins.plugins.iamjanitor.integrations.review.JsonReviewStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "release", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Undoes a quarantine exactly from the backup taken before it: reactivates the access keys that"
                + " were active, removes the deny-all policy and the iam-janitor tags, and records the release on the"
                + " review (record and reports). Without --execute it only prints the calls.",
                "The console password cannot come back (AWS never reveals it): --create-login-profile sets a new one"
                + " that must be changed at the first sign-in, written to --password-file (never printed).",
                "With --jira-url and --jira-project (credentials JIRA_EMAIL + JIRA_API_TOKEN, or JIRA_PAT) the review's"
                + " ticket gets a 'Quarantine released' comment and moves to --done-status once nothing is pending;"
                + " with SLACK_BOT_TOKEN set the approvers hear of it in the review's Slack thread (else"
                + " --slack-channel), as after a review run."})
final class ReleaseCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "USER", description = "The quarantined IAM user.")
    String user;

    @Option(names = "--released-by", paramLabel = "WHO", required = true,
            description = "Who releases (recorded on the review; with --role-arn also the STS session name).")
    String releasedBy;

    @Option(names = "--execute", description = "Really release. Without it: dry run, nothing changes.")
    boolean execute;

    @Option(names = "--create-login-profile",
            description = "Also give the user a new console password that must be reset at the first sign-in.")
    boolean createLoginProfile;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "Where the new password is written (0600, must not exist); needed with"
                    + " --create-login-profile.")
    Path passwordFile;

    @Option(names = "--state-dir", paramLabel = "DIR", defaultValue = ".iam-janitor/reviews",
            description = "Where the review records are (default: ${DEFAULT-VALUE}).")
    Path stateDir;

    @Option(names = "--backup-dir", paramLabel = "DIR", defaultValue = "iam-janitor-backups",
            description = "Where the backups are (default: ${DEFAULT-VALUE}).")
    Path backupDir;

    @Option(names = "--report-dir", paramLabel = "DIR", defaultValue = "iam-janitor-reports",
            description = "Where the review's reports are rewritten (default: ${DEFAULT-VALUE}).")
    Path reportDir;

    @Option(names = "--jira-url", paramLabel = "URL",
            description = "Jira of the review's ticket: comment the release there (needs --jira-project).")
    String jiraUrl;

    @Option(names = "--jira-project", paramLabel = "KEY", description = "Jira project of the review tickets.")
    String jiraProject;

    @Option(names = "--done-status", paramLabel = "STATUS", defaultValue = "Done",
            description = "Ticket status once nothing in the review is pending (default: ${DEFAULT-VALUE}).")
    String doneStatus;

    @Option(names = "--slack-channel", paramLabel = "CHANNEL",
            description = "Slack channel for the release message when the review has no Slack thread (the approval"
                    + " was asked elsewhere); needs SLACK_BOT_TOKEN.")
    String slackChannel;

    @Mixin
    TargetOptions target = new TargetOptions();

    private final Clock clock;
    private final Map<String, String> env;

    /** @param env the process environment: JIRA_* and SLACK_BOT_TOKEN (optional SLACK_API_URL) for the follow-ups */
    ReleaseCommand(Clock clock, Map<String, String> env) {
        this.clock = clock;
        this.env = Map.copyOf(env);
    }

    @Override
    public Integer call() {
        if (releasedBy.isBlank()) {
            throw new UsageException("--released-by must name who releases");
        }
        if (createLoginProfile && passwordFile == null) {
            throw new UsageException("--create-login-profile needs --password-file: the password is never printed");
        }
        if (passwordFile != null && !createLoginProfile) {
            throw new UsageException("--password-file is only used with --create-login-profile");
        }
        if (jiraUrl != null && jiraProject == null) {
            throw new UsageException("--jira-url needs --jira-project");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ReleaseFollowUps followUps = ReleaseFollowUps.of(env, jiraUrl, jiraProject, slackChannel,
                line -> ScanCommand.progress(err, line));
        char[] password = createLoginProfile && execute ? InitialPassword.generate() : null;
        try (Target t = Target.open(target, ApproverSession.sessionName(releasedBy),
                line -> ScanCommand.progress(err, line))) {
            if (password != null) {
                // Written before IAM is touched: a password set but lost would lock the user out again.
                InitialPassword.write(passwordFile, password);
            }
            QuarantinePorts ports = new QuarantinePorts(t.directory(), t.admin(), t.quarantineAdmin(), null,
                    new JsonBackupStore(backupDir, clock), new JsonReviewStore(stateDir), null, followUps.tickets(),
                    followUps.notifier(), new DirectoryReportStore(reportDir));
            QuarantineRelease.Outcome outcome = new QuarantineRelease(ports, followUps.tickets() == null ? null
                    : doneStatus, clock).release(user,
                    "cli:" + releasedBy, !execute, createLoginProfile && !execute ? new char[0] : password,
                    line -> ScanCommand.progress(err, line));
            out.println(execute ? "RELEASED " + user + " (review " + outcome.reviewId() + ")"
                    : "DRY RUN - nothing was changed. Add --execute to release " + user + ".");
            String verb = execute ? "called" : "would call";
            outcome.calls().forEach(c -> out.println("  " + verb + " " + c));
            outcome.notes().forEach(n -> out.println("  note: " + n));
            if (password != null) {
                out.println("  new console password written to " + passwordFile + " (0600); it must be changed at"
                        + " the first sign-in");
            }
            out.flush();
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + passwordFile + ": " + e.getMessage(), e);
        } finally {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
        }
    }
}
