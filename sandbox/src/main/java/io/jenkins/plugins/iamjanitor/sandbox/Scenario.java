package io.jenkins.plugins.iamjanitor.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A scenario file: one JSON document with a section per emulator ({@code account}, {@code iam}, {@code cloudtrail},
 * {@code slack}, {@code jira}). Each emulator reads its own section. Dates are written relative to "now" (e.g.
 * {@code "passwordLastUsedDaysAgo": 40}) so a scenario means the same on any day. Format: docs/sandbox.md.
 */
public final class Scenario {
    public static final String DEFAULT_RESOURCE = "/scenarios/default.json";
    /** Text after the top-level object is an error, not silently ignored. */
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final String name;
    private final JsonNode root;

    private Scenario(String name, JsonNode root) {
        this.name = name;
        this.root = root;
    }

    public static Scenario builtIn() {
        try (InputStream in = Scenario.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("built-in scenario " + DEFAULT_RESOURCE + " is missing from the jar");
            }
            return new Scenario("built-in default", MAPPER.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the built-in scenario", e);
        }
    }

    public static Scenario load(Path file) {
        String json;
        try {
            json = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("scenario file not found: " + file, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read scenario " + file + ": " + e.getMessage(), e);
        }
        return parse(file.toString(), json);
    }

    public static Scenario parse(String name, String json) {
        try {
            JsonNode root = MAPPER.readTree(json);
            if (root == null || !root.isObject()) {
                throw new IllegalArgumentException("scenario " + name + " must be a JSON object");
            }
            return new Scenario(name, root);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(ParseErrors.describe("scenario", name, "JSON", e), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("scenario " + name + " cannot be read: " + e.getMessage(), e);
        }
    }

    public String name() {
        return name;
    }

    /** The section for one emulator; a missing node (never null) when the scenario has none. */
    public JsonNode section(String key) {
        JsonNode node = root.get(key);
        return node == null ? MissingNode.getInstance() : node;
    }

    /** The emulated AWS account id ({@code account.id}, default 123456789012). */
    public String accountId() {
        return section("account").path("id").asText("123456789012");
    }
}
