package io.jenkins.plugins.iamjanitor.integrations.jira;

import static io.jenkins.plugins.iamjanitor.integrations.jira.JiraTestFixtures.ACCOUNT;
import static io.jenkins.plugins.iamjanitor.integrations.jira.JiraTestFixtures.ticket;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.iamjanitor.core.doc.Document;
import io.jenkins.plugins.iamjanitor.core.port.ServiceException;
import io.jenkins.plugins.iamjanitor.core.ticket.TicketRef;
import io.jenkins.plugins.iamjanitor.sandbox.FaultPlan;
import io.jenkins.plugins.iamjanitor.sandbox.Faults;
import io.jenkins.plugins.iamjanitor.sandbox.jira.JiraEmulator;
import io.jenkins.plugins.iamjanitor.sandbox.jira.JiraIssue;
import io.jenkins.plugins.iamjanitor.sandbox.jira.JiraScenario;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the Jira adapter must do on either flavour, over real HTTP against the emulator. Subclasses pick the flavour
 * and its credentials.
 */
abstract class JiraTicketTrackerContract {
    protected JiraEmulator jira;
    protected final List<Duration> pauses = new ArrayList<>();
    protected final List<String> log = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    abstract boolean cloud();

    abstract JiraCredentials goodCredentials();

    abstract JiraCredentials badCredentials();

    abstract String badSecret();

    /** The description/comment as stored by Jira, in this flavour's format, for the document sent. */
    abstract void assertStoredRichText(JsonNode stored, Document sent);

    @BeforeEach
    void startJira() {
        jira = new JiraEmulator(JiraScenario.defaults().withCloud(cloud()), new Faults(FaultPlan.none())).start(0);
    }

    @AfterEach
    void stopJira() {
        jira.close();
    }

    JiraRestClient client(JiraCredentials credentials, JiraFlavour flavour) {
        return new JiraRestClient(jira.baseUrl(), credentials, flavour, http,
                new JiraRestClient.Retry(3, Duration.ofSeconds(30), pauses::add));
    }

    JiraSettings settings() {
        return new JiraSettings(jira.baseUrl(), JiraFlavour.AUTO, "SEC", "Task", List.of("IAM"), "High", null,
                Map.of("customfield_10010", "iam-review"), false);
    }

    JiraTicketTracker tracker(JiraSettings settings) {
        return new JiraTicketTracker(client(goodCredentials(), settings.flavour()), settings, log::add);
    }

    JiraTicketTracker tracker() {
        return tracker(settings());
    }

    @Test
    void createsTheReviewTicketWithAllFields() {
        var ticket = ticket("rev-1", "alice", "bob");

        TicketRef ref = tracker().openOrFind(ticket);

        assertThat(ref.created()).isTrue();
        assertThat(ref.key()).isEqualTo("SEC-1");
        assertThat(ref.url()).isEqualTo(jira.baseUrl() + "/browse/SEC-1");
        JiraIssue issue = jira.issue("SEC-1").orElseThrow();
        assertThat(issue.summary()).isEqualTo("IAM Janitor: 2 inactive users in " + ACCOUNT + " (sandbox)");
        assertThat(issue.issueType()).isEqualTo("Task");
        assertThat(issue.labels()).containsExactly("iam-janitor", ACCOUNT, "iam-janitor-review-rev-1",
                "iam-janitor-user-alice", "iam-janitor-user-bob");
        assertThat(issue.components()).containsExactly("IAM");
        assertThat(issue.priority()).isEqualTo("High");
        assertThat(issue.customFields().get("customfield_10010").asText()).isEqualTo("iam-review");
        assertThat(issue.status()).isEqualTo("To Do");
        assertStoredRichText(issue.description(), ticket.description());
        // Looked for an open ticket before creating one.
        assertThat(jira.requests()).filteredOn(r -> !r.contains("serverInfo"))
                .first().asString().startsWith("POST").contains("/search");
    }

    @Test
    void theUsersTableRendersInTheFlavourFormatAndJiraAcceptsIt() {
        Document table = JiraTestFixtures.usersTable();
        var base = ticket("rev-t", "alice");
        var withTable = new io.jenkins.plugins.iamjanitor.core.ticket.ReviewTicket(base.reviewId(), base.accountId(),
                base.userNames(), base.summary(), table, base.labels(), base.fields());

        tracker().openOrFind(withTable);

        assertStoredRichText(jira.issue("SEC-1").orElseThrow().description(), table);
    }

    @Test
    void aReRunReusesTheOpenTicketInsteadOfCreatingASecond() {
        TicketRef first = tracker().openOrFind(ticket("rev-1", "alice", "bob"));

        TicketRef again = tracker().openOrFind(ticket("rev-1", "alice", "bob"));
        TicketRef sameUsersNewRun = tracker().openOrFind(ticket("rev-2", "bob", "alice"));

        assertThat(again).isEqualTo(new TicketRef(first.key(), first.url(), false));
        assertThat(sameUsersNewRun.key()).isEqualTo(first.key());
        assertThat(sameUsersNewRun.created()).isFalse();
        assertThat(jira.issues()).hasSize(1);
    }

