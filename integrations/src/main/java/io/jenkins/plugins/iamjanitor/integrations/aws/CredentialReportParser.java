package io.jenkins.plugins.iamjanitor.integrations.aws;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the IAM credential report CSV. Columns are found by name (AWS has added columns over time, extra ones are
 * ignored); values
 * {@code N/A} (never / not applicable), {@code no_information} (before AWS tracked it) and {@code not_supported}
 * (root account) become null. {@link #parseLenient} keeps going past a bad row; errors are one line naming the line
 * and column.
 */
public final class CredentialReportParser {
    static final List<String> REQUIRED = List.of("user", "arn", "user_creation_time", "password_enabled",
            "password_last_used", "password_last_changed", "mfa_active",
            "access_key_1_active", "access_key_1_last_rotated", "access_key_1_last_used_date",
            "access_key_1_last_used_region", "access_key_1_last_used_service",
            "access_key_2_active", "access_key_2_last_rotated", "access_key_2_last_used_date",
            "access_key_2_last_used_region", "access_key_2_last_used_service",
            "cert_1_active", "cert_1_last_rotated", "cert_2_active", "cert_2_last_rotated");
    public static final String ROOT = "<root_account>";

    /** One access key slot of a row; {@code lastRotated} is the key's creation (or rotation) date. */
    public record KeySlot(int slot, boolean active, Instant lastRotated, Instant lastUsed, String region,
            String service) {
    }

    public record CertSlot(int slot, boolean active, Instant lastRotated) {
    }

    /** A report row. {@code passwordLastUsedNoInformation}: AWS has no data (sign-ins before Oct 2014). */
    public record Row(String user, String arn, Instant created, boolean passwordEnabled, Instant passwordLastUsed,
            boolean passwordLastUsedNoInformation, Instant passwordLastChanged, boolean mfaActive,
            List<KeySlot> keys, List<CertSlot> certs) {
        public boolean isRoot() {
            return ROOT.equals(user);
        }
    }

    /**
     * A row that could not be read: its user (when it could be recovered) goes to the per-user path.
     *
     * @param reason one line naming the line (and the column when known)
     */
    public record Skipped(int line, String user, String reason) {
    }

    /** The readable rows, and the lines that were not. */
    public record Parsed(List<Row> rows, List<Skipped> skipped) {
    }

    /** Every row, or an exception at the first unreadable one (tests and tools that want all or nothing). */
    public List<Row> parse(String csv) {
        Parsed parsed = parseLenient(csv);
        if (!parsed.skipped().isEmpty()) {
            Skipped first = parsed.skipped().get(0);
            throw new IllegalArgumentException(first.reason());
        }
        return parsed.rows();
    }

    /**
     * Reads what can be read: a header without a required column fails the whole report, a bad row only itself.
     * A row with more cells than the header is tried as an unquoted user name containing commas (IAM allows them):
     * the name is then recovered from the ARN column and must agree with it.
     */
    public Parsed parseLenient(String csv) {
        if (csv == null || csv.isBlank()) {
            throw new IllegalArgumentException("credential report is empty");
        }
        String[] lines = csv.split("\r?\n");
        List<String> header = split(lines[0]);
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            index.put(header.get(i).strip(), i);
        }
        for (String column : REQUIRED) {
            if (!index.containsKey(column)) {
                throw new IllegalArgumentException("credential report header has no column '" + column
                        + "' (header: " + abbreviate(lines[0]) + ")");
            }
        }
        List<Row> rows = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        for (int n = 1; n < lines.length; n++) {
            if (lines[n].isBlank()) {
                continue;
            }
            List<String> cells = split(lines[n]);
            if (cells.size() > header.size()) {
                cells = CommaNames.merge(cells, header.size(), index.get("user"), index.get("arn"));
            }
            if (cells == null || cells.size() != header.size()) {
                skipped.add(new Skipped(n + 1, CommaNames.nameFromArn(lines[n]), "credential report line " + (n + 1)
                        + " has " + split(lines[n]).size() + " columns, expected " + header.size()));
                continue;
            }
            try {
                Row row = new LineReader(n + 1, cells, index).row();
                if (!row.isRoot() && !CommaNames.agree(row.user(), row.arn())) {
                    skipped.add(new Skipped(n + 1, CommaNames.nameFromArn(row.arn()), "credential report line "
                            + (n + 1) + ": user '" + abbreviate(
                            String.valueOf(row.user())) + "' does not match its ARN"));
                } else {
                    rows.add(row);
                }
            } catch (IllegalArgumentException e) {
                skipped.add(new Skipped(n + 1, CommaNames.nameFromArn(lines[n]), e.getMessage()));
            }
        }
        return new Parsed(rows, skipped);
    }

    private record LineReader(int line, List<String> cells, Map<String, Integer> index) {
        Row row() {
            String user = text("user");
            boolean root = ROOT.equals(user);
            List<KeySlot> keys = new ArrayList<>();
            for (int slot = 1; slot <= 2; slot++) {
                String p = "access_key_" + slot + "_";
                Instant rotated = date(p + "last_rotated");
                if (rotated != null) {
                    keys.add(new KeySlot(slot, bool(p + "active"), rotated, date(p + "last_used_date"),
                            text(p + "last_used_region"), text(p + "last_used_service")));
                }
            }
            List<CertSlot> certs = new ArrayList<>();
            for (int slot = 1; slot <= 2; slot++) {
                Instant rotated = date("cert_" + slot + "_last_rotated");
                if (rotated != null) {
                    certs.add(new CertSlot(slot, bool("cert_" + slot + "_active"), rotated));
                }
            }
            String lastUsedRaw = raw("password_last_used");
            return new Row(user, text("arn"), date("user_creation_time"), !root && bool("password_enabled"),
                    date("password_last_used"), "no_information".equals(lastUsedRaw), date("password_last_changed"),
                    bool("mfa_active"), keys, certs);
        }

        String raw(String column) {
            return cells.get(index.get(column)).strip();
        }

        /** Null for the report's placeholders. */
        String text(String column) {
            String v = raw(column);
            return v.isEmpty() || "N/A".equals(v) || "no_information".equals(v) || "not_supported".equals(v)
                    ? null : v;
        }

        boolean bool(String column) {
            String v = raw(column);
            return switch (v) {
                case "true", "TRUE" -> true;
                case "false", "FALSE", "N/A", "not_supported" -> false;
                default -> throw new IllegalArgumentException("credential report line " + line + ", column "
                        + column + ": expected true or false, got '" + abbreviate(v) + "'");
            };
        }

        Instant date(String column) {
            String v = text(column);
            if (v == null) {
                return null;
            }
            try {
                return OffsetDateTime.parse(v).toInstant();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("credential report line " + line + ", column " + column
                        + ": cannot read date '" + abbreviate(v) + "'");
            }
        }
    }

    /** Splits one CSV line; supports RFC 4180 quotes (IAM user names may contain commas). */
    static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        out.add(cell.toString());
        return out;
    }

    static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
