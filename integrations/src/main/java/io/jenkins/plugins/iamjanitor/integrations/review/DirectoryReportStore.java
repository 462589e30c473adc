package io.jenkins.plugins.iamjanitor.integrations.review;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.iamjanitor.core.port.ReportStore;
import io.jenkins.plugins.iamjanitor.core.report.HtmlRenderer;
import io.jenkins.plugins.iamjanitor.core.report.MarkdownRenderer;
import io.jenkins.plugins.iamjanitor.core.report.ReportModel;
import io.jenkins.plugins.iamjanitor.core.report.ReportSummary;
import io.jenkins.plugins.iamjanitor.core.review.ReviewRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a review's three reports into one directory, each atomically: {@code <reviewId>.json} (machine-readable:
 * the summary counts and the whole review record), {@code <reviewId>.md} and {@code <reviewId>.html} (one
 * self-contained page). Format: docs/reports.md.
 */
public final class DirectoryReportStore implements ReportStore {
    /** Bumped when a field of the JSON report changes meaning or disappears; additions do not bump it. */
    public static final int JSON_VERSION = 1;

    private final Path dir;
    private final ObjectMapper mapper = ReviewJson.mapper();

    public DirectoryReportStore(Path dir) {
        this.dir = dir;
    }

    /**
     * The JSON report's top level: {@code report} is the same model the HTML and Markdown reports are rendered from
     * (cards, overview rows, the users to check by hand, CloudTrail events after the evidence).
     */
    public record JsonReport(String format, int version, ReportSummary summary, ReportModel report,
            ReviewRecord review) {
    }

    @Override
    public List<String> write(ReviewRecord record) {
        if (!record.reviewId().matches("[A-Za-z0-9][A-Za-z0-9._-]{0,127}") || record.reviewId().contains("..")) {
            throw new IllegalArgumentException("review id is not safe as a file name: " + record.reviewId());
        }
        Path json = dir.resolve(record.reviewId() + ".json");
        Path md = dir.resolve(record.reviewId() + ".md");
        Path html = dir.resolve(record.reviewId() + ".html");
        try {
            ReviewJson.writeAtomically(json, mapper.writeValueAsBytes(
                    new JsonReport("iam-janitor-review", JSON_VERSION, ReportSummary.of(record),
                            ReportModel.of(record), record)));
            ReviewJson.writeAtomically(md, MarkdownRenderer.report(record).getBytes(StandardCharsets.UTF_8));
            ReviewJson.writeAtomically(html, HtmlRenderer.report(record).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the reports into " + dir + ": " + e.getMessage(), e);
        }
        return List.of(json.toAbsolutePath().toString(), md.toAbsolutePath().toString(),
                html.toAbsolutePath().toString());
    }
}
