package io.jenkins.plugins.iamjanitor.sandbox.proxy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A tiny HTTP forward proxy on 127.0.0.1 for tests that check clients honour a configured proxy: it forwards plain
 * {@code http://} requests (absolute-form request lines, one request per connection) to the emulators, optionally
 * demands Basic proxy authentication (407 until the client answers the challenge), and records what it forwarded.
 * No CONNECT tunnelling: the emulators speak plain HTTP.
 */
public final class ForwardProxy implements AutoCloseable {
    private static final String AUTH = "Proxy-Authorization:";
    private final ServerSocket server;
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "sandbox-proxy");
        t.setDaemon(true);
        return t;
    });
    private final String expectedAuth;
    private final List<String> forwarded = new CopyOnWriteArrayList<>();
    private final List<String> challenged = new CopyOnWriteArrayList<>();

    /** @param username null: no authentication required */
    public ForwardProxy(String username, String password) {
        this.expectedAuth = username == null ? null : "Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the proxy", e);
        }
        workers.execute(this::acceptLoop);
    }

    public int port() {
        return server.getLocalPort();
    }

    /** "METHOD http://host:port/path" of every request forwarded, in order. */
    public List<String> forwarded() {
        return List.copyOf(forwarded);
    }

    /** Requests answered with 407 (no or wrong credentials). */
    public List<String> challenged() {
        return List.copyOf(challenged);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                workers.execute(() -> handle(client));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void handle(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            List<String> head = readHead(in);
            if (head.isEmpty()) {
                return;
            }
            String[] line = head.get(0).split(" ");
            String what = line[0] + " " + line[1];
            if (line[0].equals("CONNECT") || !line[1].startsWith("http://")) {
                reply(client.getOutputStream(), "405 Method Not Allowed", "");
                return;
            }
            if (expectedAuth != null && head.stream().noneMatch(h -> h.regionMatches(true, 0, AUTH, 0, AUTH.length())
                    && h.substring(AUTH.length()).trim().equals(expectedAuth))) {
                challenged.add(what);
                // Read the refused request's body first: closing on unread data would reset the connection before
                // the client has read the challenge.
                in.readNBytes(contentLength(head));
                reply(client.getOutputStream(), "407 Proxy Authentication Required",
                        "Proxy-Authenticate: Basic realm=\"sandbox\"\r\n");
                return;
            }
            forwarded.add(what);
            URI target = URI.create(line[1]);
            try (Socket origin = new Socket(target.getHost(), target.getPort())) {
                StringBuilder out = new StringBuilder(line[0] + " " + target.getRawPath()
                        + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery()) + " HTTP/1.1\r\n");
                for (String h : head.subList(1, head.size())) {
                    if (!hopByHop(h)) {
                        out.append(h).append("\r\n");
                    }
                }
                out.append("Connection: close\r\n\r\n");
                OutputStream o = origin.getOutputStream();
                o.write(out.toString().getBytes(StandardCharsets.ISO_8859_1));
                o.flush();
                workers.execute(() -> pump(in, o));
                InputStream back = origin.getInputStream();
                List<String> response = readHead(back);
                StringBuilder r = new StringBuilder();
                for (String h : response) {
                    if (!hopByHop(h)) {
                        r.append(h).append("\r\n");
                    }
                }
                r.append("Connection: close\r\n\r\n");
                OutputStream c = client.getOutputStream();
                c.write(r.toString().getBytes(StandardCharsets.ISO_8859_1));
                back.transferTo(c);
                c.flush();
            }
        } catch (IOException e) {
            // A client or origin that hung up: the client sees the failure; nothing to record.
        }
    }

    private static int contentLength(List<String> head) {
        for (String h : head) {
            if (h.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                return Integer.parseInt(h.substring(15).trim());
            }
        }
        return 0;
    }

    private static boolean hopByHop(String header) {
        String h = header.toLowerCase(Locale.ROOT);
        return h.startsWith("connection:") || h.startsWith("proxy-connection:") || h.startsWith("keep-alive:")
                || h.startsWith("proxy-authorization:");
    }

    private static void pump(InputStream from, OutputStream to) {
        try {
            from.transferTo(to);
        } catch (IOException e) {
            // the exchange ended; the handler closes both sockets
        }
    }

    private static void reply(OutputStream out, String status, String headers) throws IOException {
        out.write(("HTTP/1.1 " + status + "\r\n" + headers + "Content-Length: 0\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** The request or status line and the headers, up to the empty line; the stream is left at the body. */
    private static List<String> readHead(InputStream in) throws IOException {
        List<String> lines = new ArrayList<>();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                String s = line.toString(StandardCharsets.ISO_8859_1).stripTrailing();
                line.reset();
                if (s.isEmpty()) {
                    return lines;
                }
                lines.add(s);
            } else {
                line.write(b);
            }
        }
        return lines;
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (SocketException e) {
            // already closed
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        workers.shutdownNow();
    }
}
