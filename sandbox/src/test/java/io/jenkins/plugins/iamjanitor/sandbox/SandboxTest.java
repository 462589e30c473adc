package io.jenkins.plugins.iamjanitor.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class SandboxTest {
    static HttpResponse<String> listUsers(URI endpoint) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(endpoint.resolve("/"))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString("Action=ListUsers&Version=2010-05-08&MaxItems=1000"))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void startsEveryEmulatorOnLoopbackAndReportsEndpoints() throws Exception {
        try (Sandbox sandbox = Sandbox.start(Scenario.builtIn(), 0)) {
            assertThat(sandbox.port()).isPositive();
            assertThat(sandbox.endpoints())
                    .containsOnlyKeys(Sandbox.IAM, Sandbox.CLOUDTRAIL, Sandbox.SLACK, Sandbox.JIRA);
            assertThat(sandbox.endpoints().values()).allSatisfy(uri -> assertThat(uri.getHost()).isEqualTo("127.0.0.1"));
            URI iam = sandbox.endpoints().get(Sandbox.IAM);
            assertThat(iam.getHost()).isEqualTo("127.0.0.1");
            assertThat(iam.getPort()).isEqualTo(sandbox.port());
            HttpResponse<String> response = listUsers(iam);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("<ListUsersResponse").contains("zed.full-house");
        }
    }

    @Test
    void scenarioSeedsTheEmulatorsAndABusyPortFailsClearly() throws Exception {
        Scenario one = Scenario.parse("one", "{\"iam\": {\"users\": [{\"name\": \"solo\"}]}}");
        try (Sandbox sandbox = Sandbox.start(one, 0)) {
            assertThat(listUsers(sandbox.iamEndpoint()).body()).contains("solo").doesNotContain("zed.full-house");
            assertThatThrownBy(() -> Sandbox.start(one, sandbox.port()))
                    .hasMessage("port " + sandbox.port() + " on 127.0.0.1 is already in use; choose another --port"
                            + " (or 0 for a free one)");
        }
    }
}
