package io.jenkins.plugins.iamjanitor.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParseErrorsTest {
    @TempDir
    Path dir;

    @Test
    void aMalformedScenarioNamesFileLineAndColumnInWords() throws Exception {
        Path file = Files.writeString(dir.resolve("s.json"), "{\"iam\": {\n  \"users\": [ {\"name\": \"a\"} ");

        assertThatThrownBy(() -> Scenario.load(file)).hasMessage("scenario " + file + ": invalid JSON at line 2,"
                + " column 28: unexpected end-of-input: expected ']' (opened at line 2, column 12)");
    }

    @Test
    void trailingTextIsAnErrorToo() throws Exception {
        Path file = Files.writeString(dir.resolve("t.json"), "{\"iam\": {}}\n}");

        assertThatThrownBy(() -> Scenario.load(file)).hasMessageStartingWith("scenario " + file
                + ": invalid JSON at line 2, column").message().doesNotContain("Source", "REDACTED", "code ");
    }

    @Test
    void aMissingScenarioSaysNotFound() {
        assertThatThrownBy(() -> Scenario.load(dir.resolve("nope.json")))
                .hasMessage("scenario file not found: " + dir.resolve("nope.json"));
    }
}
