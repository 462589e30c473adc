package io.jenkins.plugins.iamjanitor.plugin;

import io.jenkins.plugins.iamjanitor.core.doc.Document;
import io.jenkins.plugins.iamjanitor.core.review.ReviewDocuments;
import io.jenkins.plugins.iamjanitor.core.review.ReviewRecord;
import io.jenkins.plugins.iamjanitor.core.ticket.ReviewTicket;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The review ticket, composed from the build's recorded review exactly as the CLI's review composes it. */
final class ReviewTickets {
    private ReviewTickets() {
    }

    /**
     * The CLI's ticket for this record plus the step's extra labels. Composed as for an executing review: whether this
     * build deletes for real is decided later, at the gate, and the outcome comment says what happened.
     */
    static ReviewTicket compose(ReviewRecord record, List<String> extraLabels, String buildUrl) {
        return compose(record, extraLabels, buildUrl, null);
    }

    /** With the account's alias (read from IAM by the scan) beside its id in the summary and description. */
    static ReviewTicket compose(ReviewRecord record, List<String> extraLabels, String buildUrl, String accountAlias) {
        ReviewRecord executing = new ReviewRecord(record.reviewId(), record.accountId(), false, record.status(),
                record.stage(), record.startedAt(), record.updatedAt(), record.finishedAt(), record.scan(),
                record.candidates(), record.approvalHandle(), record.approval(), record.ticket(), record.evidence(),
                record.gate(), record.deletions(), record.reports(), record.notes(), record.intents(),
                record.decisionsSoFar());
        ReviewTicket composed = ReviewDocuments.ticket(executing, Map.of(), buildUrl, accountAlias);
        Set<String> labels = new LinkedHashSet<>(composed.labels());
        labels.addAll(extraLabels);
        // The exempt users with their rule and reason (issue 15), after the users under review.
        Document description = Document.builder().append(composed.description())
                .append(ExemptUsers.section(record)).build();
        return new ReviewTicket(composed.reviewId(), composed.accountId(), composed.userNames(), composed.summary(),
                description, List.copyOf(labels), composed.fields());
    }

    /** The account id in the first user ARN that carries one; null when none does. */
    static String accountId(List<Map<String, Object>> users) {
        for (Map<String, Object> u : users) {
            String[] arn = String.valueOf(u.get("arn")).split(":");
            if (arn.length > 4 && arn[4].matches("\\d{12}")) {
                return arn[4];
            }
        }
        return null;
    }
}
