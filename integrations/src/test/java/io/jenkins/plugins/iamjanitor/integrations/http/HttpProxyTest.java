package io.jenkins.plugins.iamjanitor.integrations.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.iamjanitor.integrations.aws.AwsClients;
import io.jenkins.plugins.iamjanitor.integrations.aws.AwsCredentialsSource;
import io.jenkins.plugins.iamjanitor.integrations.aws.AwsSettings;
import io.jenkins.plugins.iamjanitor.integrations.aws.cloudtrail.CloudTrailClientFactory;
import io.jenkins.plugins.iamjanitor.integrations.jira.JiraCredentials;
import io.jenkins.plugins.iamjanitor.integrations.jira.JiraFlavour;
import io.jenkins.plugins.iamjanitor.integrations.jira.JiraRestClient;
import io.jenkins.plugins.iamjanitor.integrations.slack.SlackSecret;
import io.jenkins.plugins.iamjanitor.integrations.slack.SlackWebClient;
import io.jenkins.plugins.iamjanitor.sandbox.Sandbox;
import io.jenkins.plugins.iamjanitor.sandbox.Scenario;
import io.jenkins.plugins.iamjanitor.sandbox.jira.JiraScenario;
import io.jenkins.plugins.iamjanitor.sandbox.proxy.ForwardProxy;
import java.net.Proxy;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudtrail.model.LookupEventsRequest;

/** The AWS, Slack and Jira clients through an authenticating HTTP proxy (a loopback one in front of the emulators). */
class HttpProxyTest {
    static final AwsCredentialsSource KEYS = new AwsCredentialsSource.Static("AKIASANDBOXTEST00001", "sandbox-secret",
            null);
    Sandbox sandbox;
    ForwardProxy proxy;

    @BeforeEach
    void start() {
        sandbox = Sandbox.start(Scenario.builtIn(), 0);
        proxy = new ForwardProxy("janitor", "proxy-pass");
    }

    @AfterEach
    void stop() {
        proxy.close();
        sandbox.close();
    }

    HttpProxy via(String... noProxy) {
        return new HttpProxy("127.0.0.1", proxy.port(), "janitor", "proxy-pass", List.of(noProxy));
    }

    @Test
    void everyClientGoesThroughTheProxyAndAnswersItsChallenge() {
        String iamBase = sandbox.iamEndpoint().toString().replaceAll("/$", "");
        AwsSettings aws = new AwsSettings("us-east-1", sandbox.iamEndpoint(),
                sandbox.endpoints().get(Sandbox.CLOUDTRAIL), KEYS, 2, Duration.ofMillis(1), Duration.ofSeconds(30))
                .withProxy(via());
        try (AwsClients clients = new AwsClients(aws); CloudTrailClientFactory trail = CloudTrailClientFactory.from(
                clients)) {
            assertThat(clients.sts().getCallerIdentity().account()).isNotBlank();
            assertThat(clients.iam().listUsers().users()).isNotEmpty();
            trail.forRegion("us-east-1").lookupEvents(LookupEventsRequest.builder().maxResults(1).build());
        }
        assertThat(new SlackWebClient(sandbox.slack().apiBase(), SlackSecret.of("xoxb-sandbox-bot-token"), via())
                .authTest()).isNotBlank();
        assertThat(JiraRestClient.create(sandbox.jira().baseUrl(), JiraCredentials.cloud(JiraScenario.DEFAULT_EMAIL,
                JiraScenario.DEFAULT_API_TOKEN), JiraFlavour.CLOUD, via()).myself().path("accountId").asText())
                .isNotBlank();

        List<String> seen = proxy.forwarded();
        assertThat(seen).anyMatch(r -> r.startsWith("POST " + iamBase)); // IAM and STS (query protocol)
        assertThat(seen).anyMatch(r -> r.startsWith("POST " + sandbox.endpoints().get(Sandbox.CLOUDTRAIL)
                .toString().replaceAll("/$", "")));
        assertThat(seen).anyMatch(r -> r.contains("auth.test"));
        assertThat(seen).anyMatch(r -> r.contains("/myself"));
        // Each client was first refused and then sent the proxy credentials: the challenge path works too.
        assertThat(proxy.challenged()).isNotEmpty();
    }

    @Test
    void noProxyHostsAreReachedDirectly() {
        HttpProxy p = via("localhost", "127.0.0.*");
        new SlackWebClient(sandbox.slack().apiBase(), SlackSecret.of("xoxb-sandbox-bot-token"), p).authTest();
        try (AwsClients clients = new AwsClients(new AwsSettings("us-east-1", sandbox.iamEndpoint(), null, KEYS, 2,
                Duration.ofMillis(1), Duration.ofSeconds(30)).withProxy(p))) {
            clients.sts().getCallerIdentity();
        }
        assertThat(proxy.forwarded()).isEmpty();
        assertThat(proxy.challenged()).isEmpty();
    }

    @Test
    void noProxyPatternsAreHostNamesWithWildcards() {
        HttpProxy p = new HttpProxy("proxy.corp", 3128, "u", "hunter2", List.of("*.internal.example", "jira.corp"));
        assertThat(p.proxies("sts.amazonaws.com")).isTrue();
        assertThat(p.proxies("iam.INTERNAL.example")).isFalse();
        assertThat(p.proxies("jira.corp")).isFalse();
        assertThat(p.proxies("jiraXcorp")).isTrue(); // a dot is a dot, not any character
        assertThat(p.selector().select(URI.create("https://slack.com/api/"))).singleElement()
                .satisfies(proxy -> assertThat(proxy.type()).isEqualTo(Proxy.Type.HTTP));
        assertThat(p.selector().select(URI.create("https://jira.corp/rest"))).containsExactly(Proxy.NO_PROXY);
        assertThat(p.toString()).doesNotContain("hunter2");
    }
}
