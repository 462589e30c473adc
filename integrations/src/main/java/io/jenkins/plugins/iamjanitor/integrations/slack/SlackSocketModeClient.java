package io.jenkins.plugins.iamjanitor.integrations.slack;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.iamjanitor.core.port.ServiceException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * Socket Mode: Slack delivers clicks over an outbound WebSocket, so Jenkins needs no public URL. Opens the socket
 * with apps.connections.open (app-level token), acks every envelope by its id at once and hands it to the
 * {@link SlackInteractionHandler}. When Slack sends {@code disconnect} (it refreshes connections every few hours) or
 * the socket drops, it connects again; bad tokens stop it rather than retrying forever.
 */
public final class SlackSocketModeClient implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(SlackSocketModeClient.class.getName());
    private static final Set<String> FATAL = Set.of("invalid_auth", "not_authed", "token_revoked",
            "not_allowed_token_type", "account_inactive");

    private final SlackWebClient web;
    private final SlackSecret appToken;
    private final SlackInteractionHandler handler;
    private final HttpClient http;
    private final ScheduledExecutorService scheduler;
    private final Duration reconnectDelay;
    private final AtomicInteger hellos = new AtomicInteger();
    private final AtomicInteger failures = new AtomicInteger();
    private volatile boolean running;
    private volatile WebSocket current;
    private volatile boolean connected;
    private volatile String lastError;

    public SlackSocketModeClient(SlackWebClient web, SlackSecret appToken, SlackInteractionHandler handler,
            HttpClient http, ScheduledExecutorService scheduler, Duration reconnectDelay) {
        this.web = web;
        this.appToken = appToken;
        this.handler = handler;
        this.http = http;
        this.scheduler = scheduler;
        this.reconnectDelay = reconnectDelay;
    }

    public synchronized void start() {
        if (!running) {
            running = true;
            scheduler.execute(this::connect);
        }
    }

    public synchronized void stop() {
        running = false;
        connected = false;
        WebSocket ws = current;
        current = null;
        if (ws != null) {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "stopping").exceptionally(e -> null);
            ws.abort();
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** A hello has arrived on the current socket. */
    public boolean isConnected() {
        return connected;
    }

    /** How many connections Slack has greeted so far (grows with each reconnect). */
    public int helloCount() {
        return hellos.get();
    }

    /** Why the last connection attempt failed, or null; never contains a token. */
    public String lastError() {
        return lastError;
    }

    private void connect() {
        if (!running) {
            return;
        }
        try {
            URI url = web.openConnection(appToken);
            WebSocket ws = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                    .buildAsync(url, new Listener()).join();
            if (!running) {
                ws.abort();
                return;
            }
            failures.set(0);
        } catch (ServiceException e) {
            lastError = e.getMessage();
            if (FATAL.contains(e.errorCode())) {
                LOG.severe(() -> "Slack Socket Mode stopped: " + e.getMessage());
                running = false;
                return;
            }
            retryLater();
        } catch (RuntimeException e) {
            lastError = "WebSocket connection failed: " + e.getClass().getSimpleName();
            retryLater();
        }
    }

    private void retryLater() {
        if (!running) {
            return;
        }
        int n = Math.min(failures.incrementAndGet(), 6);
        long delay = reconnectDelay.toMillis() * (1L << (n - 1));
        LOG.warning(() -> "Slack Socket Mode: " + lastError + "; retrying in " + delay + " ms");
        scheduler.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
    }

    private void reconnect(WebSocket from, String why) {
        synchronized (this) {
            if (!running || from != current) {
                return; // already replaced or stopped
            }
            current = null;
            connected = false;
        }
        LOG.info(() -> "Slack Socket Mode reconnecting: " + why);
        from.abort();
        scheduler.schedule(this::connect, reconnectDelay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void onFrame(WebSocket ws, String frame, Listener listener) {
        JsonNode node;
        try {
            node = web.json().readTree(frame);
        } catch (IOException e) {
            LOG.warning("Slack Socket Mode: ignored a frame that is not JSON");
            return;
        }
        String type = node == null ? "" : node.path("type").asText();
        if ("hello".equals(type)) {
            connected = true;
            hellos.incrementAndGet();
            return;
        }
        if ("disconnect".equals(type)) {
            reconnect(ws, "Slack asked (" + node.path("reason").asText("no reason") + ")");
            return;
        }
        String ack = handler.handleEnvelope(frame);
        if (ack != null) {
            listener.send(ws, ack);
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();
        private CompletableFuture<?> sending = CompletableFuture.completedFuture(null);

        @Override
        public void onOpen(WebSocket ws) {
            // Become current before any frame is read, so an early disconnect is not mistaken for a stale socket.
            synchronized (SlackSocketModeClient.this) {
                if (running) {
                    current = ws;
                }
            }
            ws.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String frame = partial.toString();
                partial.setLength(0);
                onFrame(ws, frame, this);
            }
            ws.request(1);
            return null;
        }

        // The JDK WebSocket allows one outstanding send at a time: chain them.
        synchronized void send(WebSocket ws, String text) {
            sending = sending.thenCompose(x -> ws.sendText(text, true)).exceptionally(e -> null);
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            reconnect(ws, "socket closed (" + statusCode + ")");
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            reconnect(ws, "socket error (" + error.getClass().getSimpleName() + ")");
        }
    }
}
