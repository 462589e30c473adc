package io.jenkins.plugins.iamjanitor.integrations.aws;

import io.jenkins.plugins.iamjanitor.integrations.http.HttpProxy;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashSet;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.apache.ProxyConfiguration;

/**
 * The one HTTP client flavour every AWS client here uses: the SDK's Apache client, because Jenkins' aws-java-sdk2-core
 * plugin provides it (the plugin bundles no HTTP client of its own) and it honours an HTTP proxy.
 */
public final class AwsHttpClients {
    private AwsHttpClients() {
    }

    public static SdkHttpClient create(Duration connectTimeout, Duration socketTimeout) {
        return create(connectTimeout, socketTimeout, null);
    }

    /** @param proxy null: the SDK's defaults (its proxy system properties and environment variables, if any) */
    public static SdkHttpClient create(Duration connectTimeout, Duration socketTimeout, HttpProxy proxy) {
        ApacheHttpClient.Builder builder = ApacheHttpClient.builder()
                .connectionTimeout(connectTimeout)
                .socketTimeout(socketTimeout);
        if (proxy != null) {
            builder.proxyConfiguration(proxyConfiguration(proxy));
        }
        return builder.build();
    }

    /** An explicit proxy only: neither system properties nor environment variables may add to or override it. */
    static ProxyConfiguration proxyConfiguration(HttpProxy proxy) {
        ProxyConfiguration.Builder p = ProxyConfiguration.builder()
                .endpoint(URI.create("http://" + proxy.host() + ":" + proxy.port()))
                .nonProxyHosts(new LinkedHashSet<>(proxy.noProxyRegexes()))
                .useSystemPropertyValues(false)
                .useEnvironmentVariableValues(false);
        if (proxy.username() != null) {
            p.username(proxy.username()).password(proxy.password());
        }
        return p.build();
    }
}
