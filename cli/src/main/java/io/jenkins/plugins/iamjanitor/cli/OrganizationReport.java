package io.jenkins.plugins.iamjanitor.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.iamjanitor.core.org.AccountFilter;
import io.jenkins.plugins.iamjanitor.core.org.AccountOutcome;
import io.jenkins.plugins.iamjanitor.core.org.OrgAccount;
import io.jenkins.plugins.iamjanitor.core.org.OrganizationRun;
import io.jenkins.plugins.iamjanitor.core.policy.InactivityPolicy;
import io.jenkins.plugins.iamjanitor.core.policy.PolicySettings;
import io.jenkins.plugins.iamjanitor.core.policy.Verdict;
import io.jenkins.plugins.iamjanitor.core.scan.ScanResult;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * An organisation scan for people (table, Markdown) and tools (JSON, CSV): a per-account summary first (complete,
 * failed with its reason, skipped with its reason), then every flagged user named with its account id and name.
 */
final class OrganizationReport {
    private final OrganizationRun<ScanResult> run;
    private final PolicySettings settings;

    OrganizationReport(OrganizationRun<ScanResult> run, PolicySettings settings) {
        this.run = run;
        this.settings = settings;
    }

    String render(ScanReport.Format format) {
        return switch (format) {
            case table -> table();
            case json -> json();
            case csv -> csv();
            case markdown -> markdown();
        };
    }

    /** One summary row per account: selected ones in id order, then the skipped ones. */
    private record Row(OrgAccount account, String status, String users, String flagged, String detail) {
    }