    @Test
    void otherUsersOrADoneTicketGetANewTicket() {
        TicketRef first = tracker().openOrFind(ticket("rev-1", "alice"));

        TicketRef other = tracker().openOrFind(ticket("rev-2", "carol"));
        tracker().transition(first.key(), "Done");
        TicketRef afterDone = tracker().openOrFind(ticket("rev-1", "alice"));

        assertThat(other.created()).isTrue();
        assertThat(afterDone.created()).isTrue();
        assertThat(jira.issues()).extracting(JiraIssue::key).containsExactly("SEC-1", "SEC-2", "SEC-3");
    }

    @Test
    void linksATicketToAnUmbrellaOnceAcrossReRuns() {
        TicketRef umbrella = tracker().openOrFind(ticket("org-run", "x"));
        TicketRef account = tracker().openOrFind(ticket("rev-1", "alice"));

        assertThat(tracker().link(umbrella.key(), account.key())).isTrue();
        assertThat(tracker().link(umbrella.key(), account.key())).isFalse();

        assertThat(jira.links()).singleElement().satisfies(l -> {
            assertThat(l.type()).isEqualTo("Relates");
            assertThat(l.inwardKey()).isEqualTo(account.key());
            assertThat(l.outwardKey()).isEqualTo(umbrella.key());
        });
        // The second call read the umbrella's links and posted nothing.
        assertThat(jira.requests()).filteredOn(r -> r.endsWith("/issueLink")).hasSize(1);
        assertThatThrownBy(() -> tracker().link(umbrella.key(), "SEC-99")).isInstanceOf(ServiceException.class)
                .hasMessageContaining("404");
    }

    @Test
    void commentsAreStoredInTheFlavourFormat() {
        TicketRef ref = tracker().openOrFind(ticket("rev-1", "alice"));
        Document comment = Document.builder().paragraph("CloudTrail: 3 events for alice")
                .table(List.of("Time", "Event"), List.of(List.of("2024-06-01", "ConsoleLogin"))).build();

        tracker().comment(ref.key(), comment);

        List<JiraIssue.Comment> comments = jira.issue(ref.key()).orElseThrow().comments();
        assertThat(comments).hasSize(1);
        assertStoredRichText(comments.get(0).body(), comment);
    }

    @Test
    void transitionsByStatusNameCaseInsensitively() {
        TicketRef ref = tracker().openOrFind(ticket("rev-1", "alice"));

        tracker().transition(ref.key(), "in progress");
        assertThat(jira.issue(ref.key()).orElseThrow().status()).isEqualTo("In Progress");
        tracker().transition(ref.key(), "DONE");
        assertThat(jira.issue(ref.key()).orElseThrow().status()).isEqualTo("Done");
        tracker().transition(ref.key(), "Done"); // already there: a re-run changes nothing

        assertThat(jira.issue(ref.key()).orElseThrow().status()).isEqualTo("Done");
    }

    @Test
    void anUnknownTargetStatusListsTheAvailableTransitions() {
        TicketRef ref = tracker().openOrFind(ticket("rev-1", "alice"));

        assertThatThrownBy(() -> tracker().transition(ref.key(), "Closed"))
                .isInstanceOf(ServiceException.class)
                .hasMessage("Jira transition failed (NoSuchTransition): SEC-1 (status 'To Do') has no transition to "
                        + "'Closed'; available: 'Start Progress' -> In Progress, 'Done' -> Done");
    }

