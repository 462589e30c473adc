package io.jenkins.plugins.iamjanitor.core.report;

import static io.jenkins.plugins.iamjanitor.core.report.HtmlRenderer.escape;

import io.jenkins.plugins.iamjanitor.core.policy.Outcome;
import io.jenkins.plugins.iamjanitor.core.review.ScannedUser;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An inline SVG dot plot of days since last activity: one dot per scanned user, stacked where days are close, on a
 * logarithmic axis (a week and five years both stay readable), with the threshold as a dashed line and flagged users
 * in red. No script, no external asset: it renders under the report's Content-Security-Policy. Users with no known
 * activity date stand in their own column at the left.
 */
final class DaysChart {
    private static final int WIDTH = 960;
    private static final int LEFT = 110;
    private static final int RIGHT = 24;
    private static final int TOP = 30;
    private static final int BOTTOM = 46;
    private static final int STEP = 13;
    private static final int MAX_STACK = 16;
    private static final long[] TICKS = {0, 1, 7, 30, 90, 180, 365, 730, 1825, 3650};

    private DaysChart() {
    }

    static String svg(List<ScannedUser> users, long thresholdDays) {
        long maxDays = Math.max(30, thresholdDays * 2);
        for (ScannedUser u : users) {
            maxDays = Math.max(maxDays, u.daysInactive());
        }
        Map<Integer, Integer> stacks = new HashMap<>();
        StringBuilder dots = new StringBuilder();
        int highest = 1;
        for (ScannedUser u : users.stream().sorted((a, b) -> Long.compare(a.daysInactive(), b.daysInactive()))
                .toList()) {
            double x = u.daysInactive() < 0 ? LEFT - 70 : x(u.daysInactive(), maxDays);
            int column = (int) Math.round(x / STEP);
            int level = stacks.merge(column, 1, Integer::sum) - 1;
            highest = Math.max(highest, Math.min(level + 1, MAX_STACK + 1));
            if (level > MAX_STACK) {
                continue;
            }
            dots.append(dot(u, column * STEP, level, level == MAX_STACK));
        }
        int height = TOP + highest * STEP + BOTTOM;
        int base = height - BOTTOM;
        StringBuilder s = new StringBuilder(4096);
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
                .append("\" role=\"img\" aria-labelledby=\"chart-title\"><title id=\"chart-title\">Days since last ")
                .append("activity of ").append(users.size()).append(" scanned users")
                .append(thresholdDays < 0 ? "" : "; threshold " + thresholdDays + " days").append("</title>\n");
        s.append("<line class=\"axis\" x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT).append("\" y1=\"")
                .append(base).append("\" y2=\"").append(base).append("\"/>\n");
        for (long t : TICKS) {
            if (t <= maxDays) {
                int x = (int) Math.round(x(t, maxDays));
                s.append("<line class=\"tick\" x1=\"").append(x).append("\" x2=\"").append(x).append("\" y1=\"")
                        .append(base).append("\" y2=\"").append(base + 5).append("\"/><text x=\"").append(x)
                        .append("\" y=\"").append(base + 19).append("\" text-anchor=\"middle\">").append(tick(t))
                        .append("</text>\n");
            }
        }
        s.append("<text x=\"").append(LEFT - 70).append("\" y=\"").append(base + 19)
                .append("\" text-anchor=\"middle\">unknown</text>\n");
        s.append("<text x=\"").append((LEFT + WIDTH - RIGHT) / 2).append("\" y=\"").append(base + 40)
                .append("\" text-anchor=\"middle\" class=\"label\">days since last activity (log scale)</text>\n");
        if (thresholdDays >= 0) {
            int x = (int) Math.round(x(thresholdDays, maxDays));
            s.append("<line class=\"threshold\" x1=\"").append(x).append("\" x2=\"").append(x).append("\" y1=\"")
                    .append(TOP - 14).append("\" y2=\"").append(base).append("\"/><text class=\"threshold-label\" x=\"")
                    .append(x + 4).append("\" y=\"").append(TOP - 4).append("\">threshold ").append(thresholdDays)
                    .append(" days</text>\n");
        }
        // Dots were laid out upwards from 0; shift them onto the baseline now that the height is known.
        s.append("<g transform=\"translate(0,").append(base).append(")\">\n").append(dots).append("</g>\n</svg>\n");
        return s.toString();
    }

    /** @param more the top of a full column: a "+" stands for this user and every one above it */
    private static String dot(ScannedUser u, int cx, int level, boolean more) {
        int cy = -(level * STEP + STEP / 2 + 1);
        String days = u.daysInactive() < 0 ? "no known activity" : u.daysInactive() + " days since last activity";
        String title = u.userName() + ": " + days + " (" + ReportModel.label(u.outcome()).toLowerCase(Locale.ROOT)
                + ")";
        if (more) {
            // A very tall column ends in "+" instead of growing the chart without bound.
            return "<text class=\"more\" x=\"" + cx + "\" y=\"" + (cy + 4) + "\" text-anchor=\"middle\">+</text>\n";
        }
        String circle = "<circle class=\"d-" + ReportModel.key(u.outcome()) + "\" cx=\"" + cx + "\" cy=\"" + cy
                + "\" r=\"" + (u.outcome() == Outcome.INACTIVE ? 6 : 5) + "\"><title>" + escape(title)
                + "</title></circle>";
        boolean linked = u.outcome() != Outcome.ACTIVE;
        return (linked ? "<a href=\"#" + escape(ReportModel.anchor(u.userName())) + "\">" + circle + "</a>" : circle)
                + "\n";
    }

    private static double x(long days, long maxDays) {
        return LEFT + (WIDTH - LEFT - RIGHT) * Math.log1p(days) / Math.log1p(maxDays);
    }

    private static String tick(long days) {
        if (days >= 365 && days % 365 == 0) {
            return days / 365 + (days == 365 ? " year" : " years");
        }
        return days + (days == 1 ? " day" : " days");
    }
}
