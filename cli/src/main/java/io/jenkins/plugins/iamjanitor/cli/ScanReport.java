package io.jenkins.plugins.iamjanitor.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.iamjanitor.core.policy.CredentialEvidence;
import io.jenkins.plugins.iamjanitor.core.policy.CredentialKind;
import io.jenkins.plugins.iamjanitor.core.policy.InactivityPolicy;
import io.jenkins.plugins.iamjanitor.core.policy.Outcome;
import io.jenkins.plugins.iamjanitor.core.policy.PolicySettings;
import io.jenkins.plugins.iamjanitor.core.policy.Verdict;
import io.jenkins.plugins.iamjanitor.core.scan.ScanResult;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders a scan as a table for people, JSON or CSV for tools, or Markdown for tickets and wikis. */
final class ScanReport {
    enum Format { table, json, csv, markdown }

    private final ScanResult result;
    private final PolicySettings settings;

    ScanReport(ScanResult result, PolicySettings settings) {
        this.result = result;
        this.settings = settings;
    }

    String render(Format format) {
        return switch (format) {
            case table -> table();
            case json -> json();
            case csv -> csv();
            case markdown -> markdown();
        };
    }

    private String headline() {
        return result.flagged().size() + " of " + result.verdicts().size() + " IAM user(s) inactive for more than "
                + settings.threshold().toDays() + " days (scanned " + date(result.scannedAt()) + "; unknown activity "
                + (settings.unknownActivityBlocks() ? "blocks" : "ignored") + ")";
    }

    private String table() {
        StringBuilder out = new StringBuilder(headline()).append("\n");
        for (Verdict v : result.flagged()) {
            out.append("\n").append(v.user().userName()).append(" - inactive ").append(v.daysInactive())
                    .append(" days (last activity ").append(date(v.lastActivity())).append(")\n");
            out.append("  driven by ").append(driving(v)).append("\n");
            out.append(String.format("  %-38s %-17s %-21s %-6s %s%n", "CREDENTIAL", "BASIS", "DATE", "COUNTS",
                    "DETAIL"));
            for (CredentialEvidence e : v.evidence()) {
                out.append(String.format("  %-38s %-17s %-21s %-6s %s%n", InactivityPolicy.label(e), basis(e),
                        date(e.date()), e.counts() ? "yes" : "no", e.detail()));
            }
        }
        List<Verdict> notable = result.verdicts().stream()
                .filter(v -> !v.flagged() && v.outcome() != Outcome.ACTIVE).toList();
        out.append("\nNot flagged: ").append(summary()).append("\n");
        for (Verdict v : notable) {
            out.append(String.format("  %-16s %-28s %s%n", v.outcome(), v.user().userName(), v.reason()));
        }
        return out.toString();
    }

    private String summary() {
        Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
        result.verdicts().forEach(v -> counts.merge(v.outcome(), 1, Integer::sum));
        StringBuilder out = new StringBuilder();
        for (Outcome o : Outcome.values()) {
            if (o != Outcome.INACTIVE) {
                out.append(out.length() == 0 ? "" : ", ").append(counts.getOrDefault(o, 0)).append(' ')
                        .append(o.name().toLowerCase(Locale.ROOT).replace('_', ' '));
            }
        }
        return out.toString();
    }

    private String json() {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("scannedAt", String.valueOf(result.scannedAt()));
        root.put("thresholdDays", settings.threshold().toDays());
        root.put("unknownActivityBlocks", settings.unknownActivityBlocks());
        root.put("flagged", result.flagged().size());
        root.put("total", result.verdicts().size());
        ArrayNode users = root.putArray("users");
        for (Verdict v : result.verdicts()) {
            ObjectNode u = users.addObject();
            u.put("userName", v.user().userName());
            u.put("arn", v.user().arn());
            u.put("path", v.user().path());
            u.put("outcome", v.outcome().name());
            u.put("flagged", v.flagged());
            u.put("reason", v.reason());
            u.put("lastActivity", v.lastActivity() == null ? null : v.lastActivity().toString());
            u.put("daysInactive", v.daysInactive());
            if (v.driving() != null) {
                evidence(u.putObject("driving"), v.driving());
            }
            ArrayNode rows = u.putArray("evidence");
            v.evidence().forEach(e -> evidence(rows.addObject(), e));
        }
        try {
            return mapper.writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot render the scan as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static void evidence(ObjectNode n, CredentialEvidence e) {
        n.put("kind", e.kind().name());
        n.put("id", e.id());
        n.put("basis", e.basis().name());
        n.put("date", e.date() == null ? null : e.date().toString());
        n.put("counts", e.counts());
        n.put("detail", e.detail());
    }

    private String csv() {
        StringBuilder out = new StringBuilder("user_name,arn,path,outcome,days_inactive,last_activity,"
                + "driving_credential,driving_basis,driving_date,reason\r\n");
        for (Verdict v : result.verdicts()) {
            CredentialEvidence d = v.driving();
            out.append(String.join(",", cell(v.user().userName()), cell(v.user().arn()), cell(v.user().path()),
                    cell(v.outcome().name()), cell(String.valueOf(v.daysInactive())), cell(date(v.lastActivity())),
                    cell(d == null ? "" : InactivityPolicy.label(d)), cell(d == null ? "" : d.basis().name()),
                    cell(d == null ? "" : date(d.date())), cell(v.reason()))).append("\r\n");
        }
        return out.toString();
    }

    /** RFC 4180 quoting; a leading = + - @ is defused so spreadsheets never run a user name as a formula. */
    static String cell(String value) {
        String v = value == null ? "" : value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            v = "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }

    private String markdown() {
        StringBuilder out = new StringBuilder("# IAM Janitor scan\n\n").append(md(headline())).append("\n\n");
        if (!result.flagged().isEmpty()) {
            out.append("| User | Days inactive | Last activity | Driven by |\n|---|---:|---|---|\n");
            for (Verdict v : result.flagged()) {
                out.append("| ").append(md(v.user().userName())).append(" | ").append(v.daysInactive()).append(" | ")
                        .append(date(v.lastActivity())).append(" | ").append(md(driving(v))).append(" |\n");
            }
            out.append("\n## Evidence\n");
            for (Verdict v : result.flagged()) {
                out.append("\n### ").append(md(v.user().userName())).append("\n\n")
                        .append("| Credential | Basis | Date | Counts | Detail |\n|---|---|---|---|---|\n");
                for (CredentialEvidence e : v.evidence()) {
                    out.append("| ").append(md(InactivityPolicy.label(e))).append(" | ").append(basis(e))
                            .append(" | ").append(date(e.date())).append(" | ").append(e.counts() ? "yes" : "no")
                            .append(" | ").append(md(e.detail())).append(" |\n");
                }
            }
        }
        out.append("\n## Not flagged\n\n").append(md(summary())).append("\n");
        return out.toString();
    }

    private static String md(String s) {
        return s == null ? "" : s.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ");
    }

    private String driving(Verdict v) {
        return v.driving() == null ? "-" : InactivityPolicy.describe(v.driving(), result.scannedAt());
    }

    private static String basis(CredentialEvidence e) {
        return switch (e.basis()) {
            case LAST_USED -> "last used";
            case CREATED_NEVER_USED -> e.kind() == CredentialKind.USER ? "created" : "never used";
            case UNKNOWN -> "no last-use data";
            case DISABLED -> "disabled";
        };
    }

    private static String date(Instant i) {
        return i == null ? "-" : i.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
