package io.jenkins.plugins.iamjanitor.sandbox.iam;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.iamjanitor.sandbox.FaultPlan;
import io.jenkins.plugins.iamjanitor.sandbox.Faults;
import io.jenkins.plugins.iamjanitor.sandbox.Scenario;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The quarantine calls' wire shapes and errors, and how a user's own (inactive) key is answered and reported. */
class IamQuarantineCallsTest {
    private static final String KEY = "AKIATMPMIGRATION0001";
    private IamEmulator.Running running;
    private IamEmulator emulator;
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<IamEmulator.KeyUse> uses = new ArrayList<>();

    @BeforeEach
    void start() {
        running = IamEmulator.start(Scenario.builtIn(), new Faults(FaultPlan.none()));
        emulator = running.emulator();
        emulator.onKeyUse(uses::add);
    }

    @AfterEach
    void stop() {
        running.close();
    }

    @Test
    void updateAccessKeyCreateLoginProfileAndUntagUserBehaveAsInAws() throws Exception {
        assertThat(call("AKIAOPERATOR", "UpdateAccessKey", "UserName", "tmp-migration", "AccessKeyId", KEY,
                "Status", "Inactive").statusCode()).isEqualTo(200);
        assertThat(call("AKIAOPERATOR", "UpdateAccessKey", "AccessKeyId", KEY, "Status", "Paused").body())
                .contains("<Code>ValidationError</Code>");
        assertThat(call("AKIAOPERATOR", "UpdateAccessKey", "UserName", "tmp-migration", "AccessKeyId", "AKIANOPE",
                "Status", "Active").body()).contains("<Code>NoSuchEntity</Code>");
        assertThat(emulator.state().user("tmp-migration").accessKeys.get(0).status).isEqualTo("Inactive");

        HttpResponse<String> created = call("AKIAOPERATOR", "CreateLoginProfile", "UserName", "tmp-migration",
                "Password", "Temp-Passw0rd-123!", "PasswordResetRequired", "true");
        assertThat(created.body()).contains("<PasswordResetRequired>true</PasswordResetRequired>")
                .doesNotContain("Temp-Passw0rd");
        assertThat(call("AKIAOPERATOR", "GetLoginProfile", "UserName", "tmp-migration").body())
                .contains("<PasswordResetRequired>true</PasswordResetRequired>");
        assertThat(call("AKIAOPERATOR", "CreateLoginProfile", "UserName", "tmp-migration", "Password",
                "Another-Passw0rd!").body()).contains("<Code>EntityAlreadyExists</Code>");
        assertThat(call("AKIAOPERATOR", "CreateLoginProfile", "UserName", "oscar.no-credentials", "Password",
                "short").body()).contains("<Code>PasswordPolicyViolation</Code>").doesNotContain("short");

        call("AKIAOPERATOR", "TagUser", "UserName", "tmp-migration", "Tags.member.1.Key", "a", "Tags.member.1.Value",
                "1", "Tags.member.2.Key", "b", "Tags.member.2.Value", "2");
        assertThat(call("AKIAOPERATOR", "UntagUser", "UserName", "tmp-migration", "TagKeys.member.1", "a",
                "TagKeys.member.2", "absent").statusCode()).isEqualTo(200);
        assertThat(emulator.state().user("tmp-migration").tags).containsOnlyKeys("b");
        assertThat(uses).isEmpty(); // the operator's key is no user's key
    }

    @Test
    void aUsersInactiveKeyIsRefusedWithInvalidClientTokenIdAndReportedAnActiveOneCountsAsUsed() throws Exception {
        HttpResponse<String> ok = call(KEY, "GetUser", "UserName", "tmp-migration");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(emulator.state().user("tmp-migration").accessKeys.get(0).lastUsedService).isEqualTo("iam");

        call("AKIAOPERATOR", "UpdateAccessKey", "AccessKeyId", KEY, "Status", "Inactive");
        HttpResponse<String> refused = call(KEY, "GetUser", "UserName", "tmp-migration");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("<Code>InvalidClientTokenId</Code>");

        assertThat(uses).extracting(IamEmulator.KeyUse::userName, IamEmulator.KeyUse::accessKeyId,
                IamEmulator.KeyUse::action, IamEmulator.KeyUse::errorCode).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("tmp-migration", KEY, "GetUser", null),
                        org.assertj.core.groups.Tuple.tuple("tmp-migration", KEY, "GetUser", "InvalidClientTokenId"));
    }

    private HttpResponse<String> call(String accessKeyId, String action, String... kv)
            throws IOException, InterruptedException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("Action", action);
        form.put("Version", "2010-05-08");
        for (int i = 0; i < kv.length; i += 2) {
            form.put(kv[i], kv[i + 1]);
        }
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(emulator.endpoint() + "/"))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=" + accessKeyId
                        + "/20261123/us-east-1/iam/aws4_request, SignedHeaders=host;x-amz-date, Signature=0000")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
