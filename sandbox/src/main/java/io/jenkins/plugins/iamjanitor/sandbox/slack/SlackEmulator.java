package io.jenkins.plugins.iamjanitor.sandbox.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.jenkins.plugins.iamjanitor.sandbox.FaultPlan;
import io.jenkins.plugins.iamjanitor.sandbox.Faults;
import io.jenkins.plugins.iamjanitor.sandbox.LoopbackServer;
import io.jenkins.plugins.iamjanitor.sandbox.Scenario;
import io.jenkins.plugins.iamjanitor.sandbox.slack.SlackRecords.Ephemeral;
import io.jenkins.plugins.iamjanitor.sandbox.slack.SlackRecords.Event;
import io.jenkins.plugins.iamjanitor.sandbox.slack.SlackRecords.Message;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A Slack workspace on 127.0.0.1: the Web API methods IAM Janitor calls ({@code POST /api/<method>}, bot-token
 * checked, {@code ok:false} errors as Slack sends them, 429 with Retry-After on demand), a Socket Mode WebSocket
 * server behind apps.connections.open, a record of every message, and {@link #clicks()} to press buttons as a
 * given user. Users, groups, tokens and the scripted approver come from the scenario's {@code slack} section.
 */
public final class SlackEmulator implements AutoCloseable {
    private final SlackSettings settings;
    private final ObjectMapper json = new ObjectMapper();
    private final Faults faults = new Faults(FaultPlan.none());
    private final LoopbackServer http;
    private final SlackSocketServer sockets;
    private final Map<String, Message> messages = new HashMap<>();
    private final List<String> order = new ArrayList<>();
    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final List<Ephemeral> ephemerals = new CopyOnWriteArrayList<>();
    private final List<Consumer<Message>> postListeners = new CopyOnWriteArrayList<>();
    private final AtomicInteger tsCounter = new AtomicInteger();
    private final Map<String, AtomicInteger> calls = new HashMap<>();
    private final SlackClicks clicks;
    private final SlackScriptedApprover approver;
    private volatile Clock clock = Clock.systemUTC();
    private volatile String throttleMethod;
    private final AtomicInteger throttleCount = new AtomicInteger();
    private volatile int throttleRetryAfter = 1;

    public SlackEmulator(SlackSettings settings) {
        this.settings = settings;
        this.sockets = new SlackSocketServer((dir, frame) -> { });
        this.sockets.startAndWait();
        this.http = new LoopbackServer(0).mount("/api/", this::serve).start();
        this.clicks = new SlackClicks(this, json);
        this.approver = settings.approver() == null ? null : new SlackScriptedApprover(this, settings.approver());
    }

    public static SlackEmulator start(Scenario scenario) {
        return new SlackEmulator(SlackSettings.from(scenario));
    }

    public SlackSettings settings() {
        return settings;
    }

    /** The Web API base, e.g. {@code http://127.0.0.1:PORT/api/}. */
    public URI apiBase() {
        return http.uri("/api/");
    }

    public Faults faults() {
        return faults;
    }

    public SlackClicks clicks() {
        return clicks;
    }

    /** Where the scripted approver sends HTTP clicks (the app's Request URL), when not set in the scenario. */
    public void setCallbackUrl(URI callback) {
        if (approver != null) {
            approver.setCallback(callback);
        }
    }

    /** The clicks the scripted approver has made so far. */
    public List<SlackRecords.Click> scriptedClicks() {
        return approver == null ? List.of() : approver.clicks();
    }

    /** The clock used for message timestamps and request signatures. */
    public void setClock(Clock clock) {
        this.clock = clock;
    }

    Clock clock() {
        return clock;
    }

    /** The next {@code count} calls of {@code method} get HTTP 429 with {@code Retry-After: retryAfterSeconds}. */
    public void throttleNext(String method, int count, int retryAfterSeconds) {
        throttleMethod = method;
        throttleRetryAfter = retryAfterSeconds;
        throttleCount.set(count);
    }

    public synchronized int callCount(String method) {
        AtomicInteger n = calls.get(method);
        return n == null ? 0 : n.get();
    }

    public synchronized List<Message> messages() {
        return order.stream().map(messages::get).toList();
    }

    public synchronized Message message(String ts) {
        return messages.get(ts);
    }

    public List<Event> events() {
        return List.copyOf(events);
    }

    public List<Ephemeral> ephemerals() {
        return List.copyOf(ephemerals);
    }

    /** Called after each chat.postMessage (the scripted approver listens here). */
    public void onPosted(Consumer<Message> listener) {
        postListeners.add(listener);
    }

    // --- Socket Mode ---

    public int socketConnectionsOpened() {
        return sockets.openedCount();
    }

    public int openSockets() {
        return sockets.openConnections();
    }

    /** Drops every Socket Mode connection without a close handshake. */
    public void dropSockets() {
        sockets.dropAll();
    }

    /** Sends Slack's {@code disconnect} message, as before a routine connection refresh. */
    public void requestDisconnect(String reason) {
        sockets.sendToAll(json.createObjectNode().put("type", "disconnect").put("reason", reason)
                .<ObjectNode>set("debug_info", json.createObjectNode().put("host", "sandbox")).toString());
    }

    int sendEnvelope(String frame) {
        return sockets.sendToAll(frame);
    }

    public boolean acked(String envelopeId) {
        return sockets.acked(envelopeId);
    }

    // --- the Web API ---

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestURI().getPath().substring("/api/".length());
            synchronized (this) {
                calls.computeIfAbsent(method, m -> new AtomicInteger()).incrementAndGet();
            }
            Faults.Kind fault = faults.next(method);
            if (fault == Faults.Kind.DROP) {
                return; // closes without an answer
            }
            if (fault == Faults.Kind.SERVER_ERROR) {
                send(exchange, 500, "{\"ok\":false,\"error\":\"internal_error\"}", null);
                return;
            }
            if (fault == Faults.Kind.THROTTLE || (method.equals(throttleMethod) && throttleCount.getAndDecrement() > 0)) {
                send(exchange, 429, "{\"ok\":false,\"error\":\"ratelimited\"}",
                        String.valueOf(fault == Faults.Kind.THROTTLE ? 1 : throttleRetryAfter));
                return;
            }
            Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
            byte[] raw;
            try (InputStream in = exchange.getRequestBody()) {
                raw = in.readAllBytes();
            }
            JsonNode args;
            String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            if (contentType != null && contentType.startsWith("application/json")) {
                try {
                    args = json.readTree(raw);
                } catch (IOException e) {
                    args = null;
                }
                if (args == null || !args.isObject()) {
                    send(exchange, 200, error("invalid_json"), null);
                    return;
                }
            } else {
                ObjectNode o = json.createObjectNode();
                query.forEach(o::put);
                form(new String(raw, StandardCharsets.UTF_8)).forEach(o::put);
                args = o;
            }
            String token = bearer(exchange);
            SlackApiMethods api = new SlackApiMethods(this, json, settings);
            send(exchange, 200, api.call(method, token, args), null);
            if (api.posted() != null) {
                postListeners.forEach(l -> l.accept(api.posted()));
            }
        }
    }

    private static String bearer(HttpExchange exchange) {
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        return auth != null && auth.startsWith("Bearer ") ? auth.substring(7).trim() : null;
    }

    String error(String code) {
        return json.createObjectNode().put("ok", false).put("error", code).toString();
    }

    String socketUrl() {
        return "ws://127.0.0.1:" + sockets.getPort() + "/link/?ticket=" + sockets.newTicket();
    }

    synchronized Message post(String channel, String text, JsonNode blocks) {
        long seconds = clock.instant().getEpochSecond();
        String ts = seconds + "." + String.format("%06d", tsCounter.incrementAndGet());
        Message m = new Message(channel, ts, text, blocks, blocks, 0);
        messages.put(ts, m);
        order.add(ts);
        events.add(new Event("chat.postMessage", channel, ts, null, text));
        return m;
    }

    synchronized Message update(String channel, String ts, String text, JsonNode blocks) {
        Message old = messages.get(ts);
        if (old == null || !old.channel().equals(channel)) {
            return null;
        }
        Message m = new Message(channel, ts, text == null ? old.text() : text, blocks == null ? old.blocks() : blocks,
                old.original(), old.updates() + 1);
        messages.put(ts, m);
        events.add(new Event("chat.update", channel, ts, null, m.text()));
        return m;
    }

    void ephemeral(String channel, String user, String text) {
        ephemerals.add(new Ephemeral(channel, user, text));
        events.add(new Event("chat.postEphemeral", channel, null, user, text));
    }

    private static void send(HttpExchange exchange, int status, String body, String retryAfter) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        if (retryAfter != null) {
            exchange.getResponseHeaders().set("Retry-After", retryAfter);
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    static Map<String, String> form(String encoded) {
        Map<String, String> out = new HashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return out;
        }
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    @Override
    public void close() {
        if (approver != null) {
            approver.close();
        }
        http.close();
        try {
            sockets.stop(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
