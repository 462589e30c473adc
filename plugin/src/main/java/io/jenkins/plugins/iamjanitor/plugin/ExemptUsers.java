package io.jenkins.plugins.iamjanitor.plugin;

import io.jenkins.plugins.iamjanitor.core.doc.Document;
import io.jenkins.plugins.iamjanitor.core.review.ReviewRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * The exempt users of a review with the rule that exempted each and the rule's reason, for the Slack message and the
 * Jira ticket (the archived reports and the review page have them from the core report model). Approvers see who was
 * left out and why, so a wrong exemption is noticed where the decision is made.
 */
final class ExemptUsers {
    /** Slack section texts are limited; the page and the reports list them all. */
    static final int SLACK_MAX = 10;

    private ExemptUsers() {
    }

    /** E.g. {@code svc-ci (exempt: user name matches 'svc-*'; reason: CI service accounts)}; empty without a scan. */
    static List<String> lines(ReviewRecord record) {
        return record.scan() == null ? List.of() : record.scan().exemptUsersWithReasons();
    }

    /** The step's message followed by the exempt users (at most {@value #SLACK_MAX}); the message alone without. */
    static String withMessage(String message, ReviewRecord record) {
        List<String> exempt = lines(record);
        if (exempt.isEmpty()) {
            return message;
        }
        List<String> shown = new ArrayList<>(exempt.subList(0, Math.min(SLACK_MAX, exempt.size())));
        String more = exempt.size() > shown.size() ? "; and " + (exempt.size() - shown.size()) + " more on the"
                + " build's IAM review page" : "";
        return (message == null ? "" : message + "\n") + "Exempt, never touched: " + String.join("; ", shown) + more;
    }

    /** The ticket's section: one row per exempt user with its rule and reason; empty document without any. */
    static Document section(ReviewRecord record) {
        List<String> exempt = lines(record);
        if (exempt.isEmpty()) {
            return Document.builder().build();
        }
        List<List<String>> rows = new ArrayList<>();
        if (!record.scan().users().isEmpty()) {
            record.scan().users().stream()
                    .filter(u -> u.outcome() == io.jenkins.plugins.iamjanitor.core.policy.Outcome.EXEMPT)
                    .forEach(u -> rows.add(List.of(u.userName(), nz(u.reason()).replaceFirst("^exempt: ", ""),
                            u.exemptionReason() == null ? "(no reason recorded)" : u.exemptionReason())));
        }
        Document.Builder d = Document.builder().heading(3, "Exempt users (never touched)");
        return rows.isEmpty() ? d.bullets(exempt).build()
                : d.table(List.of("User", "Exemption rule", "Reason"), rows).build();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
