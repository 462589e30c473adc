package io.jenkins.plugins.iamjanitor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.iamjanitor.core.doc.Document;
import io.jenkins.plugins.iamjanitor.core.ticket.ReviewTicket;
import io.jenkins.plugins.iamjanitor.integrations.jira.JiraCredentials;
import io.jenkins.plugins.iamjanitor.integrations.jira.JiraFlavour;
import io.jenkins.plugins.iamjanitor.integrations.jira.JiraRestClient;
import io.jenkins.plugins.iamjanitor.integrations.jira.JiraSettings;
import io.jenkins.plugins.iamjanitor.integrations.jira.JiraTicketTracker;
import io.jenkins.plugins.iamjanitor.sandbox.Scenario;
import io.jenkins.plugins.iamjanitor.sandbox.jira.JiraEmulator;
import io.jenkins.plugins.iamjanitor.sandbox.jira.JiraIssue;
import io.jenkins.plugins.iamjanitor.sandbox.jira.JiraLink;
import io.jenkins.plugins.iamjanitor.sandbox.jira.JiraScenario;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The organisation run's umbrella ticket, over real HTTP against the Jira emulator (Data Center: wiki text). */
class OrganizationTicketTest {
    private final JiraEmulator jira = JiraEmulator.start(Scenario.parse("t", "{\"jira\": {\"flavour\": \"datacenter\"}}"));
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-29T10:00:00Z"), ZoneOffset.UTC);

    @AfterEach
    void stop() {
        jira.close();
    }

    private JiraTicketTracker tracker() {
        return new JiraTicketTracker(JiraRestClient.create(jira.baseUrl(),
                JiraCredentials.personalAccessToken(JiraScenario.DEFAULT_PAT), JiraFlavour.DATA_CENTER),
                JiraSettings.of(jira.baseUrl(), "SEC").withFlavour(JiraFlavour.DATA_CENTER).withDryRun(false), null);
    }

    private String accountTicket(String account, String user) {
        return tracker().openOrFind(new ReviewTicket("rev-" + account, account, List.of(user),
                "IAM Janitor: 1 inactive user in " + account, Document.builder().paragraph("x").build(), List.of(),
                Map.of())).key();
    }

    @Test
    void oneUmbrellaPerRunWithTheAccountsTableAndEveryAccountTicketLinkedOnce() {
        String payments = accountTicket("222222222222", "alice");
        String web = accountTicket("333333333333", "bob");
        List<OrganizationTicket.Row> rows = List.of(
                new OrganizationTicket.Row("222222222222", "prod-payments", "OK", "17", "8", "completed", payments),
                new OrganizationTicket.Row("333333333333", "prod-web", "OK", "1", "1", "completed", web),
                new OrganizationTicket.Row("444444444444", "dev-sandbox", "FAILED", "-", "-",
                        "STS AssumeRole failed (AccessDenied)", null));

        OrganizationTicket.Filed first = new OrganizationTicket(tracker(), clock).file("111111111111", rows);

        assertThat(first.umbrella().created()).isTrue();
        assertThat(first.linked()).containsExactly(payments, web);
        assertThat(first.failures()).isEmpty();
        JiraIssue umbrella = jira.issue(first.umbrella().key()).orElseThrow();
        assertThat(umbrella.summary()).isEqualTo("IAM Janitor: organisation review from 111111111111 on 2026-11-29:"
                + " 3 account(s), 18 inactive user(s), 1 failed");
        assertThat(umbrella.labels()).contains("iam-janitor", "111111111111", OrganizationTicket.LABEL,
                "iam-janitor-review-org-111111111111-2026-11-29");
        // Wiki markup escapes '-' as '\-'; the table's cells are compared unescaped.
        assertThat(umbrella.description().asText().replace("\\", ""))
                .contains("||Account||Name||Result||Inactive||Approved||Outcome or failure||Ticket||")
                .contains("|222222222222|prod-payments|OK|17|8|completed|" + payments + "|")
                .contains("|444444444444|dev-sandbox|FAILED|-|-|STS AssumeRole failed (AccessDenied)|-|");
        assertThat(jira.links()).extracting(JiraLink::inwardKey).containsExactly(payments, web);
        assertThat(jira.links()).allSatisfy(l -> {
            assertThat(l.outwardKey()).isEqualTo(first.umbrella().key());
            assertThat(l.type()).isEqualTo("Relates");
        });

        // A re-run the same day (the failed account now reviewed) finds the umbrella, comments, links only the new one.
        String dev = accountTicket("444444444444", "carol");
        List<OrganizationTicket.Row> again = List.of(rows.get(0), rows.get(1),
                new OrganizationTicket.Row("444444444444", "dev-sandbox", "OK", "1", "0", "completed", dev));
        OrganizationTicket.Filed second = new OrganizationTicket(tracker(), clock).file("111111111111", again);

        assertThat(second.umbrella().key()).isEqualTo(first.umbrella().key());
        assertThat(second.umbrella().created()).isFalse();
        assertThat(second.linked()).containsExactly(dev);
        assertThat(jira.issues()).filteredOn(i -> i.labels().contains(OrganizationTicket.LABEL)).hasSize(1);
        assertThat(jira.links()).extracting(JiraLink::inwardKey).containsExactly(payments, web, dev);
        assertThat(jira.issue(first.umbrella().key()).orElseThrow().comments()).singleElement()
                .satisfies(c -> assertThat(c.body().asText().replace("\\", "")).contains("Re-run at 2026-11-29T10:00:00Z")
                        .contains("|444444444444|dev-sandbox|OK|1|0|completed|" + dev + "|"));

        // The next day is another run: a new umbrella.
        OrganizationTicket.Filed nextDay = new OrganizationTicket(tracker(), Clock.offset(clock,
                java.time.Duration.ofDays(1))).file("111111111111", again);
        assertThat(nextDay.umbrella().created()).isTrue();
        assertThat(nextDay.umbrella().key()).isNotEqualTo(first.umbrella().key());
    }
}
