package io.jenkins.plugins.iamjanitor.integrations.aws;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;

/**
 * Builds the SDK clients from {@link AwsSettings}: Apache HTTP client (AwsHttpClients), standard retry strategy (throttling,
 * 5xx and I/O errors, exponential backoff with jitter, configurable attempts), credentials as configured. One
 * instance owns one HTTP client; close it when done.
 */
public final class AwsClients implements AutoCloseable {
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(20);

    private final AwsSettings settings;
    private final SdkHttpClient http;
    private final AwsCredentialsProvider credentials;
    private final java.util.List<StsClient> baseSts = new java.util.ArrayList<>();

    public AwsClients(AwsSettings settings) {
        this.settings = settings;
        this.http = AwsHttpClients.create(Duration.ofSeconds(10), Duration.ofSeconds(60), settings.proxy());
        this.credentials = provider(settings.credentials());
    }

    public AwsSettings settings() {
        return settings;
    }

    public IamClient iam() {
        return configure(IamClient.builder(), settings.endpointOverride()).build();
    }

    public StsClient sts() {
        return stsWith(credentials);
    }

    public CloudTrailClient cloudTrail() {
        URI endpoint = settings.cloudTrailEndpointOverride() != null
                ? settings.cloudTrailEndpointOverride() : settings.endpointOverride();
        return configure(CloudTrailClient.builder(), endpoint).build();
    }

    /** AWS Organizations (a global service); {@code endpoint} overrides it (the sandbox), null for AWS. */
    public OrganizationsClient organizations(URI endpoint) {
        return configure(OrganizationsClient.builder(), endpoint).build();
    }

    /** The credentials provider in use (for callers that build other AWS clients). */
    public AwsCredentialsProvider credentialsProvider() {
        return credentials;
    }

    private <B extends AwsClientBuilder<B, ?>> B configure(B builder, URI endpoint) {
        return configure(builder, endpoint, credentials);
    }

    private <B extends AwsClientBuilder<B, ?>> B configure(B builder, URI endpoint, AwsCredentialsProvider creds) {
        builder.region(Region.of(settings.region()))
                .credentialsProvider(creds)
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(retryStrategy())
                        .apiCallTimeout(settings.apiTimeout())
                        .build());
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        // All clients share the one HTTP client; the SDK does not close a client it did not create.
        if (builder instanceof software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder<?, ?> sync) {
            sync.httpClient(http);
        }
        return builder;
    }

    RetryStrategy retryStrategy() {
        Duration base = settings.retryBaseDelay();
        Duration throttleBase = base.multipliedBy(5);
        return AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(settings.maxAttempts())
                .backoffStrategy(BackoffStrategy.exponentialDelay(base, max(base, MAX_BACKOFF)))
                .throttlingBackoffStrategy(BackoffStrategy.exponentialDelay(throttleBase,
                        max(throttleBase, MAX_BACKOFF)))
                // The token bucket would stop retrying after a burst of failures; a batch job prefers to keep going.
                .circuitBreakerEnabled(false)
                .build();
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private AwsCredentialsProvider provider(AwsCredentialsSource source) {
        if (source instanceof AwsCredentialsSource.Profile p) {
            return ProfileCredentialsProvider.builder().profileName(p.name()).build();
        }
        if (source instanceof AwsCredentialsSource.Static s) {
            return StaticCredentialsProvider.create(s.sessionToken() == null
                    ? AwsBasicCredentials.create(s.accessKeyId(), s.secretAccessKey())
                    : AwsSessionCredentials.create(s.accessKeyId(), s.secretAccessKey(), s.sessionToken()));
        }
        if (source instanceof AwsCredentialsSource.AssumeRole a) {
            return assumeRole(a);
        }
        return DefaultCredentialsProvider.builder().build();
    }

    private AwsCredentialsProvider assumeRole(AwsCredentialsSource.AssumeRole role) {
        StsClient sts = stsWith(provider(role.base()));
        baseSts.add(sts);
        AssumeRoleRequest.Builder request = AssumeRoleRequest.builder()
                .roleArn(role.roleArn())
                .roleSessionName(role.sessionName());
        if (role.externalId() != null) {
            request.externalId(role.externalId());
        }
        return StsAssumeRoleCredentialsProvider.builder().stsClient(sts).refreshRequest(request.build()).build();
    }

    private StsClient stsWith(AwsCredentialsProvider creds) {
        return configure(StsClient.builder(), settings.endpointOverride(), creds).build();
    }

    @Override
    public void close() {
        if (credentials instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                // closing a credentials provider only stops its refresh thread; nothing to report
            }
        }
        // A role assumed on top of another role's session has one base STS client per hop.
        baseSts.forEach(StsClient::close);
        http.close();
    }

    @Override
    public String toString() {
        return "AwsClients[region=" + settings.region() + ", endpoint=" + settings.endpointOverride()
                + ", credentials=" + settings.credentials() + "]";
    }
}
