package io.jenkins.plugins.iamjanitor.cli;

import io.jenkins.plugins.iamjanitor.cli.review.DetailReads;
import io.jenkins.plugins.iamjanitor.core.org.OrganizationRun;
import io.jenkins.plugins.iamjanitor.core.org.OrganizationRunner;
import io.jenkins.plugins.iamjanitor.core.policy.InactivityPolicy;
import io.jenkins.plugins.iamjanitor.core.policy.PolicySettings;
import io.jenkins.plugins.iamjanitor.core.port.ProgressListener;
import io.jenkins.plugins.iamjanitor.core.scan.InactivityScanner;
import io.jenkins.plugins.iamjanitor.core.scan.ScanResult;
import io.jenkins.plugins.iamjanitor.integrations.aws.org.AccountSession;
import java.time.Clock;
import java.time.Duration;

/**
 * {@code scan --organization}: one read-only scan per selected account, {@code --account-concurrency} at a time,
 * each in its own assumed role; one account failing does not stop the others.
 */
final class OrganizationScan {
    /** Exit code when the report is complete for some accounts but at least one account failed. */
    static final int SOME_ACCOUNTS_FAILED = 3;
    /** An account scan stuck for this long is reported as timed out; AWS calls themselves time out sooner. */
    static final Duration ACCOUNT_TIMEOUT = Duration.ofMinutes(30);

    private final OrganizationOptions options;
    private final DetailReads reads;
    private final Clock clock;

    OrganizationScan(OrganizationOptions options, DetailReads reads, Clock clock) {
        this.options = options;
        this.reads = reads;
        this.clock = clock;
    }

    /** Runs the scans; the report is rendered whatever failed, so nothing already read is lost. */
    OrganizationRun<ScanResult> run(OrgTarget target, PolicySettings settings, ProgressListener progress) {
        InactivityPolicy policy = new InactivityPolicy(settings, clock);
        return new OrganizationRunner(target.accounts(), options.filter(), options.concurrency, ACCOUNT_TIMEOUT)
                .run((account, log) -> {
                    try (AccountSession session = target.open(account)) {
                        return new InactivityScanner(reads.apply(target.directory(session)), policy).scan(log);
                    }
                }, progress);
    }

}
