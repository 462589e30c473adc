package io.jenkins.plugins.iamjanitor.integrations.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.iamjanitor.core.review.ReviewRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonReviewStoreTest {
    @TempDir
    Path dir;

    @Test
    void aRecordComesBackEqualAfterASaveAndTheFileIsReadableJson() throws Exception {
        JsonReviewStore store = new JsonReviewStore(dir.resolve("state"));
        ReviewRecord record = SampleRecords.completed("review-1");

        store.save(record);

        assertThat(store.load("review-1")).contains(record);
        String json = Files.readString(dir.resolve("state/review-1.review.json"));
        assertThat(json).contains("\"stage\" : \"TICKET_TRANSITIONED\"", "\"decidedAt\" : \"2026-11-23T10:00:00Z\"",
                "\"backupFile\" : \"/backups/alice.json\"");
        try (Stream<Path> files = Files.list(dir.resolve("state"))) {
            assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("review-1.review.json");
        }
    }

    @Test
    void aSaveReplacesTheWholeRecord() {
        JsonReviewStore store = new JsonReviewStore(dir);
        store.save(SampleRecords.completed("r"));
        ReviewRecord shorter = SampleRecords.inProgress("r", SampleRecords.NOW);
        store.save(shorter);
        assertThat(store.load("r")).contains(shorter);
    }

    @Test
    void listIsOldestFirstAndFindUnfinishedPicksTheNewestOpenReviewOfTheAccount() {
        JsonReviewStore store = new JsonReviewStore(dir);
        store.save(SampleRecords.inProgress("b-old", SampleRecords.NOW.minusSeconds(100)));
        store.save(SampleRecords.inProgress("a-new", SampleRecords.NOW));
        store.save(SampleRecords.completed("c-done"));

        assertThat(store.list()).extracting(ReviewRecord::reviewId).containsExactly("b-old", "a-new", "c-done");
        assertThat(store.findUnfinished("123456789012")).get().extracting(ReviewRecord::reviewId).isEqualTo("a-new");
        assertThat(store.findUnfinished("999999999999")).isEmpty();
    }

    @Test
    void aMissingDirectoryOrRecordIsEmptyNotAnError() {
        JsonReviewStore store = new JsonReviewStore(dir.resolve("nope"));
        assertThat(store.list()).isEmpty();
        assertThat(store.load("x")).isEmpty();
    }

    @Test
    void aCorruptRecordIsAClearErrorNamingTheFile() throws Exception {
        Files.writeString(dir.resolve("bad.review.json"), "{\"reviewId\": \"bad\", \"status\": ");
        JsonReviewStore store = new JsonReviewStore(dir);
        assertThatThrownBy(store::list).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("review record " + dir.resolve("bad.review.json") + " is not a valid review record")
                .hasMessageContaining("fix or move the file away");
        Files.writeString(dir.resolve("bad.review.json"), "{\"reviewId\": \"bad\"}");
        assertThatThrownBy(() -> store.load("bad")).hasMessageContaining("not a valid review record");
    }

    @Test
    void reviewIdsThatCouldEscapeTheDirectoryAreRefused() {
        JsonReviewStore store = new JsonReviewStore(dir);
        assertThatThrownBy(() -> store.load("../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.fileOf("a/b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.fileOf("a..b")).isInstanceOf(IllegalArgumentException.class);
    }
}
