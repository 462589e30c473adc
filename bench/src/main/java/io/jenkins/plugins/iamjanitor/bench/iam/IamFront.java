package io.jenkins.plugins.iamjanitor.bench.iam;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.jenkins.plugins.iamjanitor.sandbox.TokenBucket;
import io.jenkins.plugins.iamjanitor.sandbox.iam.IamEmulator;
import io.jenkins.plugins.iamjanitor.sandbox.iam.IamState;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * Sits in front of the IAM emulator on the same loopback server and adds what the benchmarks need but the emulator
 * does not do: an account-wide request-rate limit answering IAM's {@code Throttling} error (IAM throttles per account,
 * not per request at random), and a record of every mutating request that changed the account, per user, so a soak
 * can prove "deleted exactly once" and "nobody else touched".
 */
public final class IamFront implements HttpHandler {
    private final IamEmulator emulator;
    private final TokenBucket limit;
    private final AtomicLong throttled = new AtomicLong();
    private final AtomicLong mutations = new AtomicLong();
    private final Map<String, AtomicInteger> deletedUsers = new ConcurrentHashMap<>();
    private final Map<String, List<String>> writesByUser = new ConcurrentHashMap<>();
    private volatile BiConsumer<String, String> beforeMutation = (action, user) -> { };

    /** @param limit null for no account-wide limit */
    public IamFront(IamEmulator emulator, TokenBucket limit) {
        this.emulator = emulator;
        this.limit = limit;
    }

    /**
     * Called with (action, user name) for every mutating request after it has been received and before the emulator
     * applies it: a soak kills its client here (so the call succeeds in IAM but its caller never hears of it) or
     * changes a user behind the client's back.
     */
    public void beforeMutation(BiConsumer<String, String> hook) {
        this.beforeMutation = hook == null ? (action, user) -> { } : hook;
    }

    /** Requests answered {@code Throttling} by the rate limit (they never reached the emulator). */
    public long throttled() {
        return throttled.get();
    }

    /** Mutating requests that went through (the emulator answered 200). */
    public long mutations() {
        return mutations.get();
    }

    /** How many times each user went from existing to gone through a DeleteUser call. */
    public Map<String, Integer> deletions() {
        Map<String, Integer> out = new HashMap<>();
        deletedUsers.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    /** Successful mutating calls per user name ({@code Action} or {@code Action(target)}). */
    public Map<String, List<String>> writesByUser() {
        Map<String, List<String>> out = new HashMap<>();
        writesByUser.forEach((k, v) -> {
            synchronized (v) {
                out.put(k, List.copyOf(v));
            }
        });
        return out;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        if (limit != null && !limit.tryAcquire()) {
            throttled.incrementAndGet();
            reject(exchange);
            return;
        }
        Map<String, String> form = form(new String(body, StandardCharsets.UTF_8));
        String action = form.getOrDefault("Action", "");
        String user = form.get("UserName");
        boolean mutating = isMutating(action);
        IamState state = emulator.state();
        if (mutating) {
            beforeMutation.accept(action, user);
        }
        boolean existed = user != null && state.hasUser(user);
        exchange.setStreams(new ByteArrayInputStream(body), null);
        emulator.handle(exchange);
        if (!mutating || exchange.getResponseCode() != 200) {
            return;
        }
        mutations.incrementAndGet();
        if (user != null) {
            String target = form.getOrDefault("AccessKeyId", form.getOrDefault("SerialNumber",
                    form.getOrDefault("PolicyArn", form.getOrDefault("PolicyName", form.getOrDefault("GroupName",
                            form.getOrDefault("SSHPublicKeyId", form.get("CertificateId")))))));
            List<String> writes = writesByUser.computeIfAbsent(user, u -> new ArrayList<>());
            synchronized (writes) {
                writes.add(target == null ? action : action + "(" + target + ")");
            }
        }
        if ("DeleteUser".equals(action) && existed && !state.hasUser(user)) {
            deletedUsers.computeIfAbsent(user, u -> new AtomicInteger()).incrementAndGet();
        }
    }

    /** IAM's read calls all start with Get, List or Generate (the credential report); everything else changes state. */
    public static boolean isMutating(String action) {
        return !(action.isEmpty() || action.startsWith("Get") || action.startsWith("List")
                || action.startsWith("Generate") || action.equals("AssumeRole"));
    }

    private static void reject(HttpExchange exchange) throws IOException {
        byte[] xml = ("<ErrorResponse xmlns=\"" + IamEmulator.IAM_NAMESPACE + "\"><Error><Type>Sender</Type>"
                + "<Code>Throttling</Code><Message>Rate exceeded</Message></Error>"
                + "<RequestId>bench-throttle</RequestId></ErrorResponse>").getBytes(StandardCharsets.UTF_8);
        try (exchange) {
            exchange.getResponseHeaders().set("Content-Type", "text/xml");
            exchange.sendResponseHeaders(400, xml.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(xml);
            }
        }
    }

    private static Map<String, String> form(String body) {
        Map<String, String> out = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }
}
