package io.jenkins.plugins.iamjanitor.plugin;

import io.jenkins.plugins.iamjanitor.core.doc.Document;
import io.jenkins.plugins.iamjanitor.core.ticket.ReviewTicket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builds the review ticket from the plain values the earlier steps returned. */
final class ReviewTickets {
    static final String LABEL = "iam-janitor";

    private ReviewTickets() {
    }

    static ReviewTicket compose(List<Map<String, Object>> users, Map<String, Object> approval, List<String> extraLabels,
            String buildUrl) {
        List<String> names = users.stream().map(u -> String.valueOf(u.get("user"))).sorted().toList();
        String account = accountId(users);
        String reviewId = approval != null && approval.get("reviewId") != null ? approval.get("reviewId").toString()
                : "iamj-" + digest(account + ":" + String.join(",", names));
        Set<String> labels = new LinkedHashSet<>();
        labels.add(LABEL);
        if (account != null) {
            labels.add(account);
        }
        labels.addAll(extraLabels);
        List<List<String>> rows = new ArrayList<>();
        for (Map<String, Object> u : users) {
            rows.add(List.of(String.valueOf(u.get("user")), text(u.get("daysInactive")), text(u.get("lastActivity")),
                    text(u.get("reason"))));
        }
        Document.Builder doc = Document.builder()
                .heading(2, "Inactive IAM users under review")
                .table(List.of("User", "Days inactive", "Last activity", "Reason"), rows);
        if (approval != null) {
            doc.heading(2, "Approval")
                    .paragraph("Approved: " + approval.get("approved") + "; kept: " + approval.get("kept")
                            + (Boolean.TRUE.equals(approval.get("timedOut")) ? " (timed out)" : "")
                            + "; by " + text(approval.get("approverName")) + " at " + text(approval.get("decidedAt"))
                            + " via " + text(approval.get("channel")));
        }
        if (buildUrl != null) {
            doc.link("Jenkins build", buildUrl);
        }
        String summary = "IAM Janitor: " + names.size() + " inactive user" + (names.size() == 1 ? "" : "s")
                + (account == null ? "" : " in " + account);
        return new ReviewTicket(reviewId, account, names, summary, doc.build(), List.copyOf(labels), Map.of());
    }

    static String accountId(List<Map<String, Object>> users) {
        for (Map<String, Object> u : users) {
            String[] arn = String.valueOf(u.get("arn")).split(":");
            if (arn.length > 4 && arn[4].matches("\\d{12}")) {
                return arn[4];
            }
        }
        return null;
    }

    private static String text(Object o) {
        return o == null ? "-" : o.toString();
    }

    private static String digest(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
