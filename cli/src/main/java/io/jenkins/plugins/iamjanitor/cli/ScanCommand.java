package io.jenkins.plugins.iamjanitor.cli;

import io.jenkins.plugins.iamjanitor.cli.review.DetailReads;
import io.jenkins.plugins.iamjanitor.core.config.EffectivePolicy;
import io.jenkins.plugins.iamjanitor.core.policy.InactivityPolicy;
import io.jenkins.plugins.iamjanitor.core.policy.PolicySettings;
import io.jenkins.plugins.iamjanitor.core.scan.InactivityScanner;
import io.jenkins.plugins.iamjanitor.core.scan.ScanResult;
import io.jenkins.plugins.iamjanitor.integrations.aws.SessionNames;
import io.jenkins.plugins.iamjanitor.integrations.preflight.Preflight;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "scan", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Lists every IAM user, works out its last activity and flags the inactive ones. Read-only.")
final class ScanCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    TargetOptions target = new TargetOptions();

    @Mixin
    PolicyOptions policy = new PolicyOptions();

    @Mixin
    ConfigOptions config = new ConfigOptions();

    @Mixin
    OrganizationOptions organization = new OrganizationOptions();

    @Mixin
    DetailReadOptions detail = new DetailReadOptions();

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table, json, csv or markdown (default: ${DEFAULT-VALUE}).")
    ScanReport.Format format;

    @Option(names = "--output", paramLabel = "FILE", description = "Write the report to FILE instead of stdout.")
    Path output;

    private final Clock clock;

    ScanCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        policy.validate();
        DetailReads reads = detail.reads();
        EffectivePolicy effective = CliPolicy.resolve(config.load(err, true),
                policy.addTo(target.aws.addTo(new CliPolicy.Flags())), err, false, false, true);
        CliPolicy.applyTarget(effective, target, err);
        PolicyAccounts.apply(effective, target, organization, err);
        String runner = SessionNames.forRunner(System.getProperty("user.name"));
        organization.validate();
        if (organization.organization) {
            return scanOrganization(out, err, runner, effective, reads);
        }
        TerminalProgress progress = TerminalProgress.forStderr(err, "");
        try (Target t = Target.open(target, runner, progress::progress)) {
            // Which account this is, first; and an unreachable endpoint fails here at once instead of in a retry loop.
            new Preflight(progress::progress).aws(t.awsSettings(), target.aws.expectedAccountId);
            PolicySettings settings = CliPolicy.settings(effective, t.scenarioExemptions());
            ScanResult result = new InactivityScanner(reads.apply(t.directory()),
                    new InactivityPolicy(settings, clock)).scan(progress);
            emit(out, err, new ScanReport(result, settings).render(format));
        }
        return 0;
    }

    private int scanOrganization(PrintWriter out, PrintWriter err, String runner, EffectivePolicy effective,
            DetailReads reads) {
        try (OrgTarget t = OrgTarget.open(target, organization, runner, line -> progress(err, line))) {
            PolicySettings settings = CliPolicy.settings(effective, t.scenarioExemptions());
            var run = new OrganizationScan(organization, reads, clock).run(t, settings, line -> progress(err, line));
            emit(out, err, new OrganizationReport(run, settings).render(format));
            return run.failures().isEmpty() ? 0 : OrganizationScan.SOME_ACCOUNTS_FAILED;
        }
    }

    private void emit(PrintWriter out, PrintWriter err, String report) {
        if (output == null) {
            out.print(report);
            out.flush();
        } else {
            write(output, report);
            progress(err, "Report written to " + output);
        }
    }

    static void progress(PrintWriter err, String line) {
        err.println(line);
        err.flush();
    }

    private static void write(Path file, String text) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
