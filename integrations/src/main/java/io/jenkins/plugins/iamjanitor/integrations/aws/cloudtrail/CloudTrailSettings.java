package io.jenkins.plugins.iamjanitor.integrations.aws.cloudtrail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How the CloudTrail adapter queries: which regions (us-east-1 always first, because IAM, STS and most sign-in events
 * land there), the client-side rate per region (CloudTrail allows 2 LookupEvents requests per second per account per
 * region), and the retry policy for throttling and transient errors.
 *
 * @param threadsPerRegion requests in flight per region; more than one hides network latency behind the rate limit
 * @param maxAttempts      attempts per page before a region is reported as failed (throttling included)
 */
public record CloudTrailSettings(
        List<String> regions,
        double requestsPerSecond,
        int threadsPerRegion,
        int maxAttempts,
        Duration baseBackoff,
        Duration maxBackoff) {

    public static final String HOME_REGION = "us-east-1";
    public static final double AWS_LIMIT_PER_REGION = 2.0;
    public static final int PAGE_SIZE = 50;
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d+");

    public CloudTrailSettings {
        Set<String> ordered = new LinkedHashSet<>();
        ordered.add(HOME_REGION);
        for (String region : regions == null ? List.<String>of() : regions) {
            String r = region == null ? "" : region.trim();
            if (!REGION.matcher(r).matches()) {
                throw new IllegalArgumentException("not an AWS region name: '" + region + "'");
            }
            ordered.add(r);
        }
        regions = List.copyOf(new ArrayList<>(ordered));
        if (!(requestsPerSecond > 0)) {
            throw new IllegalArgumentException("requestsPerSecond must be > 0, got " + requestsPerSecond);
        }
        if (threadsPerRegion < 1 || maxAttempts < 1) {
            throw new IllegalArgumentException("threadsPerRegion and maxAttempts must be at least 1");
        }
        if (baseBackoff.isNegative() || maxBackoff.compareTo(baseBackoff) < 0) {
            throw new IllegalArgumentException("need 0 <= baseBackoff <= maxBackoff");
        }
    }

    /** us-east-1 plus {@code extraRegions}, at the AWS limit, 4 requests in flight per region, 10 attempts. */
    public static CloudTrailSettings defaults(List<String> extraRegions) {
        return new CloudTrailSettings(extraRegions, AWS_LIMIT_PER_REGION, 4, 10, Duration.ofMillis(250),
                Duration.ofSeconds(8));
    }

    public CloudTrailSettings withRate(double perSecond) {
        return new CloudTrailSettings(regions, perSecond, threadsPerRegion, maxAttempts, baseBackoff, maxBackoff);
    }

    public CloudTrailSettings withRetries(int attempts, Duration base, Duration max) {
        return new CloudTrailSettings(regions, requestsPerSecond, threadsPerRegion, attempts, base, max);
    }
}
