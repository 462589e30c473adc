package io.jenkins.plugins.iamjanitor.integrations.aws.cloudtrail;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.iamjanitor.core.activity.ActivityEvent;
import io.jenkins.plugins.iamjanitor.core.activity.ActivityLookup;
import io.jenkins.plugins.iamjanitor.core.activity.ActivityQuery;
import io.jenkins.plugins.iamjanitor.core.activity.ActivitySummary;
import io.jenkins.plugins.iamjanitor.core.activity.ActivitySummaryDocument;
import io.jenkins.plugins.iamjanitor.core.doc.Document;
import io.jenkins.plugins.iamjanitor.core.port.ActivityLog;
import io.jenkins.plugins.iamjanitor.core.port.ProgressListener;
import io.jenkins.plugins.iamjanitor.integrations.aws.AwsClients;
import io.jenkins.plugins.iamjanitor.integrations.aws.AwsCredentialsSource;
import io.jenkins.plugins.iamjanitor.integrations.aws.AwsSettings;
import io.jenkins.plugins.iamjanitor.sandbox.Faults;
import io.jenkins.plugins.iamjanitor.sandbox.LoopbackServer;
import io.jenkins.plugins.iamjanitor.sandbox.Scenario;
import io.jenkins.plugins.iamjanitor.sandbox.cloudtrail.CloudTrailEmulator;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** The adapter through the real SDK client against the CloudTrail emulator. */
class AwsCloudTrailActivityLogTest {
    private static final String K1 = "AKIAALICE00000000001";
    private static final String K2 = "AKIAALICE00000000002";
    private static final String SCENARIO = """
            {"cloudtrail": {"requestsPerSecond": 1000, "burst": 1000, "events": [
              {"eventId": "both", "userName": "alice", "accessKeyId": "%1$s", "eventName": "ListBuckets",
               "eventSource": "s3.amazonaws.com", "hoursAgo": 5, "sourceIp": "203.0.113.5",
               "userAgent": "aws-cli/2.15.30", "errorCode": "AccessDenied"},
              {"eventId": "key-only", "accessKeyId": "%1$s", "eventName": "GetCallerIdentity", "hoursAgo": 4},
              {"eventId": "second-key", "accessKeyId": "%2$s", "eventName": "GetUser",
               "eventSource": "iam.amazonaws.com", "daysAgo": 20},
              {"eventId": "login", "userName": "alice", "consoleLogin": "Success", "mfaUsed": true,
               "region": "eu-west-1", "sourceIp": "198.51.100.7", "daysAgo": 2},
              {"eventId": "dup", "userName": "alice", "eventName": "GetUser", "eventSource": "iam.amazonaws.com",
               "region": "us-east-1", "daysAgo": 3},
              {"eventId": "dup", "userName": "alice", "eventName": "GetUser", "eventSource": "iam.amazonaws.com",
               "region": "eu-west-1", "daysAgo": 3},
              {"eventId": "bob-1", "userName": "bob", "eventName": "GetUser", "eventSource": "iam.amazonaws.com",
               "daysAgo": 1}
            ]}}""".formatted(K1, K2);

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private CloudTrailEmulator emulator;

