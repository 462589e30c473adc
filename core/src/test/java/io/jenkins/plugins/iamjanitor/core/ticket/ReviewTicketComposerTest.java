package io.jenkins.plugins.iamjanitor.core.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.iamjanitor.core.approval.ApprovalOutcome;
import io.jenkins.plugins.iamjanitor.core.approval.Decision;
import io.jenkins.plugins.iamjanitor.core.approval.UserDecision;
import io.jenkins.plugins.iamjanitor.core.doc.Document;
import io.jenkins.plugins.iamjanitor.core.model.IamUser;
import io.jenkins.plugins.iamjanitor.core.policy.ActivityBasis;
import io.jenkins.plugins.iamjanitor.core.policy.CredentialEvidence;
import io.jenkins.plugins.iamjanitor.core.policy.CredentialKind;
import io.jenkins.plugins.iamjanitor.core.policy.Outcome;
import io.jenkins.plugins.iamjanitor.core.policy.Verdict;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReviewTicketComposerTest {
    private static final Instant NOW = Instant.parse("2024-06-30T12:00:00Z");

    static Verdict verdict(String name, long days, List<CredentialEvidence> evidence) {
        IamUser user = new IamUser(name, "AID" + name, "arn:aws:iam::123456789012:user/" + name, "/",
                NOW.minusSeconds(86400L * 400), List.of(), List.of(), null, null, null, null, null, null);
        return new Verdict(user, Outcome.INACTIVE, "inactive", NOW, days < 0 ? null : NOW.minusSeconds(86400L * days),
                days, null, evidence);
    }

    private final ReviewTicketComposer composer = new ReviewTicketComposer();

    @Test
    void summaryCountsUsersAndNamesTheAccount() {
        var one = new ReviewTicketComposer.Input("r1", "123456789012", null, List.of(verdict("alice", 40, List.of())),
                null, null, null, null);
        var two = new ReviewTicketComposer.Input("r1", "123456789012", null,
                List.of(verdict("alice", 40, List.of()), verdict("bob", 30, List.of())), null, null, null, null);

        assertThat(composer.compose(one).summary()).isEqualTo("IAM Janitor: 1 inactive user in 123456789012");
        assertThat(composer.compose(two).summary()).isEqualTo("IAM Janitor: 2 inactive users in 123456789012");
        assertThat(composer.compose(two).labels()).containsExactly("iam-janitor", "123456789012");
        assertThat(composer.compose(two).userNames()).containsExactly("alice", "bob");
    }

    @Test
    void descriptionTableHasOneRowPerUserWithPerCredentialLastUse() {
        var alice = verdict("alice", 40, List.of(
                new CredentialEvidence(CredentialKind.CONSOLE_PASSWORD, null, ActivityBasis.LAST_USED,
                        Instant.parse("2024-05-21T08:00:00Z"), true, null),
                new CredentialEvidence(CredentialKind.ACCESS_KEY, "AKIAEXAMPLE1", ActivityBasis.CREATED_NEVER_USED,
                        Instant.parse("2024-01-02T00:00:00Z"), true, null)));
        var ghost = verdict("ghost", -1, List.of());
        var input = new ReviewTicketComposer.Input("r1", "123456789012", "prod", List.of(alice, ghost),
                Map.of("alice", "exempt tag removed"), null, "https://jenkins/job/1/", null);

        Document doc = composer.compose(input).description();
        // The account's alias beside its id: in the summary and where the description names the users' account.
        assertThat(composer.compose(input).summary()).isEqualTo("IAM Janitor: 2 inactive users in 123456789012 (prod)");
        assertThat(doc.blocks().get(0).toString()).contains("AWS account 123456789012 (prod)");

        Document.Table table = doc.blocks().stream().filter(Document.Table.class::isInstance)
                .map(Document.Table.class::cast).findFirst().orElseThrow();
        assertThat(table.headers()).containsExactly("User", "Days inactive", "Last use per credential",
                "Exemption notes");
        assertThat(table.rows()).containsExactly(
                List.of("alice", "40", "console password: last used 2024-05-21\n"
                        + "access key AKIAEXAMPLE1: never used (created 2024-01-02)", "exempt tag removed"),
                List.of("ghost", "never active", "no credentials", "none"));
        assertThat(doc.blocks()).contains(new Document.Paragraph(
                "Pending: nothing is deleted until an approver decides."));
        assertThat(doc.blocks()).contains(new Document.Link("Jenkins build", "https://jenkins/job/1/"));
    }

    @Test
    void approvalRecordListsWhoDecidedWhatWhenAndWhere() {
        var approval = new ApprovalOutcome("r1", List.of(
                new UserDecision("alice", Decision.APPROVE, "U123", "Dana", Instant.parse("2024-06-30T13:05:00Z"),
                        "slack:C1"),
                new UserDecision("bob", Decision.KEEP, "jdoe", "jdoe", Instant.parse("2024-06-30T13:06:00Z"),
                        "jenkins-input")), false);

        Document comment = composer.approvalComment(approval);

        assertThat(comment.blocks().get(0)).isEqualTo(new Document.Paragraph("Approval recorded: 1 approved, 1 kept."));
        Document.Table table = (Document.Table) comment.blocks().get(1);
        assertThat(table.rows()).containsExactly(
                List.of("alice", "APPROVE", "Dana (U123)", "2024-06-30 13:05 UTC", "slack:C1"),
                List.of("bob", "KEEP", "jdoe", "2024-06-30 13:06 UTC", "jenkins-input"));
    }
}
