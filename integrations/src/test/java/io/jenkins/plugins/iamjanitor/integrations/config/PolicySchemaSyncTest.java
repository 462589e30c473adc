package io.jenkins.plugins.iamjanitor.integrations.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.iamjanitor.core.config.PolicyFields;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * docs/iam-janitor.schema.json (for editors and CI linters) and the parser accept exactly the same keys, enum values
 * and ranges; the parser covers every key of the core model; docs/configuration.md shows the example verbatim.
 */
class PolicySchemaSyncTest {
    private static final Path SCHEMA = Path.of("..", "docs", "iam-janitor.schema.json");

    @Test
    void thePublishedSchemaHasExactlyTheParsersKeys() throws IOException {
        JsonNode schema = new ObjectMapper().readTree(SCHEMA.toFile());
        List<String> published = new ArrayList<>();
        collect(schema, "", published);

        assertThat(published).containsExactlyInAnyOrderElementsOf(PolicySchema.keyPaths());
    }

    @Test
    void enumValuesAndRangesMatch() throws IOException {
        JsonNode props = new ObjectMapper().readTree(SCHEMA.toFile()).path("properties");
        check(props, PolicySchema.root(), "");
    }

    private static void check(JsonNode props, PolicySchema.Key parent, String prefix) {
        for (PolicySchema.Key key : parent.children()) {
            JsonNode node = props.path(key.name());
            String path = prefix + key.name();
            switch (key.type()) {
                case ENUM -> {
                    List<String> values = new ArrayList<>();
                    node.path("enum").forEach(v -> values.add(v.asText()));
                    assertThat(values).as(path).isEqualTo(key.allowed());
                }
                case INT -> {
                    assertThat(node.path("minimum").asInt()).as(path + " minimum").isEqualTo(key.min());
                    assertThat(node.path("maximum").asInt()).as(path + " maximum").isEqualTo(key.max());
                }
                case STRING -> assertThat(node.has("pattern")).as(path + " has a pattern")
                        .isEqualTo(key.pattern() != null);
                case SECTION -> check(node.path("properties"), key, path + ".");
                case TARGETS -> check(node.path("items").path("properties"), key, path + "[].");
                default -> { }
            }
        }
    }

    @Test
    void theParserCoversEveryKeyOfTheModel() {
        List<String> accepted = PolicySchema.keyPaths();
        for (String key : PolicyFields.keys()) {
            assertThat(accepted).as("the parser reads " + key).contains(key);
        }
    }

    @Test
    void theConfigurationGuideShowsTheTestedExample() throws IOException {
        String example = Files.readString(PolicyFileParserTest.EXAMPLE);
        String guide = Files.readString(Path.of("..", "docs", "configuration.md"));

        assertThat(guide).contains(example.strip());
    }

    private static void collect(JsonNode schema, String prefix, List<String> out) {
        for (Map.Entry<String, JsonNode> e : schema.path("properties").properties()) {
            String path = prefix + e.getKey();
            out.add(path);
            JsonNode v = e.getValue();
            if (v.has("properties")) {
                collect(v, path + ".", out);
            } else if (v.path("items").has("properties")) {
                collect(v.path("items"), path + "[].", out);
            } else if (v.path("items").has("oneOf")) {
                for (JsonNode alt : v.path("items").path("oneOf")) {
                    if (alt.has("properties")) {
                        alt.path("properties").fieldNames().forEachRemaining(n -> out.add(path + "[]." + n));
                    }
                }
            }
        }
    }
}
