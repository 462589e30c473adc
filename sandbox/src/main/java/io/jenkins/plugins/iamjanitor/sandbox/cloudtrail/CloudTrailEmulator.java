package io.jenkins.plugins.iamjanitor.sandbox.cloudtrail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.jenkins.plugins.iamjanitor.sandbox.AwsJsonResponses;
import io.jenkins.plugins.iamjanitor.sandbox.FaultPlan;
import io.jenkins.plugins.iamjanitor.sandbox.Faults;
import io.jenkins.plugins.iamjanitor.sandbox.LoopbackServer;
import io.jenkins.plugins.iamjanitor.sandbox.Scenario;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AWS CloudTrail's {@code LookupEvents} over AWS JSON 1.1, enough for the real SDK client: lookup attributes, time
 * range, {@code MaxResults} and {@code NextToken} paging, and the service's 2 requests/s per region limit enforced
 * with {@code ThrottlingException}. The region comes from the SigV4 credential scope (or the Host name).
 */
public final class CloudTrailEmulator implements HttpHandler {
    public static final String TARGET_PREFIX = "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.";
    public static final double AWS_REQUESTS_PER_SECOND = 2.0;
    private static final Pattern SCOPE_REGION = Pattern.compile("Credential=[^/,\\s]+/\\d{8}/([a-z0-9-]+)/");
    private static final Pattern HOST_REGION = Pattern.compile("cloudtrail(?:-fips)?\\.([a-z0-9-]+)\\.amazonaws");

    private final ObjectMapper mapper = new ObjectMapper();
    private final TrailEventStore store = new TrailEventStore();
    private final LookupEventsHandler lookup;
    private final RegionRateLimit limit;
    private final Faults faults = new Faults(FaultPlan.none());
    private final Map<String, ErrorReply> failingRegions = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> requests = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> throttled = new ConcurrentHashMap<>();
    private final Clock clock;

    /** @param nanoTime the time source of the rate limit (injected so tests need not wait) */
    public CloudTrailEmulator(Scenario scenario, Clock clock, LongSupplier nanoTime) {
        this.clock = clock;
        JsonNode section = scenario.section("cloudtrail");
        this.limit = new RegionRateLimit(section.path("requestsPerSecond").asDouble(AWS_REQUESTS_PER_SECOND),
                section.path("burst").asInt(2), nanoTime);
        this.lookup = new LookupEventsHandler(store, mapper, scenario.accountId());
        store.seed(section, clock.instant());
    }

    public CloudTrailEmulator(Scenario scenario) {
        this(scenario, Clock.systemUTC(), System::nanoTime);
    }

    /** Starts a loopback server serving only this emulator. */
    public LoopbackServer serve() {
        return new LoopbackServer(0).mount("/", this).start();
    }

    public TrailEventStore events() {
        return store;
    }

    public Faults faults() {
        return faults;
    }

    public Instant now() {
        return clock.instant();
    }

    /** Sets the enforced limit (per region) and the bucket size; resets every region's bucket. */
    public void setRateLimit(double requestsPerSecond, int burst) {
        limit.set(requestsPerSecond, burst);
    }

    public double rateLimit() {
        return limit.ratePerSecond();
    }

    /** Every request to {@code region} fails with this AWS error (e.g. a region not enabled for the account). */
    public void failRegion(String region, int httpStatus, String errorType, String message) {
        failingRegions.put(region, new ErrorReply(httpStatus, errorType, message));
    }

    public void healRegion(String region) {
        failingRegions.remove(region);
    }

    /** LookupEvents requests received per region, throttled ones included. */
    public Map<String, Long> requestCounts() {
        return snapshot(requests);
    }

    /** Requests answered with ThrottlingException by the enforced limit, per region (injected faults not counted). */
    public Map<String, Long> throttledCounts() {
        return snapshot(throttled);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            if (!"POST".equals(exchange.getRequestMethod())) {
                reply(exchange, new ErrorReply(405, "UnknownOperationException", "Only POST is supported"));
                return;
            }
            if (target == null || !target.startsWith(TARGET_PREFIX)) {
                reply(exchange, new ErrorReply(400, "UnknownOperationException", "Unknown target " + target));
                return;
            }
            String action = target.substring(TARGET_PREFIX.length());
            String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            if (contentType == null || !contentType.startsWith("application/x-amz-json-1.1")) {
                reply(exchange, new ErrorReply(400, "SerializationException",
                        "Content-Type must be application/x-amz-json-1.1"));
                return;
            }
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            if (auth == null || !auth.startsWith("AWS4-HMAC-SHA256")) {
                reply(exchange, new ErrorReply(400, "MissingAuthenticationTokenException",
                        "Request is missing Authentication Token"));
                return;
            }
            if (!"LookupEvents".equals(action)) {
                reply(exchange, new ErrorReply(400, "UnknownOperationException", "The emulator does not do " + action));
                return;
            }
            String region = region(auth, exchange.getRequestHeaders().getFirst("Host"));
            requests.computeIfAbsent(region, r -> new AtomicLong()).incrementAndGet();
            byte[] body = exchange.getRequestBody().readAllBytes();
            switch (faults.next(action)) {
                case DROP -> {
                    return; // closing the exchange without a status line drops the connection
                }
                case SERVER_ERROR -> {
                    reply(exchange, new ErrorReply(500, "InternalFailure", "Injected server error"));
                    return;
                }
                case THROTTLE -> {
                    reply(exchange, new ErrorReply(400, "ThrottlingException", "Rate exceeded"));
                    return;
                }
                default -> { }
            }
            ErrorReply failure = failingRegions.get(region);
            if (failure != null) {
                reply(exchange, failure);
                return;
            }
            if (!limit.tryAcquire(region)) {
                throttled.computeIfAbsent(region, r -> new AtomicLong()).incrementAndGet();
                reply(exchange, new ErrorReply(400, "ThrottlingException", "Rate exceeded"));
                return;
            }
            JsonNode request;
            try {
                request = mapper.readTree(body);
            } catch (IOException e) {
                reply(exchange, new ErrorReply(400, "SerializationException", "Request body is not JSON"));
                return;
            }
            try {
                send(exchange, 200, lookup.lookup(region, request == null ? mapper.createObjectNode() : request,
                        clock.instant()));
            } catch (LookupEventsHandler.AwsError e) {
                reply(exchange, new ErrorReply(400, e.type(), e.getMessage()));
            }
        }
    }

    static String region(String authorization, String host) {
        Matcher scope = SCOPE_REGION.matcher(authorization == null ? "" : authorization);
        if (scope.find()) {
            return scope.group(1);
        }
        Matcher byHost = HOST_REGION.matcher(host == null ? "" : host);
        return byHost.find() ? byHost.group(1) : "us-east-1";
    }

    private void reply(HttpExchange exchange, ErrorReply error) throws IOException {
        ObjectNode body = mapper.createObjectNode();
        body.put("__type", error.type());
        body.put("message", error.message());
        send(exchange, error.status(), body);
    }

    private void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        AwsJsonResponses.send(exchange, status, mapper.writeValueAsBytes(body));
    }

    private static Map<String, Long> snapshot(Map<String, AtomicLong> counters) {
        Map<String, Long> copy = new TreeMap<>();
        counters.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }

    private record ErrorReply(int status, String type, String message) {
    }

    /** For readers of {@link #requestCounts()}: total over all regions. */
    public static long total(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }
}
