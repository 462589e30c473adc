package io.jenkins.plugins.iamjanitor.core.port;

import io.jenkins.plugins.iamjanitor.core.review.ReviewRecord;
import java.util.List;

/** Writes a review's reports (JSON, Markdown, HTML) somewhere people and machines can read them. */
public interface ReportStore {

    /** Writes (or rewrites) every report of this review and returns where each one is. */
    List<String> write(ReviewRecord record);
}
