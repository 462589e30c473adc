package io.jenkins.plugins.iamjanitor.integrations.review;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.iamjanitor.core.port.ReviewStore;
import io.jenkins.plugins.iamjanitor.core.review.ReviewRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Review records as one JSON file each, {@code <dir>/<reviewId>.review.json}, replaced atomically on every save
 * (temp file, fsync, rename). A file that cannot be parsed is reported with its path, never skipped: skipping it
 * could start a second review while the first one is half done. New records are created exclusively ({@link #create});
 * a process running a review also holds {@link StateDirectoryLock} on the directory.
 */
public final class JsonReviewStore implements ReviewStore {
    private static final String SUFFIX = ".review.json";
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private final Path dir;
    private final ObjectMapper mapper = ReviewJson.mapper();

    public JsonReviewStore(Path dir) {
        this.dir = dir;
    }

    public Path directory() {
        return dir;
    }

    public Path fileOf(String reviewId) {
        if (reviewId == null || !SAFE_ID.matcher(reviewId).matches() || reviewId.contains("..")) {
            throw new IllegalArgumentException("review id must be 1-128 letters, digits, '.', '_' or '-': " + reviewId);
        }
        return dir.resolve(reviewId + SUFFIX);
    }

    @Override
    public void save(ReviewRecord record) {
        Path file = fileOf(record.reviewId());
        try {
            ReviewJson.writeAtomically(file, mapper.writeValueAsBytes(record));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write review record " + file + ": " + e.getMessage(), e);
        }
    }

    /** Create-new semantics: never replaces a record another process created under the same id. */
    @Override
    public boolean create(ReviewRecord record) {
        Path file = fileOf(record.reviewId());
        try {
            return ReviewJson.createAtomically(file, mapper.writeValueAsBytes(record));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create review record " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<ReviewRecord> load(String reviewId) {
        Path file = fileOf(reviewId);
        try {
            return Optional.of(read(file, Files.readAllBytes(file)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read review record " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<ReviewRecord> list() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<ReviewRecord> all = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            for (Path file : files) {
                if (!file.getFileName().toString().startsWith(".")) {
                    all.add(read(file, Files.readAllBytes(file)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list review records in " + dir + ": " + e.getMessage(), e);
        }
        all.sort(Comparator.comparing(ReviewRecord::startedAt, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(ReviewRecord::reviewId));
        return all;
    }

    private ReviewRecord read(Path file, byte[] json) {
        try {
            ReviewRecord r = mapper.readValue(json, ReviewRecord.class);
            if (r == null) {
                throw new IllegalStateException("review record " + file + " is empty");
            }
            return r;
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalStateException("review record " + file + " is not a valid review record ("
                    + firstLine(e.getMessage()) + "); fix or move the file away", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read review record " + file + ": " + e.getMessage(), e);
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
