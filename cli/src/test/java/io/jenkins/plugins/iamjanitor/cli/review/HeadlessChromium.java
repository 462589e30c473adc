package io.jenkins.plugins.iamjanitor.cli.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's headless Chromium driven over the DevTools protocol (the JDK's own WebSocket client): set the viewport,
 * open a page, evaluate an expression in it, take a screenshot. Evaluation through DevTools is not subject to the
 * page's Content-Security-Policy, so the page under test is loaded exactly as written.
 */
final class HeadlessChromium implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final String session;

    /** The browser executable on the PATH, if any. */
    static Optional<Path> find() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            for (String name : List.of("chromium", "chromium-browser")) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    HeadlessChromium(Path browser) throws Exception {
        profile = Files.createTempDirectory("iam-janitor-chromium");
        List<String> cmd = new ArrayList<>(List.of(browser.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--hide-scrollbars", "--remote-debugging-port=0",
                "--user-data-dir=" + profile, "about:blank"));
        process = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String endpoint = endpoint(process);
        socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create(endpoint), new Listener()).get(30, TimeUnit.SECONDS);
        String target = call(null, "Target.createTarget", Map.of("url", "about:blank")).path("targetId").asText();
        session = call(null, "Target.attachToTarget", Map.of("targetId", target, "flatten", true))
                .path("sessionId").asText();
    }

    /** Loads the page in a viewport of the given width (and height), waiting for the load to finish. */
    void open(URI page, int width, int height) throws Exception {
        call(session, "Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", false));
        call(session, "Page.enable", Map.of());
        call(session, "Page.navigate", Map.of("url", page.toString()));
        for (int i = 0; i < 300 && !"complete".equals(eval("document.readyState").asText()); i++) {
            Thread.sleep(50);
        }
    }

    /** The value of a JavaScript expression in the page (objects and arrays come back as JSON). */
    JsonNode eval(String expression) throws Exception {
        JsonNode result = call(session, "Runtime.evaluate", Map.of("expression", expression, "returnByValue", true));
        if (result.has("exceptionDetails")) {
            throw new IllegalStateException("script failed: " + result.path("exceptionDetails"));
        }
        return result.path("result").path("value");
    }

    /** A PNG of the whole page at the current width. */
    void screenshot(Path png) throws Exception {
        JsonNode shot = call(session, "Page.captureScreenshot",
                Map.of("format", "png", "captureBeyondViewport", true));
        Files.createDirectories(png.toAbsolutePath().getParent());
        Files.write(png, Base64.getDecoder().decode(shot.path("data").asText()));
    }

    private JsonNode call(String sessionId, String method, Map<String, Object> params) throws Exception {
        int id = ids.incrementAndGet();
        ObjectNode msg = JSON.createObjectNode().put("id", id).put("method", method);
        msg.set("params", JSON.valueToTree(params));
        if (sessionId != null) {
            msg.put("sessionId", sessionId);
        }
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        socket.sendText(JSON.writeValueAsString(msg), true).get(30, TimeUnit.SECONDS);
        JsonNode answer = reply.get(60, TimeUnit.SECONDS);
        if (answer.has("error")) {
            throw new IllegalStateException(method + " failed: " + answer.path("error"));
        }
        return answer.path("result");
    }

    private static String endpoint(Process p) throws IOException {
        BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
        for (String line = err.readLine(); line != null; line = err.readLine()) {
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                // Keep draining stderr so the browser never blocks on a full pipe.
                Thread drain = new Thread(() -> err.lines().forEach(l -> { }), "chromium-stderr");
                drain.setDaemon(true);
                drain.start();
                return m.group(1);
            }
        }
        throw new IOException("chromium exited without a DevTools endpoint (exit " + p.exitValue() + ")");
    }

    @Override
    public void close() throws Exception {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            // The browser is killed below anyway.
        }
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        try (var files = Files.walk(profile)) {
            files.sorted((a, b) -> b.compareTo(a)).forEach(f -> f.toFile().delete());
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                try {
                    JsonNode msg = JSON.readTree(text.toString());
                    CompletableFuture<JsonNode> reply = msg.has("id") ? pending.remove(msg.path("id").asInt()) : null;
                    if (reply != null) {
                        reply.complete(msg);
                    }
                } catch (IOException e) {
                    pending.values().forEach(f -> f.completeExceptionally(e));
                }
                text.setLength(0);
            }
            ws.request(1);
            return null;
        }
    }
}
