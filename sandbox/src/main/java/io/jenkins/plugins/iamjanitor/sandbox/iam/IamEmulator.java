package io.jenkins.plugins.iamjanitor.sandbox.iam;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.jenkins.plugins.iamjanitor.sandbox.FaultPlan;
import io.jenkins.plugins.iamjanitor.sandbox.Faults;
import io.jenkins.plugins.iamjanitor.sandbox.LoopbackServer;
import io.jenkins.plugins.iamjanitor.sandbox.Scenario;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * IAM (Version 2010-05-08) and STS (Version 2011-06-15) over the AWS Query protocol: form-encoded POST, XML answers
 * and AWS error documents. Mount it on a {@link LoopbackServer} and point an SDK client's {@code endpointOverride}
 * (or {@code aws --endpoint-url}) at {@link #endpoint()}.
 */
public final class IamEmulator implements HttpHandler {
    public static final String IAM_NAMESPACE = "https://iam.amazonaws.com/doc/2010-05-08/";
    private static final String IAM_VERSION = "2010-05-08";
    private static final String STS_VERSION = "2011-06-15";

    private final IamState state;
    private final Faults faults;
    private final Map<String, ActionHandler> iam = new HashMap<>();
    private final Map<String, ActionHandler> sts = new HashMap<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final AtomicInteger serverErrors = new AtomicInteger();
    private final List<Consumer<KeyUse>> keyUseListeners = new CopyOnWriteArrayList<>();
    private volatile URI endpoint;

    public IamEmulator(Scenario scenario, Faults faults) {
        this(scenario, faults, Clock.systemUTC());
    }

    public IamEmulator(Scenario scenario, Faults faults, Clock clock) {
        this.state = new IamState(scenario.accountId(), clock);
        this.faults = faults;
        IamScenarioLoader.load(scenario.section("iam"), state);
        state.accountAlias(scenario.section("account").path("alias").asText(null));
        new IamReadHandlers(state).register(iam);
        new IamWriteHandlers(state).register(iam);
        new IamCredentialHandlers(state).register(iam);
        new StsHandlers(state).register(sts);
    }

    /** An emulator on its own fresh loopback server (free port), mounted at "/". */
    public static Running start(Scenario scenario, Faults faults) {
        LoopbackServer server = new LoopbackServer(0);
        IamEmulator emulator = new IamEmulator(scenario, faults);
        emulator.mountOn(server, "/");
        server.start();
        return new Running(server, emulator);
    }

    /** An emulator owning its server; closing it stops the server. */
    public record Running(LoopbackServer server, IamEmulator emulator) implements AutoCloseable {
        @Override
        public void close() {
            server.close();
        }
    }

    /** Mounts on {@code path} (use "/" unless several emulators share the server) and remembers the endpoint. */
    public IamEmulator mountOn(LoopbackServer server, String path) {
        server.mount(path, this);
        this.endpoint = server.uri(path.equals("/") ? "" : path);
        return this;
    }

    /** The URL to give {@code endpointOverride}; set by {@link #mountOn}. */
    public URI endpoint() {
        if (endpoint == null) {
            throw new IllegalStateException("the IAM emulator is not mounted on a server yet");
        }
        return endpoint;
    }

    /** The account, for seeding and inspecting from tests. */
    public IamState state() {
        return state;
    }

    public Faults faults() {
        return faults;
    }

    /** Adds the users (and groups, policies) of an {@code iam} scenario section given as JSON. */
    public void seed(String iamSectionJson) {
        IamScenarioLoader.load(Scenario.parse("seed", "{\"iam\":" + iamSectionJson + "}").section("iam"), state);
    }

    /** Requests received for one action, faulted ones included. */
    public int calls(String action) {
        AtomicInteger n = calls.get(action);
        return n == null ? 0 : n.get();
    }

    /** A copy of all per-action counters, sorted by action. */
    public Map<String, Integer> callCounts() {
        Map<String, Integer> out = new TreeMap<>();
        calls.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    public void resetCallCounts() {
        calls.clear();
    }

    /**
     * A request signed with one of the account's own users' access keys (not the operator's): who, which key, which
     * action, and how it ended ({@code errorCode} null on success, {@code InvalidClientTokenId} for an inactive key).
     */
    public record KeyUse(Instant time, String userName, String accessKeyId, String action, String errorCode) {
    }

    /** Tells {@code listener} about every {@link KeyUse}; the sandbox feeds them to its CloudTrail emulator. */
    public void onKeyUse(Consumer<KeyUse> listener) {
        keyUseListeners.add(listener);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            QueryRequest request = QueryRequest.parse(body, exchange.getRequestURI().getRawQuery(),
                    exchange.getRequestHeaders().getFirst("Authorization"));
            String action = String.valueOf(request.action());
            calls.computeIfAbsent(action, a -> new AtomicInteger()).incrementAndGet();
            boolean isSts = STS_VERSION.equals(request.get("Version"));
            String namespace = isSts ? StsHandlers.NAMESPACE : IAM_NAMESPACE;
            String requestId = UUID.randomUUID().toString();
            Faults.Kind fault = faults.next(action);
            if (fault == Faults.Kind.DROP) {
                return; // closing the exchange before any response closes the socket: the client sees EOF
            }
            int status;
            String xml;
            try {
                injected(fault);
                ActionHandler handler = dispatch(request, isSts);
                if (!isSts && state.denied(action)) {
                    throw IamError.accessDenied(state.accountId(), action);
                }
                String result;
                synchronized (state) {
                    authenticate(request, action);
                    result = handler.handle(request);
                }
                status = 200;
                xml = XmlWriter.response(action, namespace, result, requestId);
            } catch (IamError e) {
                status = e.status();
                xml = XmlWriter.error(namespace, e, requestId);
                if ("InvalidClientTokenId".equals(e.code())) {
                    keyUsed(request, action, e.code());
                }
            } catch (RuntimeException e) {
                // An emulator bug or input it cannot read: answer like AWS's InternalFailure instead of hanging up.
                IamError failure = new IamError("InternalFailure", 500, "Receiver",
                        "The sandbox could not process " + action + ": " + e);
                status = failure.status();
                xml = XmlWriter.error(namespace, failure, requestId);
            }
            byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/xml");
            exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /**
     * A user's own key signs the request: an inactive one is refused as AWS does (the signal that something still
     * depends on a quarantined user); an active one counts as used (last-used data, CloudTrail). Other callers, such
     * as the operator's sandbox key, are not users of this account and pass.
     */
    private void authenticate(QueryRequest request, String action) {
        String keyId = request.callerAccessKeyId();
        IamModel.User owner = keyId == null ? null : state.keyOwner(keyId);
        if (owner == null) {
            return;
        }
        IamModel.AccessKey key = owner.accessKeys.stream().filter(k -> k.id.equals(keyId)).findFirst().orElseThrow();
        if (!"Active".equals(key.status)) {
            throw new IamError("InvalidClientTokenId", 403, "Sender",
                    "The security token included in the request is invalid.");
        }
        key.lastUsed = state.now();
        key.lastUsedService = "iam";
        key.lastUsedRegion = "us-east-1";
        keyUsed(request, action, null);
    }

    private void keyUsed(QueryRequest request, String action, String errorCode) {
        IamModel.User owner = state.keyOwner(request.callerAccessKeyId());
        if (owner != null) {
            KeyUse use = new KeyUse(state.now(), owner.name, request.callerAccessKeyId(), action, errorCode);
            keyUseListeners.forEach(l -> l.accept(use));
        }
    }

    private void injected(Faults.Kind fault) {
        switch (fault) {
            case THROTTLE -> throw IamError.throttling();
            case SERVER_ERROR -> throw serverErrors.getAndIncrement() % 2 == 0
                    ? IamError.serviceFailure() : IamError.serviceUnavailable();
            default -> { }
        }
    }

    private ActionHandler dispatch(QueryRequest request, boolean isSts) {
        String version = request.get("Version");
        if (!isSts && !IAM_VERSION.equals(version)) {
            throw new IamError("InvalidParameterValue", 400, "Sender",
                    "Unsupported Version '" + version + "': this endpoint speaks IAM 2010-05-08 and STS 2011-06-15.");
        }
        ActionHandler handler = (isSts ? sts : iam).get(request.action());
        if (handler == null) {
            throw new IamError("InvalidAction", 400, "Sender",
                    "Could not find operation " + request.action() + " for version " + version);
        }
        return handler;
    }

    /** Convenience for tests and tools: default scenario, no faults. */
    public static Running startDefault() {
        return start(Scenario.builtIn(), new Faults(FaultPlan.none()));
    }
}
