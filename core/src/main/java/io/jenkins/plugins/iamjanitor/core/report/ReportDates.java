package io.jenkins.plugins.iamjanitor.core.report;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one date format of every report: {@code 2026-11-29 13:05:09 UTC}. Reasons written by the policy and the
 * deleter carry ISO-8601 instants; {@link #inText} rewrites those too, so a page never mixes two formats.
 */
public final class ReportDates {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final Pattern ISO_INSTANT =
            Pattern.compile("\\b(\\d{4}-\\d{2}-\\d{2})T(\\d{2}:\\d{2}:\\d{2})(?:\\.\\d{1,9})?Z\\b");

    private ReportDates() {
    }

    /** The instant to the second in UTC; empty for null. */
    public static String format(Instant instant) {
        return instant == null ? "" : FORMAT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    /** The text with every ISO-8601 UTC instant in it written in the report format. */
    public static String inText(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = ISO_INSTANT.matcher(text);
        return m.replaceAll(r -> Matcher.quoteReplacement(r.group(1) + " " + r.group(2) + " UTC"));
    }
}
