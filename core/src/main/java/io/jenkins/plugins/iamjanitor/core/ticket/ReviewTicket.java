package io.jenkins.plugins.iamjanitor.core.ticket;

import io.jenkins.plugins.iamjanitor.core.doc.Document;
import java.util.List;
import java.util.Map;

/**
 * What to open (or find) as the review's ticket.
 *
 * @param reviewId     the review's stable id; with the account id it identifies the ticket on a re-run
 * @param userNames    the users under review; used with the labels to find an open ticket before creating one
 * @param summary      e.g. "IAM Janitor: 3 inactive users in 123456789012"
 * @param description  users table, evidence, approval record
 * @param labels       always includes {@code iam-janitor} and the account id
 * @param fields       optional extras: components, priority, assignee, custom fields (adapter-specific keys)
 */
public record ReviewTicket(
        String reviewId,
        String accountId,
        List<String> userNames,
        String summary,
        Document description,
        List<String> labels,
        Map<String, Object> fields) {
    public ReviewTicket {
        userNames = List.copyOf(userNames);
        labels = List.copyOf(labels);
        fields = fields == null ? Map.of() : Map.copyOf(fields);
    }
}
