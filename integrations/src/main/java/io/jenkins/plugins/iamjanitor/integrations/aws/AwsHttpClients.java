package io.jenkins.plugins.iamjanitor.integrations.aws;

import java.time.Duration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;

/**
 * The one HTTP client flavour every AWS client here uses: the SDK's Apache client, because Jenkins' aws-java-sdk2-core
 * plugin provides it (the plugin bundles no HTTP client of its own) and it honours an HTTP proxy.
 */
public final class AwsHttpClients {
    private AwsHttpClients() {
    }

    public static SdkHttpClient create(Duration connectTimeout, Duration socketTimeout) {
        return ApacheHttpClient.builder()
                .connectionTimeout(connectTimeout)
                .socketTimeout(socketTimeout)
                .build();
    }
}
