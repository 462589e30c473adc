package io.jenkins.plugins.iamjanitor.core.report;

import static io.jenkins.plugins.iamjanitor.core.report.HtmlRenderer.escape;

import io.jenkins.plugins.iamjanitor.core.review.ReviewRecord;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.stream.Collectors;

/**
 * The HTML report page: summary cards, the days-since-activity chart, the sortable overview table, the sections a
 * reviewer checks by hand, and the per-user details. Self-contained: inline CSS, one inline script allowed by its
 * SHA-256 hash in the Content-Security-Policy (so nothing else can run, and the page works without it too), no
 * external resource. Narrow screens get every table as stacked cards; the chart scrolls inside its own box.
 */
final class HtmlReportPage {
    /** Sorts a table.sortable by the clicked column (data-v of each cell); numbers numerically. */
    static final String SCRIPT = "document.querySelectorAll('table.sortable').forEach(function(t){"
            + "t.querySelectorAll('th').forEach(function(th,i){function go(){var b=t.tBodies[0],"
            + "up=th.getAttribute('aria-sort')!=='ascending',rows=Array.prototype.slice.call(b.rows);"
            + "t.querySelectorAll('th').forEach(function(h){h.removeAttribute('aria-sort')});"
            + "th.setAttribute('aria-sort',up?'ascending':'descending');rows.sort(function(x,y){"
            + "var a=x.cells[i].getAttribute('data-v'),c=y.cells[i].getAttribute('data-v'),"
            + "r=(a!==''&&c!==''&&!isNaN(a)&&!isNaN(c))?a-c:a.localeCompare(c);return up?r:-r});"
            + "rows.forEach(function(r){b.appendChild(r)})}th.addEventListener('click',go);"
            + "th.addEventListener('keydown',function(e){if(e.key==='Enter'||e.key===' '){e.preventDefault();go()}})"
            + "})});";
    static final String SCRIPT_HASH = "sha256-" + sha256(SCRIPT);
    private static final String CSS = """
            *{box-sizing:border-box}
            body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1f2328;\
            background:#f6f8fa}
            main{max-width:1200px;margin:0 auto;padding:20px}
            h1{font-size:22px;margin:0 0 6px;overflow-wrap:anywhere}
            h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #d0d7de}
            h3{font-size:16px;margin:22px 0 6px;padding:6px 10px;background:#fff;border-left:4px solid #0969da;\
            overflow-wrap:anywhere}
            h4{font-size:14px;margin:14px 0 4px}
            p,li{overflow-wrap:anywhere}
            .meta,.hint{color:#57606a;margin:4px 0}
            .cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(140px,1fr));gap:8px;margin:8px 0}
            .card{background:#fff;border:1px solid #d0d7de;border-left-width:5px;border-radius:6px;padding:6px 10px}
            .card b{display:block;font-size:22px}.card span{color:#57606a;font-size:12px}
            .card.zero b{color:#8c959f}.card.total{border-left-color:#1f2328}
            .c-inactive{border-left-color:#cf222e}.c-active{border-left-color:#1a7f37}
            .c-exempt{border-left-color:#8c959f}.c-grace-period{border-left-color:#0969da}
            .c-unknown-activity{border-left-color:#bf8700}
            .sum{color:#57606a;font-size:13px;margin:0 0 8px}
            .scroll{overflow-x:auto;max-width:100%}
            table{border-collapse:collapse;background:#fff;margin:6px 0 10px;width:100%;font-size:13px}
            th,td{border:1px solid #d0d7de;padding:4px 8px;text-align:left;vertical-align:top}
            td{overflow-wrap:anywhere}td:first-child{overflow-wrap:break-word}
            th{background:#eaeef2;white-space:nowrap;word-break:keep-all;hyphens:none}
            table.sortable th{cursor:pointer;user-select:none}
            th[aria-sort=ascending]::after{content:" \\25B2"}th[aria-sort=descending]::after{content:" \\25BC"}
            td.num{text-align:right;font-variant-numeric:tabular-nums}
            small{color:#57606a}
            tr:target,h3:target{background:#fff8c5}
            pre{background:#fff;border:1px solid #d0d7de;padding:8px;overflow:auto}
            .s{font-weight:600;border-radius:10px;padding:1px 8px;font-size:12px;white-space:nowrap;\
            display:inline-block}
            .s-DELETED{background:#ffebe9;color:#a40e26}.s-PLANNED{background:#ddf4ff;color:#0550ae}
            .s-KEPT,.s-NOT_FOUND{background:#dafbe1;color:#116329}.s-SKIPPED{background:#fff8c5;color:#7d4e00}
            .s-FAILED{background:#a40e26;color:#fff}.s-no{color:#57606a}
            .s-APPROVE,.s-approve{background:#fff1e5;color:#953800}.s-KEEP,.s-keep{background:#dafbe1;color:#116329}
            .s-inactive{background:#ffebe9;color:#a40e26}.s-active{background:#dafbe1;color:#116329}
            .s-exempt{background:#eaeef2;color:#424a53}.s-grace-period{background:#ddf4ff;color:#0550ae}
            .s-unknown-activity{background:#fff8c5;color:#7d4e00}
            .chart{background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:8px;overflow-x:auto}
            .chart svg{display:block;width:100%;min-width:560px;height:auto;font:12px system-ui,sans-serif}
            .chart .axis,.chart .tick{stroke:#57606a}.chart text{fill:#424a53}
            .chart .threshold{stroke:#cf222e;stroke-width:2;stroke-dasharray:6 4}
            .chart text.threshold-label{fill:#cf222e;font-weight:600}
            .d-inactive{fill:#cf222e}.d-active{fill:#1a7f37}.d-exempt{fill:#8c959f}.d-grace-period{fill:#0969da}
            .d-unknown-activity{fill:#bf8700}
            .legend{font-size:12px;color:#57606a;margin:6px 0 0}.legend span{white-space:nowrap}
            .legend i{display:inline-block;width:10px;height:10px;border-radius:50%;margin:0 4px 0 10px}
            .legend i.d-inactive{background:#cf222e}.legend i.d-active{background:#1a7f37}
            .legend i.d-exempt{background:#8c959f}.legend i.d-grace-period{background:#0969da}
            .legend i.d-unknown-activity{background:#bf8700}
            footer{color:#57606a;font-size:12px;margin-top:32px}
            @media (max-width:700px){
            main{padding:10px}
            .cards{grid-template-columns:repeat(3,minmax(0,1fr));gap:6px}.card{padding:4px 8px}.card b{font-size:18px}
            table.stack thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
            table.stack,table.stack tbody,table.stack tr,table.stack td{display:block;width:100%}
            table.stack tr{border:1px solid #d0d7de;border-radius:6px;margin:0 0 8px;background:#fff}
            table.stack td{border:0;border-bottom:1px solid #eaeef2;display:grid;\
            grid-template-columns:minmax(6.5em,35%) minmax(0,1fr);gap:8px}
            table.stack td.num{text-align:left}table.stack td:first-child{overflow-wrap:anywhere}
            table.stack td::before{content:attr(data-label);font-weight:600;color:#57606a}
            }
            """;

