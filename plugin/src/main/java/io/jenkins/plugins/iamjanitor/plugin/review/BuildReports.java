package io.jenkins.plugins.iamjanitor.plugin.review;

import io.jenkins.plugins.iamjanitor.integrations.review.DirectoryReportStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The review's reports archived with the build: the CLI's own {@link DirectoryReportStore} (HTML, Markdown, JSON from
 * the core report model) writing into {@code <artifacts>/iam-janitor-reports/}, so Jenkins serves, lists and discards
 * them with the build's other artifacts. Written again on every call: the latest state of the review wins.
 */
public final class BuildReports {
    public static final String DIR = "iam-janitor-reports";

    private BuildReports() {
    }

    /** Writes the review's reports as build artifacts; returns the files written. */
    public static List<String> archive(BuildReview review) {
        return new DirectoryReportStore(directory(review)).write(review.record());
    }

    /** The archived HTML report's path relative to the build's artifacts, or null when none was archived yet. */
    static String htmlArtifact(BuildReview review) {
        String name = review.getReviewId() + ".html";
        return Files.isRegularFile(directory(review).resolve(name)) ? DIR + "/" + name : null;
    }

    @SuppressWarnings("deprecation") // the standard artifact manager keeps artifacts in this directory
    private static Path directory(BuildReview review) {
        return review.getRun().getArtifactsDir().toPath().resolve(DIR);
    }
}
