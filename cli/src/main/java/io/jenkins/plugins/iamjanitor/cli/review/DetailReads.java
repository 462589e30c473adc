package io.jenkins.plugins.iamjanitor.cli.review;

import io.jenkins.plugins.iamjanitor.core.port.IamDirectory;
import io.jenkins.plugins.iamjanitor.integrations.aws.AwsIamDirectory;
import java.util.List;
import java.util.Locale;

/**
 * How the scan reads the details of would-be candidates (and the CloudTrail stage the key ids): at most {@code rate}
 * IAM requests per second, {@code threads} at a time, by {@code path} ({@code auto}: fewer estimated calls; or
 * {@code bulk} / {@code per-user}). IAM throttles per account, so the rate is the account's budget, not the machine's.
 */
public record DetailReads(String path, double rate, int threads) {
    public static final List<String> PATHS = List.of("auto", "bulk", "per-user");
    /** {@code AwsIamDirectory}'s own defaults, for accounts whose limit nobody measured. */
    public static final DetailReads DEFAULTS = new DetailReads("auto", 15, 4);
    static final double MAX_RATE = 100;
    static final int MAX_THREADS = 32;

    /** @throws IllegalArgumentException with a one-line reason naming the bad value */
    public DetailReads {
        path = path == null ? "auto" : path.toLowerCase(Locale.ROOT);
        if (!PATHS.contains(path)) {
            throw new IllegalArgumentException("detail reads path must be auto, bulk or per-user, got '" + path + "'");
        }
        if (!(rate > 0 && rate <= MAX_RATE)) {
            throw new IllegalArgumentException("detail read rate must be above 0 and at most " + (int) MAX_RATE
                    + " requests per second, got " + rate);
        }
        if (threads < 1 || threads > MAX_THREADS) {
            throw new IllegalArgumentException("detail read threads must be between 1 and " + MAX_THREADS + ", got "
                    + threads);
        }
    }

    /** The directory reading this way; a directory that is not AWS's (tests, fakes) is returned as it is. */
    public IamDirectory apply(IamDirectory directory) {
        if (equals(DEFAULTS) || !(directory instanceof AwsIamDirectory aws)) {
            return directory;
        }
        return aws.withDetailReads(rate, threads, path);
    }
}
