package io.jenkins.plugins.iamjanitor.sandbox;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A JDK HTTP server bound to 127.0.0.1 only (port 0 picks a free one). Emulators mount their handlers on it. */
public final class LoopbackServer implements AutoCloseable {
    static {
        // The JDK server flushes headers and body in separate writes; with Nagle's algorithm on, every response then
        // waits ~40 ms for the client's delayed ACK. Read once when the first server starts; keep it off.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;

    public LoopbackServer(int port) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
        } catch (java.net.BindException e) {
            throw new UncheckedIOException("port " + port + " on 127.0.0.1 is already in use; choose another --port"
                    + " (or 0 for a free one)", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "sandbox-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
    }

    public LoopbackServer mount(String path, HttpHandler handler) {
        server.createContext(path, handler);
        return this;
    }

    public LoopbackServer start() {
        server.start();
        return this;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** e.g. {@code http://127.0.0.1:PORT} + path. */
    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port() + path);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
