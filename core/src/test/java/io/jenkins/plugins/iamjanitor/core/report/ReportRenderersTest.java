package io.jenkins.plugins.iamjanitor.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.iamjanitor.core.doc.Document;
import io.jenkins.plugins.iamjanitor.core.review.ReviewRecord;
import io.jenkins.plugins.iamjanitor.core.review.ReviewRecords;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportRenderersTest {
    private static final String HOSTILE = "<script>alert('x')</script>&|*_";
    private final ReviewRecord record = ReviewRecords.completed(HOSTILE);

    @Test
    void htmlIsSelfContainedAndEscapesEverything() {
        String html = HtmlRenderer.report(record);

        assertThat(html).startsWith("<!DOCTYPE html>").contains("<style>", "default-src 'none'");
        // One script, the sorter, allowed by its hash and by nothing else; nothing loaded from anywhere.
        assertThat(html.split("<script", -1)).hasSize(2);
        assertThat(html).contains("script-src '" + HtmlReportPage.SCRIPT_HASH + "'",
                "<script>" + HtmlReportPage.SCRIPT + "</script>");
        assertThat(html).doesNotContain("<link", "src=\"", "@import", "url(", "unsafe-eval");
        assertThat(html).doesNotContain("script-src 'unsafe-inline'");
        assertThat(html).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;|*_");
        // External links: the ticket's only; the rest are anchors within the page.
        assertThat(html).contains("<a href=\"https://jira.example/browse/SEC-1\"");
        assertThat(html.replace("href=\"#", "").split("href=", -1)).hasSize(2);
    }

    @Test
    void htmlShowsSummaryEvidenceDecisionCloudTrailDeletionAndBackup() {
        String html = HtmlRenderer.report(record);

        assertThat(html).contains("<b>3</b><span>Users scanned</span>", "<b>2</b><span>Inactive</span>",
                "<b>1</b><span>Exempt</span>", "3 scanned = 2 inactive + 0 unknown activity + 0 grace period"
                + " + 1 exempt + 0 active", "<b>1</b><span>Approved for deletion</span>",
                "<b>1</b><span>Kept by the approver</span>", "<b>1</b><span>Deleted</span>");
        assertThat(html).contains("<th scope=\"col\">Credential</th>", "AKIABOB", "console password");
        assertThat(html).contains("<span class=\"s s-APPROVE\">APPROVE</span></div></td>"
                + "<td data-label=\"By\"><div>Alice Approver (U123)</div></td>", "<span class=\"s s-KEEP\">KEEP</span>");
        assertThat(html).contains("CloudTrail: 1 event(s)", "ConsoleLogin", "198.51.100.7");
        assertThat(html).contains("<span class=\"s s-DELETED\">DELETED</span>",
                "/backups/" + HtmlRenderer.escape(HOSTILE) + ".json</div></td>", "IAM calls made:");
        assertThat(html).contains("Exempt users (never touched)", "<tr id=\"user-svc-ci\">");
    }

    @Test
    void candidatesWithoutAnIdentityTagAreMarkedOwnerUnknown() {
        // The sample candidates carry only a team tag: nothing names their owner (issue 14 item 3).
        assertThat(MarkdownRenderer.render(ReviewReport.full(record))).contains("Owner unknown: no tag names who owns");
    }

    @Test
    void markdownEscapesTableBreakersAndMarkup() {
        String md = MarkdownRenderer.report(record);

        assertThat(md).startsWith("# IAM Janitor access review of account 123456789012, 2026-")
                .contains("Review " + record.reviewId());
        assertThat(md).contains("### \\<script\\>alert('x')\\</script\\>\\&\\|\\*\\_");
        assertThat(md).contains("| Users scanned | 3 |", "| Deleted | 1 |");
        assertThat(md).contains("[Ticket SEC-1](<https://jira.example/browse/SEC-1>)");
    }

    @Test
    void markdownKeepsEveryTableRowOnOneLineAndNeutralisesLineStarts() {
        Document doc = Document.builder()
                .table(List.of("a", "b"), List.of(List.of("x|y", "multi\nline")))
                .paragraph("# not a heading")
                .paragraph("1. not a list")
                .code("has ``` inside")
                .link("bad", "javascript:alert(1)")
                .build();
        String md = MarkdownRenderer.render(doc);

        assertThat(md).contains("| x\\|y | multi line |", "\\# not a heading", "1\\. not a list",
                "````\nhas ``` inside\n````", "bad (javascript:alert(1))");
        assertThat(md).doesNotContain("](javascript");
    }

    @Test
    void htmlRefusesNonHttpLinks() {
        String html = HtmlRenderer.render(Document.builder().link("x\"", "javascript:alert(1)").build());
        assertThat(html).isEqualTo("<p>x&quot; (javascript:alert(1))</p>\n");
    }
}
