package io.jenkins.plugins.iamjanitor.integrations.http;

import java.io.IOException;
import java.net.Authenticator;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An HTTP proxy for the AWS, Slack and Jira clients (the Jenkins plugin fills it from Jenkins' proxy configuration).
 * Hosts matching a no-proxy pattern are reached directly; patterns are host names where {@code *} matches anything,
 * as in Jenkins' "No Proxy Host" field. {@code toString} never shows the password.
 *
 * @param username null when the proxy needs no authentication
 */
public record HttpProxy(String host, int port, String username, String password, List<String> noProxyHosts) {

    public HttpProxy {
        Objects.requireNonNull(host, "host");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("proxy port must be between 1 and 65535, got " + port);
        }
        noProxyHosts = noProxyHosts == null ? List.of() : List.copyOf(noProxyHosts);
    }

    /** The no-proxy patterns as regular expressions over lower-case host names (the form the AWS SDK takes). */
    public List<String> noProxyRegexes() {
        return noProxyHosts.stream().map(String::trim).filter(p -> !p.isEmpty())
                .map(p -> Pattern.quote(p.toLowerCase(Locale.ROOT)).replace("*", "\\E.*\\Q")).toList();
    }

    /** Whether a request to {@code targetHost} goes through this proxy. */
    public boolean proxies(String targetHost) {
        String h = targetHost == null ? "" : targetHost.toLowerCase(Locale.ROOT);
        return noProxyRegexes().stream().noneMatch(h::matches);
    }

    /** For the JDK HttpClient: this proxy, except for the no-proxy hosts. */
    public ProxySelector selector() {
        return new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                return proxies(uri.getHost()) ? List.of(new Proxy(Proxy.Type.HTTP,
                        InetSocketAddress.createUnresolved(host, port))) : List.of(Proxy.NO_PROXY);
            }

            @Override
            public void connectFailed(URI uri, SocketAddress sa, IOException e) {
                // The client reports the failure itself; there is no other proxy to fall back to.
            }
        };
    }

    /** Answers the proxy's authentication challenge only (never a target server's); null without a username. */
    public Authenticator authenticator() {
        if (username == null) {
            return null;
        }
        return new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                return getRequestorType() == RequestorType.PROXY ? new PasswordAuthentication(username,
                        (password == null ? "" : password).toCharArray()) : null;
            }
        };
    }

    /** Routes a JDK HttpClient through {@code proxy}; a null proxy leaves the builder as it is. */
    public static HttpClient.Builder configure(HttpClient.Builder builder, HttpProxy proxy) {
        if (proxy != null) {
            builder.proxy(proxy.selector());
            Authenticator auth = proxy.authenticator();
            if (auth != null) {
                builder.authenticator(auth);
            }
        }
        return builder;
    }

    @Override
    public String toString() {
        return "HttpProxy[" + host + ":" + port + (username == null ? "" : ", user=" + username + ", password=****")
                + ", noProxyHosts=" + noProxyHosts + "]";
    }
}