    @Test
    void anUnknownProjectShowsJirasFieldError() {
        JiraSettings wrong = settings().withProject("NOPE", "Task");

        assertThatThrownBy(() -> tracker(wrong).openOrFind(ticket("rev-1", "alice")))
                .isInstanceOfSatisfying(ServiceException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo("400");
                    assertThat(e.operation()).isEqualTo("createIssue");
                    assertThat(e.getMessage()).contains("project: Specify a valid project ID or key");
                });
        assertThat(jira.issues()).isEmpty();
    }

    @Test
    void anIssueTypeTheProjectLacksShowsJirasFieldError() {
        JiraSettings wrong = settings().withProject("SEC", "Epic");

        assertThatThrownBy(() -> tracker(wrong).openOrFind(ticket("rev-1", "alice")))
                .isInstanceOf(ServiceException.class)
                .hasMessageContaining("issuetype: Specify a valid issue type");
    }

    @Test
    void aMissingIssueTypeAndSummaryAreBothReported() {
        JiraRestClient raw = client(goodCredentials(), JiraFlavour.AUTO);
        ObjectNode fields = new ObjectMapper().createObjectNode();
        fields.putObject("project").put("key", "SEC");

        assertThatThrownBy(() -> raw.createIssue(fields))
                .isInstanceOf(ServiceException.class)
                .hasMessageContaining("summary: You must specify a summary of the issue.")
                .hasMessageContaining("issuetype: Specify an issue type");
    }

    @Test
    void rateLimitingIsRetriedAfterTheRetryAfterDelay() {
        jira.rateLimitNext(2, 7);

        TicketRef ref = tracker().openOrFind(ticket("rev-1", "alice"));

        assertThat(ref.created()).isTrue();
        assertThat(pauses).containsExactly(Duration.ofSeconds(7), Duration.ofSeconds(7));
        assertThat(jira.issues()).hasSize(1);
    }

    @Test
    void persistentRateLimitingFailsClearlyAfterBoundedRetries() {
        jira.rateLimitNext(100, 1);

        assertThatThrownBy(() -> tracker().openOrFind(ticket("rev-1", "alice")))
                .isInstanceOfSatisfying(ServiceException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo("429");
                    assertThat(e.getMessage()).contains("still throttled after 3 attempts");
                });
        assertThat(pauses).hasSize(2);
    }

    @Test
    void aRetryAfterLongerThanTheLimitFailsAtOnce() {
        jira.rateLimitNext(1, 3600);

        assertThatThrownBy(() -> tracker().openOrFind(ticket("rev-1", "alice")))
                .hasMessageContaining("Jira asks to wait 3600 s, more than the 30 s limit");
        assertThat(pauses).isEmpty();
    }

    @Test
    void aServiceUnavailableIsRetriedToo() {
        jira.faults().failNext("createIssue", Faults.Kind.SERVER_ERROR, 1);

        TicketRef ref = tracker().openOrFind(ticket("rev-1", "alice"));

        assertThat(ref.created()).isTrue();
        assertThat(pauses).containsExactly(Duration.ofSeconds(1));
        assertThat(jira.issues()).hasSize(1);
    }

    @Test
    void aDroppedCreateIsReportedNotBlindlyRetriedAndTheReRunCreatesOnce() {
        jira.faults().failNext("createIssue", Faults.Kind.DROP, 1);

        assertThatThrownBy(() -> tracker().openOrFind(ticket("rev-1", "alice")))
                .isInstanceOfSatisfying(ServiceException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo("IOException");
                    assertThat(e.getMessage()).startsWith("Jira createIssue failed (IOException): cannot reach "
                            + jira.baseUrl() + " after 1 attempt(s)");
                });
        assertThat(jira.requests()).filteredOn(r -> r.endsWith("/issue")).hasSize(1);

        TicketRef ref = tracker().openOrFind(ticket("rev-1", "alice"));

        assertThat(ref.created()).isTrue();
        assertThat(jira.issues()).hasSize(1);
    }

    @Test
    void wrongCredentialsSayWhichCredentialToCheckWithoutShowingIt() {
        JiraTicketTracker wrong = new JiraTicketTracker(client(badCredentials(), JiraFlavour.AUTO), settings(),
                log::add);

        assertThatThrownBy(() -> wrong.openOrFind(ticket("rev-1", "alice")))
                .isInstanceOfSatisfying(ServiceException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo("401");
                    assertThat(e.getMessage()).contains(cloud() ? "API token" : "personal access token")
                            .doesNotContain(badSecret());
                });
        assertThat(badCredentials().toString()).doesNotContain(badSecret());
        assertThat(log).noneMatch(line -> line.contains(badSecret()));
    }

    @Test
    void dryRunReadsButWritesNothing() {
        TicketRef ref = tracker(settings().withDryRun(true)).openOrFind(ticket("rev-1", "alice"));
        tracker(settings().withDryRun(true)).comment(ref.key(), Document.builder().paragraph("x").build());
        tracker(settings().withDryRun(true)).transition(ref.key(), "Done");

        assertThat(ref).isEqualTo(new TicketRef(JiraTicketTracker.DRY_RUN_KEY, null, false));
        assertThat(jira.issues()).isEmpty();
        assertThat(jira.requests()).anyMatch(r -> r.contains("/search")).noneMatch(r -> r.endsWith("/issue"));
        assertThat(log).anyMatch(l -> l.startsWith("Jira (dry-run): would create a Task in SEC"));
    }

    @Test
    void dryRunOnAnExistingTicketLooksUpTheTransitionButDoesNotMove() {
        TicketRef ref = tracker().openOrFind(ticket("rev-1", "alice"));

        tracker(settings().withDryRun(true)).transition(ref.key(), "done");

        assertThat(jira.issue(ref.key()).orElseThrow().status()).isEqualTo("To Do");
        assertThat(log).anyMatch(l -> l.contains("would move SEC-1 from To Do to Done"));
    }

    @Test
    void testConnectionDetectsTheFlavourAndNamesTheUser() {
        String line = tracker().testConnection();

        assertThat(line).isEqualTo("Connected to Jira " + (cloud() ? "Cloud" : "Data Center") + " at "
                + jira.baseUrl() + " as IAM Janitor bot");
    }
}
