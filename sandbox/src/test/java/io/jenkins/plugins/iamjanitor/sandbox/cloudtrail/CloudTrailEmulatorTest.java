package io.jenkins.plugins.iamjanitor.sandbox.cloudtrail;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.iamjanitor.sandbox.LoopbackServer;
import io.jenkins.plugins.iamjanitor.sandbox.Scenario;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The wire protocol as a non-SDK client sees it; the SDK path is tested in integrations. */
class CloudTrailEmulatorTest {
    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private static final String SCENARIO = """
            {"cloudtrail": {"requestsPerSecond": 2, "burst": 2, "events": [
              {"userName": "alice", "accessKeyId": "AKIAALICE00000000001", "eventName": "GetUser",
               "eventSource": "iam.amazonaws.com", "daysAgo": 3, "errorCode": "AccessDenied"},
              {"userName": "alice", "consoleLogin": "Success", "mfaUsed": true, "region": "eu-west-1", "daysAgo": 1},
              {"userName": "alice", "eventName": "ListBuckets", "eventSource": "s3.amazonaws.com", "daysAgo": 95}
            ]}}""";
    private final AtomicLong nanos = new AtomicLong();
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper mapper = new ObjectMapper();
    private CloudTrailEmulator emulator;
    private LoopbackServer server;

