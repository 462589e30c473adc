package io.jenkins.plugins.iamjanitor.integrations.aws.cloudtrail;

import io.jenkins.plugins.iamjanitor.integrations.aws.AwsClients;
import io.jenkins.plugins.iamjanitor.integrations.aws.AwsSettings;
import io.jenkins.plugins.iamjanitor.integrations.http.HttpProxy;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.SdkHttpClient;
import io.jenkins.plugins.iamjanitor.integrations.aws.AwsHttpClients;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;

/**
 * Builds the SDK clients, one per region, sharing one HTTP client. The SDK's own retries are off: the adapter retries
 * itself so that every attempt, retries included, passes through the region's rate limiter.
 */
public final class CloudTrailClientFactory implements CloudTrailClients {
    private final URI endpointOverride;
    private final AwsCredentialsProvider credentials;
    private final Duration attemptTimeout;
    private final SdkHttpClient http;
    private final Map<String, CloudTrailClient> clients = new HashMap<>();

    /** @param endpointOverride null for the real regional endpoints; the sandbox URL otherwise */
    public CloudTrailClientFactory(URI endpointOverride, AwsCredentialsProvider credentials, Duration attemptTimeout) {
        this(endpointOverride, credentials, attemptTimeout, null);
    }

    /** @param proxy HTTP proxy for CloudTrail calls, null for a direct connection */
    public CloudTrailClientFactory(URI endpointOverride, AwsCredentialsProvider credentials, Duration attemptTimeout,
            HttpProxy proxy) {
        this.endpointOverride = endpointOverride;
        this.credentials = credentials;
        this.attemptTimeout = attemptTimeout;
        this.http = AwsHttpClients.create(Duration.ofSeconds(10), attemptTimeout, proxy);
    }

    /**
     * The CloudTrail clients for the account that {@code aws} reaches: its credentials (assumed role included) and
     * its CloudTrail endpoint (or its general endpoint override). Regions come from the CloudTrail settings, and the
     * retry policy is the adapter's own, not {@link AwsClients}', so that retries respect the rate limit.
     */
    public static CloudTrailClientFactory from(AwsClients aws) {
        AwsSettings settings = aws.settings();
        URI endpoint = settings.cloudTrailEndpointOverride() != null
                ? settings.cloudTrailEndpointOverride() : settings.endpointOverride();
        return new CloudTrailClientFactory(endpoint, aws.credentialsProvider(), Duration.ofSeconds(60),
                settings.proxy());
    }

    @Override
    public synchronized CloudTrailClient forRegion(String region) {
        return clients.computeIfAbsent(region, r -> {
            var builder = CloudTrailClient.builder()
                    .region(Region.of(r))
                    .credentialsProvider(credentials)
                    .httpClient(http)
                    .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())
                            .apiCallAttemptTimeout(attemptTimeout));
            if (endpointOverride != null) {
                builder.endpointOverride(endpointOverride);
            }
            return builder.build();
        });
    }

    @Override
    public synchronized void close() {
        clients.values().forEach(CloudTrailClient::close);
        clients.clear();
        http.close();
    }
}
