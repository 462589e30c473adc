package io.jenkins.plugins.iamjanitor.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one duration syntax of the command line: a whole number and a unit, {@code 30s}, {@code 45m}, {@code 24h},
 * {@code 7d}. A bare number still works where an option used to take one (in that option's old unit), with a note
 * that it is deprecated, so existing scripts keep running and learn the new form.
 */
final class DurationOption {
    private static final Pattern FORM = Pattern.compile("(\\d{1,9})\\s*([smhd])");
    private static final Pattern BARE = Pattern.compile("\\d{1,9}");

    private DurationOption() {
    }

    /**
     * @param legacyUnit what a bare number meant for this option (null: a bare number is refused)
     * @param err        where the deprecation note goes
     */
    static Duration parse(String option, String text, ChronoUnit legacyUnit, PrintWriter err) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        Matcher m = FORM.matcher(t);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        if (legacyUnit != null && BARE.matcher(t).matches()) {
            Duration d = Duration.of(Long.parseLong(t), legacyUnit);
            err.println("note: " + option + " " + t + " (a bare number of " + legacyUnit.name().toLowerCase(Locale.ROOT)
                    + ") is deprecated; write " + format(d) + " instead.");
            err.flush();
            return d;
        }
        throw new UsageException(option + " takes a duration such as 30s, 45m or 24h, got '" + text + "'");
    }

    /** The shortest exact form: 90s -> "90s", 3600s -> "1h". */
    static String format(Duration d) {
        long s = d.toSeconds();
        if (s % 86_400 == 0 && s > 0) {
            return s / 86_400 + "d";
        }
        if (s % 3600 == 0 && s > 0) {
            return s / 3600 + "h";
        }
        return s % 60 == 0 && s > 0 ? s / 60 + "m" : s + "s";
    }
}