    @BeforeEach
    void start() {
        emulator = new CloudTrailEmulator(Scenario.parse("test", SCENARIO), Clock.fixed(NOW, ZoneOffset.UTC),
                nanos::get);
        server = emulator.serve();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> call(String region, String target, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(server.uri("/"))
                .header("X-Amz-Target", target)
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261123/" + region
                        + "/cloudtrail/aws4_request, SignedHeaders=host, Signature=abc")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> lookup(String region, String body) throws Exception {
        return call(region, CloudTrailEmulator.TARGET_PREFIX + "LookupEvents", body);
    }

    private JsonNode json(HttpResponse<String> response) throws Exception {
        return mapper.readTree(response.body());
    }

    @Test
    void answersByUserNameInTheSignedRegionWithTheCloudTrailEventRecord() throws Exception {
        HttpResponse<String> response = lookup("us-east-1",
                "{\"LookupAttributes\":[{\"AttributeKey\":\"Username\",\"AttributeValue\":\"alice\"}]}");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode events = json(response).get("Events");
        assertThat(events).hasSize(1); // the eu-west-1 sign-in is in another region; the 95-day event is too old
        assertThat(events.get(0).get("EventName").asText()).isEqualTo("GetUser");
        assertThat(events.get(0).get("EventTime").asDouble()).isEqualTo(NOW.minusSeconds(3 * 86400).getEpochSecond());
        JsonNode record = mapper.readTree(events.get(0).get("CloudTrailEvent").asText());
        assertThat(record.get("errorCode").asText()).isEqualTo("AccessDenied");
        assertThat(record.get("userIdentity").get("accessKeyId").asText()).isEqualTo("AKIAALICE00000000001");

        JsonNode signIn = json(lookup("eu-west-1",
                "{\"LookupAttributes\":[{\"AttributeKey\":\"Username\",\"AttributeValue\":\"alice\"}]}"))
                .get("Events").get(0);
        JsonNode login = mapper.readTree(signIn.get("CloudTrailEvent").asText());
        assertThat(login.at("/responseElements/ConsoleLogin").asText()).isEqualTo("Success");
        assertThat(login.at("/additionalEventData/MFAUsed").asText()).isEqualTo("Yes");
        assertThat(emulator.requestCounts()).containsEntry("us-east-1", 1L).containsEntry("eu-west-1", 1L);
    }

    @Test
    void pagesWithATokenBoundToTheQuery() throws Exception {
        emulator.events().generate("bob", java.util.List.of("AKIABOB0000000000001"), 7,
                java.util.List.of("us-east-1"), NOW, new java.util.SplittableRandom(1));
        String query = "{\"LookupAttributes\":[{\"AttributeKey\":\"Username\",\"AttributeValue\":\"bob\"}],"
                + "\"MaxResults\":5";
        JsonNode first = json(lookup("us-east-1", query + "}"));
        nanos.addAndGet(1_000_000_000L);
        JsonNode second = json(lookup("us-east-1", query + ",\"NextToken\":\"" + first.get("NextToken").asText()
                + "\"}"));

        assertThat(first.get("Events")).hasSize(5);
        assertThat(second.get("Events")).hasSize(2);
        assertThat(second.has("NextToken")).isFalse();
        HttpResponse<String> foreign = lookup("us-east-1", "{\"NextToken\":\"" + first.get("NextToken").asText()
                + "\"}");
        assertThat(json(foreign).get("__type").asText()).isEqualTo("InvalidNextTokenException");
    }

    @Test
    void validatesAttributesMaxResultsAndTimeRange() throws Exception {
        HttpResponse<String> two = lookup("us-east-1", "{\"LookupAttributes\":["
                + "{\"AttributeKey\":\"Username\",\"AttributeValue\":\"a\"},"
                + "{\"AttributeKey\":\"AccessKeyId\",\"AttributeValue\":\"b\"}]}");
        nanos.addAndGet(1_000_000_000L);
        HttpResponse<String> unknown = lookup("us-east-1",
                "{\"LookupAttributes\":[{\"AttributeKey\":\"UserName\",\"AttributeValue\":\"a\"}]}");
        nanos.addAndGet(1_000_000_000L);
        HttpResponse<String> tooMany = lookup("us-east-1", "{\"MaxResults\":51}");
        nanos.addAndGet(1_000_000_000L);
        HttpResponse<String> backwards = lookup("us-east-1", "{\"StartTime\":1700000000,\"EndTime\":1600000000}");

        assertThat(two.statusCode()).isEqualTo(400);
        assertThat(json(two).get("__type").asText()).isEqualTo("InvalidLookupAttributesException");
        assertThat(json(unknown).get("__type").asText()).isEqualTo("InvalidLookupAttributesException");
        assertThat(json(tooMany).get("__type").asText()).isEqualTo("InvalidMaxResultsException");
        assertThat(json(backwards).get("__type").asText()).isEqualTo("InvalidTimeRangeException");
        HttpResponse<String> wrongTarget = call("us-east-1", "CloudTrail_20131101.LookupEvents", "{}");
        assertThat(json(wrongTarget).get("__type").asText()).isEqualTo("UnknownOperationException");
    }

    @Test
    void enforcesTheRatePerRegionWithThrottlingException() throws Exception {
        assertThat(lookup("us-east-1", "{}").statusCode()).isEqualTo(200);
        assertThat(lookup("us-east-1", "{}").statusCode()).isEqualTo(200); // burst of 2
        HttpResponse<String> third = lookup("us-east-1", "{}");
        assertThat(lookup("eu-west-1", "{}").statusCode()).isEqualTo(200); // another region, another bucket

        assertThat(third.statusCode()).isEqualTo(400);
        assertThat(json(third).get("__type").asText()).isEqualTo("ThrottlingException");
        nanos.addAndGet(500_000_000L); // half a second at 2/s refills one token
        assertThat(lookup("us-east-1", "{}").statusCode()).isEqualTo(200);
        assertThat(lookup("us-east-1", "{}").statusCode()).isEqualTo(400);
        assertThat(emulator.throttledCounts()).containsEntry("us-east-1", 2L).doesNotContainKey("eu-west-1");
        assertThat(emulator.requestCounts()).containsEntry("us-east-1", 5L);
    }

    @Test
    void failsARegionOnRequest() throws Exception {
        emulator.failRegion("ap-south-1", 400, "UnrecognizedClientException", "The security token is invalid.");

        HttpResponse<String> response = lookup("ap-south-1", "{}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("__type").asText()).isEqualTo("UnrecognizedClientException");
    }

    @Test
    void takesTheRegionFromTheCredentialScopeOrTheHost() {
        assertThat(CloudTrailEmulator.region("AWS4-HMAC-SHA256 Credential=AKID/20261123/eu-central-1/cloudtrail/"
                + "aws4_request, SignedHeaders=host", "127.0.0.1:8080")).isEqualTo("eu-central-1");
        assertThat(CloudTrailEmulator.region("", "cloudtrail.ap-southeast-2.amazonaws.com"))
                .isEqualTo("ap-southeast-2");
        assertThat(CloudTrailEmulator.region(null, "127.0.0.1")).isEqualTo("us-east-1");
    }

    @Test
    void seedsTheBuiltInScenario() {
        CloudTrailEmulator builtIn = new CloudTrailEmulator(Scenario.builtIn());

        assertThat(builtIn.events().size()).isEqualTo(7);
        assertThat(builtIn.rateLimit()).isEqualTo(CloudTrailEmulator.AWS_REQUESTS_PER_SECOND);
    }

    @Test
    void rejectsASeededEventWithoutUserOrKey() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new CloudTrailEmulator(Scenario.parse("bad",
                "{\"cloudtrail\":{\"events\":[{\"eventName\":\"GetUser\"}]}}")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cloudtrail.events[0] needs a userName or an accessKeyId");
    }
}
