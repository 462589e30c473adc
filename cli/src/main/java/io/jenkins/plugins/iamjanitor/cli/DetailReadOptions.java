package io.jenkins.plugins.iamjanitor.cli;

import io.jenkins.plugins.iamjanitor.cli.review.DetailReads;
import picocli.CommandLine.Option;

/** {@code scan} and {@code review}: how the details of would-be candidates are read (docs/performance.md). */
public final class DetailReadOptions {
    @Option(names = "--detail-reads", paramLabel = "PATH", defaultValue = "auto",
            description = "auto (the path with fewer estimated IAM calls, printed), bulk or per-user"
                    + " (default: ${DEFAULT-VALUE}).")
    String path;

    @Option(names = "--detail-rate", paramLabel = "N", defaultValue = "15",
            description = "Most IAM requests per second the detail reads (and the CloudTrail stage's key-id reads)"
                    + " start; IAM throttles per account, so leave room for other tools (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--detail-threads", paramLabel = "N", defaultValue = "4",
            description = "Per-user reads in flight (default: ${DEFAULT-VALUE}).")
    int threads;

    DetailReads reads() {
        try {
            return new DetailReads(path, rate, threads);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage().replace("detail reads path", "--detail-reads")
                    .replace("detail read rate", "--detail-rate").replace("detail read threads", "--detail-threads"));
        }
    }
}
