package io.jenkins.plugins.iamjanitor.sandbox.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * The Socket Mode side of the emulator: accepts connections on the one-time URLs apps.connections.open hands out,
 * greets them with {@code hello}, sends envelopes and records the acks that come back.
 */
final class SlackSocketServer extends WebSocketServer {
    private final Set<String> tickets = ConcurrentHashMap.newKeySet();
    private final Map<String, Boolean> acks = new ConcurrentHashMap<>();
    private final AtomicInteger opened = new AtomicInteger();
    private final CountDownLatch started = new CountDownLatch(1);
    private final BiConsumer<String, String> frameLog;
    private final ObjectMapper json = new ObjectMapper();

    SlackSocketServer(BiConsumer<String, String> frameLog) {
        super(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        this.frameLog = frameLog;
        setReuseAddr(true);
        setDaemon(true);
        setConnectionLostTimeout(0);
    }

    void startAndWait() {
        start();
        try {
            if (!started.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the Slack Socket Mode emulator did not start");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting", e);
        }
    }

    String newTicket() {
        String ticket = java.util.UUID.randomUUID().toString();
        tickets.add(ticket);
        return ticket;
    }

    int openedCount() {
        return opened.get();
    }

    boolean acked(String envelopeId) {
        return acks.containsKey(envelopeId);
    }

    /** Sends to every open connection; returns how many got it. */
    int sendToAll(String frame) {
        int n = 0;
        for (WebSocket c : getConnections()) {
            if (c.isOpen()) {
                c.send(frame);
                n++;
            }
        }
        return n;
    }

    int openConnections() {
        return (int) getConnections().stream().filter(WebSocket::isOpen).count();
    }

    /** Closes every connection abruptly, as a network drop would. */
    void dropAll() {
        getConnections().forEach(c -> c.closeConnection(1006, "dropped by the emulator"));
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
        String resource = handshake.getResourceDescriptor();
        int at = resource.indexOf("ticket=");
        String ticket = at < 0 ? "" : resource.substring(at + "ticket=".length());
        // Each URL works once, like Slack's.
        if (!tickets.remove(ticket)) {
            conn.close(1008, "invalid or used ticket");
            return;
        }
        opened.incrementAndGet();
        conn.send("{\"type\":\"hello\",\"num_connections\":" + openConnections()
                + ",\"debug_info\":{\"host\":\"sandbox\"},\"connection_info\":{\"app_id\":\"A0SANDBOX\"}}");
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
        frameLog.accept("in", message);
        try {
            JsonNode ack = json.readTree(message);
            if (ack != null && ack.path("envelope_id").isTextual()) {
                acks.put(ack.path("envelope_id").asText(), Boolean.TRUE);
            }
        } catch (IOException e) {
            // not JSON: Slack ignores such frames too
        }
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
    }

    @Override
    public void onError(WebSocket conn, Exception ex) {
    }

    @Override
    public void onStart() {
        started.countDown();
    }
}