    private HtmlReportPage() {
    }

    static String render(ReviewRecord record) {
        ReportModel m = ReportModel.of(record);
        StringBuilder out = new StringBuilder(16384);
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; ")
                .append("style-src 'unsafe-inline'; script-src '").append(SCRIPT_HASH).append("'\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(escape(m.title())).append("</title>\n")
                .append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n<main>\n")
                .append("<h1>").append(escape(m.title())).append("</h1>\n")
                .append(HtmlRenderer.render(ReviewReport.header(record)));
        cards(out, m);
        out.append("<section id=\"activity\">\n<h2>Days since last activity</h2>\n<div class=\"chart\">\n")
                .append(DaysChart.svg(m.scanned(), m.thresholdDays())).append("</div>\n<p class=\"legend\">");
        m.population().forEach(c -> out.append("<span><i class=\"d-").append(c.key()).append("\"></i>")
                .append(escape(c.label())).append("</span> "));
        out.append("</p>\n</section>\n");
        overview(out, m);
        out.append(HtmlRenderer.render(ReviewReport.notes(record)))
                .append(HtmlRenderer.render(ReviewReport.sections(m)))
                .append(HtmlRenderer.render(ReviewReport.details(record)))
                .append("<footer>Generated by IAM Janitor from review record ").append(escape(record.reviewId()))
                .append(". Dates are UTC.</footer>\n</main>\n<script>").append(SCRIPT)
                .append("</script>\n</body>\n</html>\n");
        return out.toString();
    }

    private static void cards(StringBuilder out, ReportModel m) {
        out.append("<section id=\"summary\">\n<div class=\"cards\">\n");
        card(out, "total", "Users scanned", m.usersScanned());
        m.population().forEach(c -> card(out, "c-" + c.key(), c.label(), c.count()));
        out.append("</div>\n<p class=\"sum\">").append(m.usersScanned()).append(" scanned = ")
                .append(m.population().stream().map(c -> c.count() + " " + c.label().toLowerCase())
                        .collect(Collectors.joining(" + ")))
                .append("</p>\n<div class=\"cards\">\n");
        m.outcomes().forEach(c -> card(out, "c-" + c.key(), c.label(), c.count()));
        out.append("</div>\n</section>\n");
    }

    private static void card(StringBuilder out, String cls, String label, int count) {
        out.append("<div class=\"card ").append(cls).append(count == 0 ? " zero" : "").append("\"><b>").append(count)
                .append("</b><span>").append(escape(label)).append("</span></div>\n");
    }

    private static void overview(StringBuilder out, ReportModel m) {
        out.append("<section id=\"overview\">\n<h2>Overview</h2>\n");
        if (m.overview().isEmpty()) {
            out.append("<p>No users were scanned.</p>\n</section>\n");
            return;
        }
        out.append("<p class=\"hint\">Flagged users first. Select a column header to sort; select a user for the ")
                .append("details.</p>\n<div class=\"scroll\">\n<table class=\"stack sortable\" id=\"overview-table\">")
                .append("\n<thead><tr>");
        ReviewReport.OVERVIEW_HEADERS.forEach(h -> out.append("<th scope=\"col\" tabindex=\"0\">").append(escape(h))
                .append("</th>"));
        out.append("</tr></thead>\n<tbody>\n");
        int rank = 0;
        for (OverviewRow o : m.overview()) {
            out.append("<tr class=\"").append(o.flagged() ? "flagged" : "scanned").append("\" data-user=\"")
                    .append(escape(o.userName())).append("\">");
            String user = o.anchor() == null ? escape(o.userName())
                    : "<a href=\"#" + escape(o.anchor()) + "\">" + escape(o.userName()) + "</a>";
            td(out, "User", o.userName().toLowerCase(), user + " <small>(" + escape(o.accountId()) + ")</small>");
            td(out, "Verdict", String.format("%03d", rank++), badge(o.verdict().replace(' ', '-'), o.verdict()));
            out.append("<td class=\"num\" data-label=\"Days inactive\" data-v=\"").append(o.daysInactive())
                    .append("\"><div>").append(o.daysInactive() < 0 ? "unknown" : o.daysInactive())
                    .append("</div></td>");
            td(out, "Driving credential", o.driving(), escape(o.driving()));
            td(out, "Decision", o.decision(), o.decision().isEmpty() ? "" : badge(o.decision(), o.decision())
                    + (o.decidedBy().isEmpty() ? "" : " " + escape(o.decidedBy()))
                    + (o.channel().isEmpty() ? "" : " <small>via " + escape(o.channel()) + "</small>"));
            td(out, "Outcome", o.outcome(), o.outcome().isEmpty() ? "" : badge(o.outcome(), o.outcome())
                    + (o.outcomeReason().isEmpty() ? "" : " <small>" + escape(o.outcomeReason()) + "</small>"));
            td(out, "Backup", o.backup(), escape(o.backup()));
            out.append("</tr>\n");
        }
        out.append("</tbody>\n</table>\n</div>\n</section>\n");
    }

    private static void td(StringBuilder out, String label, String sortKey, String html) {
        out.append("<td data-label=\"").append(label).append("\" data-v=\"").append(escape(sortKey)).append("\"><div>")
                .append(html).append("</div></td>");
    }

    private static String badge(String cls, String text) {
        return "<span class=\"s s-" + escape(cls.replace(' ', '-')) + "\">" + escape(text) + "</span>";
    }

    private static String sha256(String text) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
