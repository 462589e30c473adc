package io.jenkins.plugins.iamjanitor.core.activity;

import io.jenkins.plugins.iamjanitor.core.doc.Document;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Renders an {@link ActivitySummary} as a format-neutral {@link Document}: the Jira comment that enriches a review
 * ticket, and the per-user section of the review report. Text stays plain; renderers escape it.
 */
public final class ActivitySummaryDocument {
    static final int MAX_USER_AGENT = 60;
    static final List<String> EVENT_COLUMNS = List.of(
            "Time", "Event", "Source", "Region", "Source IP", "User agent", "Access key", "Error");

    private ActivitySummaryDocument() {
    }

    /** @param headingLevel 2 for a report section, 3 inside a ticket comment */
    public static Document render(ActivitySummary summary, int headingLevel) {
        Document.Builder doc = Document.builder()
                .heading(headingLevel, "CloudTrail activity of " + summary.userName())
                .paragraph(summary.headline())
                .paragraph(summary.signInLine());
        if (!summary.noEvents()) {
            List<List<String>> counts = new ArrayList<>();
            for (Map.Entry<String, Integer> e : summary.countsBySource().entrySet()) {
                counts.add(List.of(e.getKey(), Integer.toString(e.getValue())));
            }
            doc.heading(headingLevel + 1, "Events per service")
                    .table(List.of("Event source", "Events"), counts);
            List<List<String>> rows = new ArrayList<>();
            for (ActivityEvent e : summary.recentEvents()) {
                rows.add(List.of(ActivitySummary.format(e.eventTime()), text(e.eventName()), text(e.eventSource()),
                        text(e.region()), text(e.sourceIp()), shorten(e.userAgent()), text(e.accessKeyId()),
                        text(e.errorCode())));
            }
            String title = summary.recentEvents().size() == summary.totalEvents()
                    ? "All " + summary.totalEvents() + " events, newest first"
                    : "Latest " + summary.recentEvents().size() + " of " + summary.totalEvents() + " events";
            doc.heading(headingLevel + 1, title).table(EVENT_COLUMNS, rows);
        }
        if (!summary.complete()) {
            List<String> failures = new ArrayList<>();
            summary.failedRegions().forEach((region, error) -> failures.add(region + ": " + error));
            doc.paragraph("Regions that could not be queried (the evidence above may be incomplete):")
                    .bullets(failures);
        }
        return doc.build();
    }

    private static String text(String value) {
        return value == null || value.isEmpty() ? "-" : value;
    }

    private static String shorten(String value) {
        if (value == null || value.isEmpty()) {
            return "-";
        }
        return value.length() <= MAX_USER_AGENT ? value : value.substring(0, MAX_USER_AGENT - 1) + "…";
    }
}
