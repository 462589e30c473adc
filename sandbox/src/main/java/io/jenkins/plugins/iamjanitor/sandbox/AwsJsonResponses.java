package io.jenkins.plugins.iamjanitor.sandbox;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.util.UUID;

/** The response framing of AWS's JSON 1.1 protocol, shared by the emulators that speak it (CloudTrail, Organizations). */
public final class AwsJsonResponses {
    private AwsJsonResponses() {
    }

    /** Sends a JSON 1.1 body with a fresh request id, as AWS does on success and on error. */
    public static void send(HttpExchange exchange, int status, byte[] json) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
        exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        exchange.sendResponseHeaders(status, json.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(json);
        }
    }
}
