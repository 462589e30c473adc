package io.jenkins.plugins.iamjanitor.sandbox.jira;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** HTTP plumbing of the Jira emulator: authentication, request bodies, query strings, JSON answers. */
final class JiraExchange {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JiraExchange() {
    }

    /** Cloud: Basic email:apiToken; Data Center: Bearer personal access token. Anything else is nobody. */
    static Optional<JiraScenario.User> authenticate(JiraScenario scenario, String header) {
        if (header == null) {
            return Optional.empty();
        }
        if (scenario.cloud() && header.startsWith("Basic ")) {
            String pair;
            try {
                pair = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
            int colon = pair.indexOf(':');
            if (colon < 0) {
                return Optional.empty();
            }
            String email = pair.substring(0, colon);
            String token = pair.substring(colon + 1);
            return scenario.users().stream()
                    .filter(u -> u.email().equalsIgnoreCase(email) && token.equals(u.apiToken())).findFirst();
        }
        if (!scenario.cloud() && header.startsWith("Bearer ")) {
            String token = header.substring(7).trim();
            return scenario.users().stream().filter(u -> token.equals(u.pat())).findFirst();
        }
        return Optional.empty();
    }

    static final class BadRequest extends RuntimeException {
        final int status;

        BadRequest(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    static void requireMethod(String method, String expected) {
        if (!method.equals(expected)) {
            throw new BadRequest(405, "Method " + method + " not allowed here.");
        }
    }

    static JsonNode body(HttpExchange ex) throws IOException {
        String type = ex.getRequestHeaders().getFirst("Content-Type");
        if (type == null || !type.startsWith("application/json")) {
            throw new BadRequest(415, "Unsupported Media Type: send application/json.");
        }
        try (InputStream in = ex.getRequestBody()) {
            JsonNode node = MAPPER.readTree(in);
            if (node == null || !node.isObject()) {
                throw new BadRequest(400, "The request body must be a JSON object.");
            }
            return node;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new BadRequest(400, "Unexpected character in the JSON body.");
        }
    }

    static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            out.put(k, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    static void send(HttpExchange ex, int status, ObjectNode body) throws IOException {
        if (body == null) {
            ex.sendResponseHeaders(status, -1);
            return;
        }
        byte[] bytes = MAPPER.writeValueAsBytes(body);
        ex.getResponseHeaders().set("Content-Type", "application/json;charset=UTF-8");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    static List<String> split(String csv) {
        List<String> out = new ArrayList<>();
        if (csv != null) {
            for (String s : csv.split(",")) {
                if (!s.isBlank()) {
                    out.add(s.trim());
                }
            }
        }
        return out;
    }
}