    private List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        for (AccountOutcome<ScanResult> o : run.outcomes()) {
            rows.add(o.failed() ? new Row(o.account(), "FAILED", "-", "-", o.failure())
                    : new Row(o.account(), "OK", String.valueOf(o.result().verdicts().size()),
                            String.valueOf(o.result().flagged().size()), ""));
        }
        for (AccountFilter.Skipped s : run.skipped()) {
            rows.add(new Row(s.account(), "SKIPPED", "-", "-", s.reason()));
        }
        return rows;
    }

    String headline() {
        int users = run.completed().stream().mapToInt(o -> o.result().verdicts().size()).sum();
        int flagged = run.completed().stream().mapToInt(o -> o.result().flagged().size()).sum();
        return "Organization scan: " + run.outcomes().size() + " account(s) scanned (" + run.completed().size()
                + " complete, " + run.failures().size() + " failed), " + run.skipped().size() + " skipped; "
                + flagged + " of " + users + " IAM user(s) inactive for more than " + settings.threshold().toDays()
                + " days";
    }

    private String table() {
        StringBuilder out = new StringBuilder(headline()).append("\n\n");
        String format = "%-12s  %-24s  %-28s  %-7s  %5s  %7s  %s%n";
        out.append(String.format(format, "ACCOUNT", "NAME", "OU PATH", "STATUS", "USERS", "FLAGGED", "DETAIL"));
        for (Row r : rows()) {
            out.append(String.format(format, r.account().id(), r.account().name(), r.account().ouPath(), r.status(),
                    r.users(), r.flagged(), r.detail()).stripTrailing()).append("\n");
        }
        for (AccountOutcome<ScanResult> o : run.completed()) {
            if (o.result().flagged().isEmpty()) {
                continue;
            }
            out.append("\n").append(o.account().label()).append(": ").append(o.result().flagged().size())
                    .append(" inactive user(s)\n");
            for (Verdict v : o.result().flagged()) {
                out.append("  ").append(o.account().label()).append(" ").append(v.user().userName())
                        .append(" - inactive ").append(v.daysInactive()).append(" days (last activity ")
                        .append(date(v.lastActivity())).append("), driven by ").append(driving(v, o.result()))
                        .append("\n");
            }
        }
        return out.toString();
    }

    private String json() {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("thresholdDays", settings.threshold().toDays());
        root.put("unknownActivityBlocks", settings.unknownActivityBlocks());
        root.put("complete", run.completed().size());
        root.put("failed", run.failures().size());
        root.put("skipped", run.skipped().size());
        ArrayNode accounts = root.putArray("accounts");
        for (Row r : rows()) {
            ObjectNode a = accounts.addObject();
            account(a, r.account());
            a.put("status", r.status());
            if (!r.detail().isEmpty()) {
                a.put("reason", r.detail());
            }
        }
        for (int i = 0; i < run.outcomes().size(); i++) {
            AccountOutcome<ScanResult> o = run.outcomes().get(i);
            ObjectNode a = (ObjectNode) accounts.get(i); // rows() lists the outcomes first, in the same order
            if (o.failed()) {
                a.put("errorCode", o.errorCode());
                continue;
            }
            a.put("scannedAt", String.valueOf(o.result().scannedAt()));
            a.put("total", o.result().verdicts().size());
            a.put("flagged", o.result().flagged().size());
            ArrayNode users = a.putArray("users");
            for (Verdict v : o.result().verdicts()) {
                ObjectNode u = users.addObject();
                u.put("accountId", o.account().id());
                u.put("accountName", o.account().name());
                u.put("userName", v.user().userName());
                u.put("arn", v.user().arn());
                u.put("outcome", v.outcome().name());
                u.put("flagged", v.flagged());
                u.put("reason", v.reason());
                u.put("lastActivity", v.lastActivity() == null ? null : v.lastActivity().toString());
                u.put("daysInactive", v.daysInactive());
            }
        }
        try {
            return mapper.writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot render the organisation scan as JSON: " + e.getOriginalMessage(),
                    e);
        }
    }

    private static void account(ObjectNode a, OrgAccount account) {
        a.put("accountId", account.id());
        a.put("accountName", account.name());
        a.put("ouPath", account.ouPath());
        a.put("accountStatus", account.status());
    }

    /** Every user of every complete account; failed and skipped accounts get one row each, with no user. */
    private String csv() {
        StringBuilder out = new StringBuilder("account_id,account_name,account_result,user_name,arn,outcome,"
                + "days_inactive,last_activity,reason\r\n");
        for (Row r : rows()) {
            if (!r.status().equals("OK")) {
                out.append(String.join(",", ScanReport.cell(r.account().id()), ScanReport.cell(r.account().name()),
                        r.status(), "", "", "", "", "", ScanReport.cell(r.detail()))).append("\r\n");
            }
        }
        for (AccountOutcome<ScanResult> o : run.completed()) {
            for (Verdict v : o.result().verdicts()) {
                out.append(String.join(",", ScanReport.cell(o.account().id()), ScanReport.cell(o.account().name()),
                        "OK", ScanReport.cell(v.user().userName()), ScanReport.cell(v.user().arn()),
                        v.outcome().name(), String.valueOf(v.daysInactive()), ScanReport.cell(date(v.lastActivity())),
                        ScanReport.cell(v.reason()))).append("\r\n");
            }
        }
        return out.toString();
    }

    private String markdown() {
        StringBuilder out = new StringBuilder("# IAM Janitor organization scan\n\n").append(md(headline()))
                .append("\n\n| Account | Name | OU path | Status | Users | Flagged | Detail |\n")
                .append("|---|---|---|---|---:|---:|---|\n");
        for (Row r : rows()) {
            out.append("| ").append(r.account().id()).append(" | ").append(md(r.account().name())).append(" | ")
                    .append(md(r.account().ouPath())).append(" | ").append(r.status()).append(" | ")
                    .append(r.users()).append(" | ").append(r.flagged()).append(" | ").append(md(r.detail()))
                    .append(" |\n");
        }
        out.append("\n## Inactive users\n\n| Account | User | Days inactive | Last activity | Driven by |\n")
                .append("|---|---|---:|---|---|\n");
        for (AccountOutcome<ScanResult> o : run.completed()) {
            for (Verdict v : o.result().flagged()) {
                out.append("| ").append(md(o.account().label())).append(" | ").append(md(v.user().userName()))
                        .append(" | ").append(v.daysInactive()).append(" | ").append(date(v.lastActivity()))
                        .append(" | ").append(md(driving(v, o.result()))).append(" |\n");
            }
        }
        return out.toString();
    }

    private static String md(String s) {
        return s == null ? "" : s.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ");
    }

    private static String driving(Verdict v, ScanResult result) {
        return v.driving() == null ? "-" : InactivityPolicy.describe(v.driving(), result.scannedAt());
    }

    private static String date(Instant i) {
        return i == null ? "-" : i.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