    @AfterEach
    void close() throws Exception {
        Collections.reverse(toClose);
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    private AwsCloudTrailActivityLog start(String scenario, CloudTrailSettings settings) {
        emulator = new CloudTrailEmulator(Scenario.parse("test", scenario));
        LoopbackServer server = emulator.serve();
        toClose.add(server);
        CloudTrailClientFactory clients = new CloudTrailClientFactory(server.uri("/"),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "not-a-real-secret")),
                Duration.ofSeconds(10));
        toClose.add(clients);
        return new AwsCloudTrailActivityLog(settings, clients, Clock.systemUTC(), System::nanoTime, Sleeper.SYSTEM);
    }

    private static CloudTrailSettings fast(String... extraRegions) {
        return CloudTrailSettings.defaults(List.of(extraRegions)).withRate(1000)
                .withRetries(4, Duration.ofMillis(5), Duration.ofMillis(20));
    }

    private static ActivityQuery query(String user, List<String> keys) {
        return new ActivityQuery(user, keys, Instant.now().minus(Duration.ofDays(90)), List.of());
    }

    @Test
    void findsEventsByUserNameAndByEachAccessKeyOnceEach() {
        ActivityLog log = start(SCENARIO, fast());

        ActivityLookup lookup = log.lookup(query("alice", List.of(K1, K2)));

        assertThat(lookup.failedRegions()).isEmpty();
        assertThat(lookup.events()).extracting(ActivityEvent::eventId)
                .containsExactly("key-only", "both", "dup", "second-key");
        ActivityEvent both = lookup.events().get(1);
        assertThat(both).isEqualTo(new ActivityEvent("both", both.eventTime(), "ListBuckets", "s3.amazonaws.com",
                "us-east-1", "203.0.113.5", "aws-cli/2.15.30", K1, "AccessDenied", "alice", null, null));
        assertThat(emulator.requestCounts()).containsExactly(java.util.Map.entry("us-east-1", 3L));
    }

    @Test
    void mergesRegionsNewestFirstWithoutDuplicatesAndParsesTheSignIn() {
        ActivityLog log = start(SCENARIO, fast("eu-west-1"));

        ActivityLookup lookup = log.lookup(query("alice", List.of()));

        assertThat(lookup.events()).extracting(ActivityEvent::eventId).containsExactly("both", "login", "dup");
        ActivityEvent login = lookup.events().get(1);
        assertThat(login.region()).isEqualTo("eu-west-1");
        assertThat(login.consoleLoginResult()).isEqualTo("Success");
        assertThat(login.mfaUsed()).isTrue();
        assertThat(login.sourceIp()).isEqualTo("198.51.100.7");
        assertThat(emulator.requestCounts()).containsEntry("us-east-1", 1L).containsEntry("eu-west-1", 1L);
    }

    @Test
    void regionsNamedByTheQueryAddToTheHomeRegion() {
        ActivityLog log = start(SCENARIO, fast());
        ActivityQuery euOnly = query("alice", List.of());
        euOnly = new ActivityQuery(euOnly.userName(), euOnly.accessKeyIds(), euOnly.since(), List.of("eu-west-1"));

        ActivityLookup lookup = log.lookup(euOnly);

        assertThat(lookup.events()).extracting(ActivityEvent::region).contains("us-east-1", "eu-west-1");
        assertThat(emulator.requestCounts()).containsEntry("us-east-1", 1L).containsEntry("eu-west-1", 1L);
    }

    @Test
    void followsNextTokenThroughEveryPage() {
        AwsCloudTrailActivityLog log = start("{\"cloudtrail\": {\"requestsPerSecond\": 1000}}", fast());
        emulator.events().generate("carol", List.of("AKIACAROL0000000001"), 120, List.of("us-east-1"),
                emulator.now(), new SplittableRandom(7));

        ActivityLookup lookup = log.lookup(query("carol", List.of("AKIACAROL0000000001")));

        assertThat(lookup.failedRegions()).isEmpty();
        assertThat(lookup.events()).hasSize(120)
                .isSortedAccordingTo(Comparator.comparing(ActivityEvent::eventTime).reversed());
        // Username: 120 events = 3 pages of 50; the key: the 96 API calls = 2 pages
        assertThat(emulator.requestCounts()).containsEntry("us-east-1", 5L);
        assertThat(log.stats().apiCalls()).isEqualTo(5);
    }

    @Test
    void throttlingByTheServiceIsRetriedAndNeverSurfaces() {
        CloudTrailSettings settings = CloudTrailSettings.defaults(List.of("eu-west-1")).withRate(40)
                .withRetries(30, Duration.ofMillis(10), Duration.ofMillis(100));
        AwsCloudTrailActivityLog log = start(SCENARIO, settings);
        emulator.setRateLimit(20, 1); // the client asks for twice what the service allows
        List<ActivityQuery> queries = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            queries.add(query(i % 2 == 0 ? "alice" : "bob", List.of(K1)));
        }

        List<ActivityLookup> lookups = log.lookupAll(queries, ProgressListener.NONE);

        assertThat(lookups).allSatisfy(l -> assertThat(l.failedRegions()).isEmpty());
        assertThat(lookups.get(0).events()).hasSize(4);
        assertThat(lookups.get(1).events()).extracting(ActivityEvent::eventId)
                .containsExactly("key-only", "both", "bob-1");
        long throttledByService = CloudTrailEmulator.total(emulator.throttledCounts());
        assertThat(throttledByService).isPositive();
        assertThat(log.stats().throttledRetries()).isEqualTo(throttledByService);
        assertThat(log.stats().apiCalls()).isEqualTo(32 + throttledByService);
    }

    @Test
    void retriesInjectedThrottlesServerErrorsAndDroppedConnections() {
        AwsCloudTrailActivityLog log = start(SCENARIO, fast());
        emulator.faults().failNext("LookupEvents", Faults.Kind.THROTTLE, 2);

        ActivityLookup throttled = log.lookup(query("bob", List.of()));
        emulator.faults().failNext("LookupEvents", Faults.Kind.SERVER_ERROR, 1);
        ActivityLookup afterError = log.lookup(query("bob", List.of()));
        emulator.faults().failNext("LookupEvents", Faults.Kind.DROP, 1);
        ActivityLookup afterDrop = log.lookup(query("bob", List.of()));

        assertThat(List.of(throttled, afterError, afterDrop)).allSatisfy(l -> {
            assertThat(l.failedRegions()).isEmpty();
            assertThat(l.events()).extracting(ActivityEvent::eventId).containsExactly("bob-1");
        });
        assertThat(log.stats()).isEqualTo(new CloudTrailStats(7, 2, 2));
    }

    @Test
    void aFailingRegionIsReportedAndTheOthersKept() {
        AwsCloudTrailActivityLog log = start(SCENARIO, fast("eu-west-1", "ap-south-1"));
        emulator.failRegion("eu-west-1", 400, "UnrecognizedClientException",
                "The security token included in the request is invalid.");
        emulator.failRegion("ap-south-1", 503, "ServiceUnavailableException", "Try later");

        ActivityLookup lookup = log.lookup(query("alice", List.of()));

        assertThat(lookup.events()).extracting(ActivityEvent::eventId).containsExactly("both", "dup");
        assertThat(lookup.failedRegions()).containsOnly(
                java.util.Map.entry("eu-west-1", "CloudTrail LookupEvents failed (UnrecognizedClientException): "
                        + "The security token included in the request is invalid. (after 1 attempt)"),
                java.util.Map.entry("ap-south-1", "CloudTrail LookupEvents failed (ServiceUnavailableException): "
                        + "Try later (after 4 attempts)"));
        assertThat(emulator.requestCounts()).containsEntry("ap-south-1", 4L).containsEntry("eu-west-1", 1L);
        assertThat(lookup.failedRegions().values()).noneMatch(m -> m.contains("not-a-real-secret"));
    }

    @Test
    void buildsItsClientsFromTheSharedAwsSettings() {
        emulator = new CloudTrailEmulator(Scenario.parse("test", SCENARIO));
        LoopbackServer server = emulator.serve();
        toClose.add(server);
        AwsClients aws = new AwsClients(new AwsSettings("us-east-1", URI.create("http://127.0.0.1:9/iam"),
                server.uri("/"), new AwsCredentialsSource.Static("AKIDEXAMPLE", "not-a-real-secret", null), 3, null,
                null));
        toClose.add(aws);
        CloudTrailClientFactory clients = CloudTrailClientFactory.from(aws);
        toClose.add(clients);

        ActivityLookup lookup = new AwsCloudTrailActivityLog(fast("eu-west-1"), clients).lookup(query("bob", List.of()));

        assertThat(lookup.failedRegions()).isEmpty();
        assertThat(lookup.events()).extracting(ActivityEvent::eventId).containsExactly("bob-1");
        assertThat(emulator.requestCounts()).containsEntry("us-east-1", 1L).containsEntry("eu-west-1", 1L);
    }

    @Test
    void reportsProgressPerUserInOrderAndSummarises() {
        AwsCloudTrailActivityLog log = start(SCENARIO, fast("eu-west-1"));
        List<String> lines = Collections.synchronizedList(new ArrayList<>());

        List<ActivityLookup> lookups = log.lookupAll(List.of(query("alice", List.of(K1)), query("nobody", List.of())),
                lines::add);

        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("[1/2] CloudTrail alice: 4 events, latest ");
        assertThat(lines.get(1)).isEqualTo("[2/2] CloudTrail nobody: 0 events");
        Instant now = Instant.now();
        ActivitySummary alice = ActivitySummary.of(lookups.get(0), now.minus(Duration.ofDays(90)), now, 10);
        assertThat(alice.lastConsoleSignIn()).get().extracting(ActivityEvent::eventId).isEqualTo("login");
        assertThat(alice.countsBySource()).containsEntry("iam.amazonaws.com", 1).containsEntry("sts.amazonaws.com", 1);
        Document nobody = ActivitySummaryDocument.render(
                ActivitySummary.of(lookups.get(1), now.minus(Duration.ofDays(90)), now, 10), 3);
        assertThat(((Document.Paragraph) nobody.blocks().get(1)).text())
                .startsWith("No CloudTrail events for nobody in the last 90 days");
    }
}
