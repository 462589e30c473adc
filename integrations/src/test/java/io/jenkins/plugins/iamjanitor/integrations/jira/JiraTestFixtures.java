package io.jenkins.plugins.iamjanitor.integrations.jira;

import io.jenkins.plugins.iamjanitor.core.doc.Document;
import io.jenkins.plugins.iamjanitor.core.model.IamUser;
import io.jenkins.plugins.iamjanitor.core.policy.ActivityBasis;
import io.jenkins.plugins.iamjanitor.core.policy.CredentialEvidence;
import io.jenkins.plugins.iamjanitor.core.policy.CredentialKind;
import io.jenkins.plugins.iamjanitor.core.policy.Outcome;
import io.jenkins.plugins.iamjanitor.core.policy.Verdict;
import io.jenkins.plugins.iamjanitor.core.ticket.ReviewTicket;
import io.jenkins.plugins.iamjanitor.core.ticket.ReviewTicketComposer;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Review tickets and the users table shared by the Jira tests. */
final class JiraTestFixtures {
    static final String ACCOUNT = "123456789012";
    static final Instant NOW = Instant.parse("2024-06-30T12:00:00Z");

    private JiraTestFixtures() {
    }

    /** The same users table both renderers are checked against; cells hold wiki/ADF-sensitive characters. */
    static Document usersTable() {
        return Document.builder()
                .heading(2, "Users under review")
                .table(ReviewTicketComposer.USER_TABLE_HEADERS, List.of(
                        List.of("alice", "40", "console password: last used 2024-05-21\naccess key AKIA1: never used",
                                "none"),
                        List.of("svc|deploy", "120", "", "exempt {until} [2024-07-01]\\ok")))
                .build();
    }

    static Verdict verdict(String name, long days) {
        IamUser user = new IamUser(name, "AID" + name, "arn:aws:iam::" + ACCOUNT + ":user/" + name, "/",
                NOW.minusSeconds(86400L * 400), List.of(), List.of(), null, null, null, null, null, null);
        CredentialEvidence key = new CredentialEvidence(CredentialKind.ACCESS_KEY, "AKIA" + name.toUpperCase(),
                ActivityBasis.LAST_USED, NOW.minusSeconds(86400L * days), true, "s3 in eu-west-1");
        return new Verdict(user, Outcome.INACTIVE, "inactive", NOW, NOW.minusSeconds(86400L * days), days, key,
                List.of(key));
    }

    static ReviewTicket ticket(String reviewId, String... users) {
        return ticket(reviewId, Map.of(), users);
    }

    static ReviewTicket ticket(String reviewId, Map<String, Object> fields, String... users) {
        List<Verdict> verdicts = java.util.Arrays.stream(users).map(u -> verdict(u, 42)).toList();
        return new ReviewTicketComposer().compose(new ReviewTicketComposer.Input(reviewId, ACCOUNT, "sandbox",
                verdicts, Map.of(), null, "http://jenkins.local/job/janitor/7/", fields));
    }
}
