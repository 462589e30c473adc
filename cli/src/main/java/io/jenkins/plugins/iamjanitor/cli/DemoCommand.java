package io.jenkins.plugins.iamjanitor.cli;

import io.jenkins.plugins.iamjanitor.cli.review.DemoNarrator;
import io.jenkins.plugins.iamjanitor.cli.review.QuarantineDemo;
import io.jenkins.plugins.iamjanitor.cli.review.ReviewRunner;
import io.jenkins.plugins.iamjanitor.cli.review.SandboxReviewServices;
import io.jenkins.plugins.iamjanitor.core.config.EffectivePolicy;
import io.jenkins.plugins.iamjanitor.core.policy.PolicySettings;
import io.jenkins.plugins.iamjanitor.core.quarantine.QuarantineSettings;
import io.jenkins.plugins.iamjanitor.core.quarantine.RemediationAction;
import io.jenkins.plugins.iamjanitor.core.review.ReviewRecord;
import io.jenkins.plugins.iamjanitor.integrations.backup.JsonBackupStore;
import io.jenkins.plugins.iamjanitor.sandbox.Scenario;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs one whole review on the embedded sandbox and explains each step: scan, approval in Slack "
                + "(the scenario's scripted approver clicks), Jira ticket, CloudTrail evidence, deletion with backups, "
                + "outcome on the ticket, reports. Everything runs on loopback emulators; nothing leaves this machine.",
                "An epilogue then shows the other remediation on one user: quarantine, a refused call with its"
                + " deactivated key, \"wanted back?\", and release.",
                "The sandbox is thrown away at the end, so the demo deletes for real (in the sandbox) unless "
                + "--dry-run."})
final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--scenario", paramLabel = "FILE",
            description = "Scenario file (default: the built-in scenario). It needs a slack.approver section.")
    Path scenario;

    @Option(names = "--output-dir", paramLabel = "DIR", defaultValue = "iam-janitor-demo",
            description = "Where the reports, backups and the review record go (default: ${DEFAULT-VALUE}).")
    Path outputDir;

    @Option(names = "--dry-run", description = "Plan the deletions instead of performing them (in the sandbox).")
    boolean dryRun;

    @Option(names = "--no-quarantine", description = "Skip the epilogue that quarantines and releases one user.")
    boolean noQuarantine;

    @Option(names = "--approval-timeout", paramLabel = "DURATION", defaultValue = "30s",
            description = "How long to wait for the scripted approver, e.g. 30s, 5m (default: ${DEFAULT-VALUE}). A"
                    + " bare number (seconds) still works but is deprecated.")
    String approvalTimeout;

    @Mixin
    PolicyOptions policy = new PolicyOptions();

    // Only an explicitly named file: a ./iam-janitor.yml meant for a real account should not reshape the demo.
    @Mixin
    ConfigOptions config = new ConfigOptions();

    private final Clock clock;

    DemoCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Integer call() {
        IamJanitorCli.quietAdapterLogsUnlessVerbose(spec);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        EffectivePolicy policyFile = CliPolicy.resolve(config.load(err, false), policy.addTo(new CliPolicy.Flags()),
                err, false);
        Duration timeout = DurationOption.parse("--approval-timeout", approvalTimeout, ChronoUnit.SECONDS, err);
        if (timeout.toSeconds() < 1) {
            throw new UsageException("--approval-timeout must be at least 1s");
        }
        Scenario sc = scenario == null ? Scenario.builtIn() : Scenario.load(scenario);
        out.println("IAM Janitor demo: a whole access review on the embedded sandbox (scenario: " + sc.name() + ").");
        out.println("The AWS SDK, the Slack client and the Jira client are the real ones; the services they talk to"
                + " are loopback emulators.");
        out.flush();
        TerminalProgress progress = TerminalProgress.forStderr(err, "  ");
        try (SandboxReviewServices services = SandboxReviewServices.start(sc, clock, progress)) {
            String approver = services.scriptedApprover();
            if (approver == null) {
                throw new UsageException("scenario " + sc.name() + " has no slack.approver: the demo needs a scripted"
                        + " approver (see docs/sandbox.md)");
            }
            PolicySettings settings = CliPolicy.settings(policyFile, services.scenarioExemptions());
            ReviewRunner.Options options = new ReviewRunner.Options(!dryRun, policyFile.maxDeletions(),
                    timeout, services.reviewChannel(), List.of(approver),
                    services.scenarioCloudTrailRegions(),
                    "Done", null, true, outputDir.resolve("state"), outputDir.resolve("reports"), Map.of());
            ReviewRunner runner = new ReviewRunner(services, settings,
                    new JsonBackupStore(outputDir.resolve("backups").toAbsolutePath(), clock), options, clock);
            ReviewRecord record = runner.run(progress, new DemoNarrator(out, "Done"), null);
            int code = ReviewRunner.summarize(record, out);
            services.describeAftermath(record).forEach(out::println);
            if (!dryRun && !noQuarantine) {
                ReviewRunner.Options quarantine = new ReviewRunner.Options(true, options.maxDeletions(),
                        options.approvalTimeout(), options.slackChannel(), options.approvers(), options.regions(),
                        options.doneStatus(), null, true, options.stateDir(), options.reportDir(), Map.of(), null,
                        new QuarantineSettings(RemediationAction.QUARANTINE,
                                QuarantineSettings.DEFAULT_DELETE_AFTER_DAYS, options.regions()));
                new QuarantineDemo(services, out, progress::progress).run(new ReviewRunner(services,
                        settings, new JsonBackupStore(outputDir.resolve("backups").toAbsolutePath(), clock),
                        quarantine, clock), record.approvedCandidates().stream().map(d -> d.userName()).toList());
            }
            record.reports().stream().filter(p -> p.endsWith(".html")).findFirst()
                    .ifPresent(p -> out.println("\nOpen the HTML report: " + Path.of(p).toUri()));
            out.flush();
            return code;
        }
    }
}
