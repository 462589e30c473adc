package io.jenkins.plugins.iamjanitor.integrations.aws;

import io.jenkins.plugins.iamjanitor.integrations.http.HttpProxy;
import java.net.URI;
import java.time.Duration;

/**
 * How to reach AWS.
 *
 * @param region           signing region; IAM is global, "us-east-1" by default
 * @param endpointOverride IAM and STS endpoint (the sandbox), null for AWS
 * @param cloudTrailEndpointOverride CloudTrail endpoint, null to use {@code endpointOverride}
 * @param credentials      where credentials come from
 * @param maxAttempts      attempts per call, first one included (throttling, 5xx and I/O errors are retried)
 * @param retryBaseDelay   first backoff delay, doubled per attempt with jitter (throttling uses 5x this)
 * @param apiTimeout       total time per call, retries included
 * @param proxy            HTTP proxy for every AWS call (STS and CloudTrail too), null for a direct connection
 */
public record AwsSettings(String region, URI endpointOverride, URI cloudTrailEndpointOverride,
        AwsCredentialsSource credentials, int maxAttempts, Duration retryBaseDelay, Duration apiTimeout,
        HttpProxy proxy) {

    public AwsSettings {
        region = region == null || region.isBlank() ? "us-east-1" : region;
        credentials = credentials == null ? new AwsCredentialsSource.DefaultChain() : credentials;
        if (maxAttempts < 1 || maxAttempts > 20) {
            throw new IllegalArgumentException("maxAttempts must be between 1 and 20, got " + maxAttempts);
        }
        retryBaseDelay = retryBaseDelay == null ? Duration.ofMillis(200) : retryBaseDelay;
        apiTimeout = apiTimeout == null ? Duration.ofMinutes(2) : apiTimeout;
    }

    /** Without a proxy. */
    public AwsSettings(String region, URI endpointOverride, URI cloudTrailEndpointOverride,
            AwsCredentialsSource credentials, int maxAttempts, Duration retryBaseDelay, Duration apiTimeout) {
        this(region, endpointOverride, cloudTrailEndpointOverride, credentials, maxAttempts, retryBaseDelay,
                apiTimeout, null);
    }

    /** Real AWS, default credential chain, 8 attempts. */
    public static AwsSettings defaults() {
        return new AwsSettings(null, null, null, null, 8, null, null);
    }

    public AwsSettings withEndpoint(URI endpoint) {
        return new AwsSettings(region, endpoint, cloudTrailEndpointOverride, credentials, maxAttempts, retryBaseDelay,
                apiTimeout, proxy);
    }

    public AwsSettings withCredentials(AwsCredentialsSource source) {
        return new AwsSettings(region, endpointOverride, cloudTrailEndpointOverride, source, maxAttempts,
                retryBaseDelay, apiTimeout, proxy);
    }

    /**
     * The same settings acting for {@code who}: with an assumed role, the STS session name becomes
     * {@code iam-janitor-<who>} so CloudTrail records who approved or ran the change. Other sources are unchanged.
     */
    public AwsSettings withSessionFor(String who) {
        if (credentials instanceof AwsCredentialsSource.AssumeRole role) {
            return withCredentials(new AwsCredentialsSource.AssumeRole(role.roleArn(), role.externalId(),
                    SessionNames.forRunner(who), role.base()));
        }
        return this;
    }

    public AwsSettings withProxy(HttpProxy httpProxy) {
        return new AwsSettings(region, endpointOverride, cloudTrailEndpointOverride, credentials, maxAttempts,
                retryBaseDelay, apiTimeout, httpProxy);
    }

    public AwsSettings withRetries(int attempts, Duration baseDelay) {
        return new AwsSettings(region, endpointOverride, cloudTrailEndpointOverride, credentials, attempts, baseDelay,
                apiTimeout, proxy);
    }
}
