package io.jenkins.plugins.iamjanitor.integrations.review;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.iamjanitor.core.review.ReviewRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryReportStoreTest {
    @TempDir
    Path dir;

    @Test
    void writesJsonMarkdownAndHtml() throws Exception {
        ReviewRecord record = SampleRecords.completed("review-9");
        List<String> written = new DirectoryReportStore(dir.resolve("reports")).write(record);

        assertThat(written).containsExactly(dir.resolve("reports/review-9.json").toAbsolutePath().toString(),
                dir.resolve("reports/review-9.md").toAbsolutePath().toString(),
                dir.resolve("reports/review-9.html").toAbsolutePath().toString());

        JsonNode json = new ObjectMapper().readTree(Files.readString(Path.of(written.get(0))));
        assertThat(json.path("format").asText()).isEqualTo("iam-janitor-review");
        assertThat(json.path("version").asInt()).isEqualTo(1);
        assertThat(json.path("summary").path("approved").asInt()).isEqualTo(1);
        assertThat(json.path("summary").path("kept").asInt()).isEqualTo(1);
        assertThat(json.path("summary").path("deletions").path("DELETED").asInt()).isEqualTo(1);
        assertThat(json.path("review").path("ticket").path("key").asText()).isEqualTo("SEC-7");
        assertThat(json.path("review").path("deletions").get(0).path("backupFile").asText())
                .isEqualTo("/backups/alice.json");
        assertThat(json.path("review").path("evidence").get(0).path("lastConsoleLogin").path("mfaUsed").asBoolean())
                .isTrue();
        // Parses back into the record it was made from.
        assertThat(ReviewJson.mapper().treeToValue(json.path("review"), ReviewRecord.class)).isEqualTo(record);

        assertThat(Files.readString(Path.of(written.get(1)))).startsWith("# IAM Janitor access review of account ")
                .contains("| Deleted | 1 |", "[Ticket SEC-7](<https://jira.example/browse/SEC-7>)");
        assertThat(Files.readString(Path.of(written.get(2)))).startsWith("<!DOCTYPE html>")
                .contains("<div>/backups/alice.json</div></td>", "ap-south-1 could not be searched");
        assertThat(json.path("report").path("overview").get(0).path("userName").asText()).isNotEmpty();
    }
}
