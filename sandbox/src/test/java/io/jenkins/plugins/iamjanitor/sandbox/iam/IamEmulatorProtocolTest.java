package io.jenkins.plugins.iamjanitor.sandbox.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The wire shapes, checked with a plain HTTP client (the SDK-level tests live in integrations). */
class IamEmulatorProtocolTest {
    private IamEmulator.Running running;
    private IamEmulator emulator;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        running = IamEmulator.start(Scenario.builtIn(), new Faults(FaultPlan.none()));
        emulator = running.emulator();
    }

    @AfterEach
    void stop() {
        running.close();
    }

    private HttpResponse<String> call(String... kv) throws IOException, InterruptedException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("Version", "2010-05-08");
        for (int i = 0; i < kv.length; i += 2) {
            form.put(kv[i], kv[i + 1]);
        }
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(emulator.endpoint() + "/"))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=AKIATEST/20261123/us-east-1/iam/aws4_request,"
                        + " SignedHeaders=host;x-amz-date, Signature=0000")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String first(String xml, String tag) {
        Matcher m = Pattern.compile("<" + tag + ">(.*?)</" + tag + ">", Pattern.DOTALL).matcher(xml);
        return m.find() ? m.group(1) : null;
    }

    @Test
    void defaultScenarioHasFortyUsersAndListUsersPaginates() throws Exception {
        HttpResponse<String> page1 = call("Action", "ListUsers", "MaxItems", "25");
        assertThat(page1.statusCode()).isEqualTo(200);
        assertThat(page1.body()).startsWith("<ListUsersResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\">"
                + "<ListUsersResult><Users><member><Path>/</Path><UserName>alice.active-console</UserName>");
        assertThat(page1.body()).contains("<IsTruncated>true</IsTruncated>").contains("<RequestId>");
        String marker = first(page1.body(), "Marker");
        HttpResponse<String> page2 = call("Action", "ListUsers", "MaxItems", "25", "Marker", marker);
        assertThat(page2.body()).contains("<IsTruncated>false</IsTruncated>").doesNotContain("<Marker>");
        int total = page1.body().split("<member>").length - 1 + page2.body().split("<member>").length - 1;
        assertThat(total).isEqualTo(40);
        assertThat(emulator.calls("ListUsers")).isEqualTo(2);
    }

    @Test
    void errorsUseTheAwsErrorDocumentAndStatus() throws Exception {
        HttpResponse<String> missing = call("Action", "GetUser", "UserName", "nobody");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).startsWith("<ErrorResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\">"
                + "<Error><Type>Sender</Type><Code>NoSuchEntity</Code>"
                + "<Message>The user with name nobody cannot be found.</Message></Error><RequestId>");
        HttpResponse<String> conflict = call("Action", "DeleteUser", "UserName", "zed.full-house");
        assertThat(conflict.statusCode()).isEqualTo(409);
        assertThat(first(conflict.body(), "Code")).isEqualTo("DeleteConflict");
        assertThat(first(conflict.body(), "Message")).contains("login profile");
        assertThat(call("Action", "ListUsers", "MaxItems", "0").statusCode()).isEqualTo(400);
        assertThat(call("Action", "Frobnicate").body()).contains("<Code>InvalidAction</Code>");
    }

    @Test
    void credentialReportGoesThroughItsLifeCycle() throws Exception {
        assertThat(call("Action", "GetCredentialReport").body()).contains("<Code>ReportNotPresent</Code>");
        emulator.state().reports().setPollsUntilComplete(2);
        assertThat(first(call("Action", "GenerateCredentialReport").body(), "State")).isEqualTo("STARTED");
        HttpResponse<String> inProgress = call("Action", "GetCredentialReport");
        assertThat(inProgress.statusCode()).isEqualTo(404);
        assertThat(first(inProgress.body(), "Code")).isEqualTo("ReportInProgress");
        HttpResponse<String> done = call("Action", "GetCredentialReport");
        assertThat(done.statusCode()).isEqualTo(200);
        String csv = new String(Base64.getDecoder().decode(first(done.body(), "Content")), StandardCharsets.UTF_8);
        String[] lines = csv.split("\n");
        assertThat(lines[0]).isEqualTo(CredentialReports.HEADER);
        assertThat(lines[1]).startsWith("<root_account>,arn:aws:iam::123456789012:root,")
                .contains(",not_supported,");
        assertThat(lines).hasSize(42);
        String judy = java.util.Arrays.stream(lines).filter(l -> l.startsWith("judy.")).findFirst().orElseThrow();
        assertThat(judy.split(",", -1)).hasSize(22);
        assertThat(judy.split(",")[3]).isEqualTo("true");
        assertThat(judy.split(",")[4]).isEqualTo("N/A");
        assertThat(csv).contains("victor.no-information").contains(",no_information,");
        assertThat(first(call("Action", "GenerateCredentialReport").body(), "State")).isEqualTo("COMPLETE");
        emulator.state().reports().expire();
        HttpResponse<String> expired = call("Action", "GetCredentialReport");
        assertThat(expired.statusCode()).isEqualTo(410);
        assertThat(first(expired.body(), "Code")).isEqualTo("ReportExpired");
    }

    @Test
    void virtualMfaDevicesOutliveTheirUserUntilDeleted() throws Exception {
        String serial = "arn:aws:iam::123456789012:mfa/yara.virtual-mfa";
        assertThat(call("Action", "DeleteVirtualMFADevice", "SerialNumber", serial).statusCode()).isEqualTo(409);
        call("Action", "DeactivateMFADevice", "UserName", "yara.virtual-mfa", "SerialNumber", serial);
        call("Action", "DeleteLoginProfile", "UserName", "yara.virtual-mfa");
        assertThat(call("Action", "DeleteUser", "UserName", "yara.virtual-mfa").statusCode()).isEqualTo(200);
        assertThat(call("Action", "ListVirtualMFADevices", "AssignmentStatus", "Unassigned").body())
                .contains(serial).contains("orphaned-device");
        assertThat(call("Action", "DeleteVirtualMFADevice", "SerialNumber", serial).statusCode()).isEqualTo(200);
        assertThat(call("Action", "DeleteVirtualMFADevice", "SerialNumber", serial).statusCode()).isEqualTo(404);
    }

    @Test
    void inlinePolicyDocumentsComeBackUrlEncoded() throws Exception {
        String body = call("Action", "GetUserPolicy", "UserName", "zed.full-house", "PolicyName", "s3-reports").body();
        assertThat(first(body, "PolicyDocument")).startsWith("%7B%22Version%22");
        assertThat(call("Action", "ListUserPolicies", "UserName", "zed.full-house").body())
                .contains("<PolicyNames><member>s3-reports</member></PolicyNames>");
    }

    @Test
    void stsAssumeRoleIsRecorded() throws Exception {
        HttpResponse<String> r = call("Version", "2011-06-15", "Action", "AssumeRole",
                "RoleArn", "arn:aws:iam::123456789012:role/janitor", "RoleSessionName", "iam-janitor-alice",
                "ExternalId", "xyz");
        assertThat(r.body()).startsWith("<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">")
                .contains("<Arn>arn:aws:sts::123456789012:assumed-role/janitor/iam-janitor-alice</Arn>");
        assertThat(emulator.state().assumeRoleCalls()).singleElement()
                .satisfies(c -> assertThat(c.externalId()).isEqualTo("xyz"));
        assertThat(call("Version", "2011-06-15", "Action", "AssumeRole", "RoleArn",
                "arn:aws:iam::123456789012:role/janitor", "RoleSessionName", "bad name!").statusCode()).isEqualTo(400);
    }

    @Test
    void faultsAreInjected() throws Exception {
        emulator.faults().failNext("ListUsers", Faults.Kind.THROTTLE, 1);
        HttpResponse<String> throttled = call("Action", "ListUsers");
        assertThat(throttled.statusCode()).isEqualTo(400);
        assertThat(first(throttled.body(), "Code")).isEqualTo("Throttling");
        emulator.faults().failNext("ListUsers", Faults.Kind.SERVER_ERROR, 1);
        assertThat(call("Action", "ListUsers").statusCode()).isEqualTo(500);
        emulator.faults().failNext("ListUsers", Faults.Kind.DROP, 1);
        assertThatThrownBy(() -> call("Action", "ListUsers")).isInstanceOf(IOException.class);
        assertThat(call("Action", "ListUsers").statusCode()).isEqualTo(200);
    }

    @Test
    void malformedScenarioFailsWithAClearMessage() {
        assertThatThrownBy(() -> emulator.seed("{\"users\":[{\"name\":\"x\",\"pasword\":{}}]}"))
                .hasMessage("scenario iam.users[0] (x): unknown field 'pasword'");
    }
}
