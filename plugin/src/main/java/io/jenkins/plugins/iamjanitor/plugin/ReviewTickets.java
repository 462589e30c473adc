package io.jenkins.plugins.iamjanitor.plugin;

import io.jenkins.plugins.iamjanitor.core.approval.ApprovalOutcome;
import io.jenkins.plugins.iamjanitor.core.policy.Verdict;
import io.jenkins.plugins.iamjanitor.core.ticket.ReviewTicket;
import io.jenkins.plugins.iamjanitor.core.ticket.ReviewTicketComposer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builds the review ticket (core's composer) from the plain values the earlier steps returned. */
final class ReviewTickets {
    private ReviewTickets() {
    }

    static ReviewTicket compose(List<Map<String, Object>> users, Map<String, Object> approval, List<String> extraLabels,
            String buildUrl, Instant now) {
        List<String> names = users.stream().map(u -> String.valueOf(u.get("user"))).sorted().toList();
        String account = accountId(users);
        if (account == null) {
            throw StepArguments.invalid("users", "no user carries an IAM ARN with the account id: pass the result "
                    + "of iamListInactive");
        }
        String reviewId = approval != null && approval.get("reviewId") != null ? approval.get("reviewId").toString()
                : "iamj-" + digest(account + ":" + String.join(",", names));
        List<Verdict> candidates = new ArrayList<>();
        users.forEach(u -> candidates.add(PipelineValues.verdict(u, now)));
        ApprovalOutcome outcome = approval == null ? null : ApprovalRecords.outcome(approval);
        ReviewTicket composed = new ReviewTicketComposer().compose(new ReviewTicketComposer.Input(reviewId, account,
                null, candidates, null, outcome, buildUrl, null));
        Set<String> labels = new LinkedHashSet<>(composed.labels());
        labels.addAll(extraLabels);
        return new ReviewTicket(composed.reviewId(), composed.accountId(), composed.userNames(), composed.summary(),
                composed.description(), List.copyOf(labels), composed.fields());
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

    private static String digest(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
