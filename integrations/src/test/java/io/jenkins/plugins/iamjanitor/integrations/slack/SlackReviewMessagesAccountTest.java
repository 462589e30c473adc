package io.jenkins.plugins.iamjanitor.integrations.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.iamjanitor.core.approval.ApprovalOutcome;
import io.jenkins.plugins.iamjanitor.core.approval.ApprovalRequest;
import io.jenkins.plugins.iamjanitor.core.policy.Verdict;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The review message names the account by id and, when known, its alias, on every page that names users. */
class SlackReviewMessagesAccountTest {
    private final SlackReviewMessages messages = new SlackReviewMessages(new ObjectMapper());

    @Test
    void everyPageNamesTheAccountWithItsAlias() {
        List<Verdict> users = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            users.add(SlackFixture.verdict("user-" + i, 40));
        }
        ApprovalRequest plain = SlackFixture.request("r-1", users, List.of("U0SECLEAD"));
        ApprovalRequest named = new ApprovalRequest("r-1", plain.accountId(), users, plain.channel(),
                plain.approvers(), plain.message(), plain.buildUrl(), plain.ticketUrl(), "prod-web");
        List<List<String>> pages = messages.paginate(named);
        assertThat(pages).hasSizeGreaterThan(1);
        ApprovalOutcome none = new ApprovalOutcome("r-1", List.of(), false);

        assertThat(messages.fallbackText(named)).contains("in account 123456789012 (prod-web)");
        assertThat(messages.render(named, pages, 0, none, false).toString())
                .contains("Inactive IAM users in account 123456789012 (prod-web)");
        assertThat(messages.render(named, pages, 1, none, false).toString())
                .contains("of review r-1, account 123456789012 (prod-web)");
        assertThat(messages.render(plain, pages, 0, none, false).toString())
                .contains("Inactive IAM users in account 123456789012\"");
    }
}
