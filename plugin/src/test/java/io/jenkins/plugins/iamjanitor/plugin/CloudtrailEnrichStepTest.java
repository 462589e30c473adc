package io.jenkins.plugins.iamjanitor.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.iamjanitor.core.activity.ActivityEvent;
import io.jenkins.plugins.iamjanitor.core.activity.ActivityLookup;
import io.jenkins.plugins.iamjanitor.core.activity.ActivityQuery;
import io.jenkins.plugins.iamjanitor.core.doc.Document;
import io.jenkins.plugins.iamjanitor.core.port.ActivityLog;
import io.jenkins.plugins.iamjanitor.core.port.ProgressListener;
import io.jenkins.plugins.iamjanitor.core.port.TicketTracker;
import io.jenkins.plugins.iamjanitor.core.ticket.ReviewTicket;
import io.jenkins.plugins.iamjanitor.core.ticket.TicketRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CloudtrailEnrichStepTest {
    final FakeServices services = new FakeServices();
    final FakeStepContext context = new FakeStepContext();
    final List<ActivityQuery> queries = new ArrayList<>();
    final List<String> comments = new ArrayList<>();

    @BeforeEach
    void fakes() {
        services.activityLog = new ActivityLog() {
            @Override
            public ActivityLookup lookup(ActivityQuery query) {
                throw new AssertionError("the step looks users up in one batch");
            }

            @Override
            public List<ActivityLookup> lookupAll(List<ActivityQuery> qs, ProgressListener progress) {
                queries.addAll(qs);
                progress.progress("looked up " + qs.size());
                List<ActivityLookup> out = new ArrayList<>();
                for (ActivityQuery q : qs) {
                    out.add(q.userName().equals("alice")
                            ? new ActivityLookup("alice", List.of(new ActivityEvent("e1",
                                    Instant.parse("2026-11-01T10:00:00Z"), "ListBuckets", "s3.amazonaws.com",
                                    "us-east-1", "203.0.113.9", "aws-cli", "AKIAALICE0000000001", null, "alice", null,
                                    null)), Map.of())
                            : new ActivityLookup(q.userName(), List.of(), Map.of("eu-west-1", "ThrottlingException")));
                }
                return out;
            }
        };
        services.tracker = new TicketTracker() {
            @Override
            public TicketRef openOrFind(ReviewTicket ticket) {
                throw new AssertionError("not used");
            }

            @Override
            public void comment(String ticketKey, Document comment) {
                comments.add(ticketKey + " " + comment);
            }

            @Override
            public void transition(String ticketKey, String statusName) {
            }
        };
    }

    static List<Object> usersWithKeys() {
        List<Object> users = SlackAskApprovalStepTest.users();
        @SuppressWarnings("unchecked")
        Map<String, Object> alice = (Map<String, Object>) users.get(0);
        Map<String, Object> key = new LinkedHashMap<>();
        key.put("kind", "ACCESS_KEY");
        key.put("id", "AKIAALICE0000000001");
        key.put("basis", "LAST_USED");
        alice.put("evidence", List.of(key));
        return users;
    }

    @Test
    void summarisesEachUserAndCommentsOnTheTicket() throws Exception {
        CloudtrailEnrichStep step = new CloudtrailEnrichStep(usersWithKeys());
        step.setTicket(Map.of("key", "SEC-42", "url", "https://jira.example.com/browse/SEC-42"));
        step.setDays(30);
        step.setRegions(List.of("us-east-1", "eu-west-1"));
        new CloudtrailEnrichStep.Execution(step, context, services).start();

        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> result = (Map<String, Map<String, Object>>) context.result();
        assertThat(result).containsOnlyKeys("alice", "bob");
        assertThat(result.get("alice")).containsEntry("eventCount", 1)
                .containsEntry("lastEvent", "2026-11-01T10:00:00Z");
        assertThat(result.get("alice").get("summary")).asString()
                .startsWith("1 CloudTrail event for alice in the last 30 days").contains("ListBuckets");
        assertThat(result.get("bob").get("summary")).asString()
                .startsWith("No CloudTrail events for bob in the last 30 days").contains("eu-west-1", "incomplete");
        assertThat(result.get("bob").get("failedRegions")).isEqualTo(Map.of("eu-west-1", "ThrottlingException"));
        assertThat(queries).extracting(ActivityQuery::userName).containsExactly("alice", "bob");
        assertThat(queries.get(0).accessKeyIds()).containsExactly("AKIAALICE0000000001");
        assertThat(queries.get(0).since()).isEqualTo(FakeServices.NOW.minusSeconds(30L * 86400));
        assertThat(queries.get(0).regions()).containsExactly("us-east-1", "eu-west-1");
        assertThat(comments).singleElement().asString().startsWith("SEC-42")
                .contains("CloudTrail activity of alice", "CloudTrail activity of bob", "ListBuckets", "203.0.113.9");
        assertThat(context.log()).contains("[iam-janitor] looked up 2", "Added the CloudTrail evidence to SEC-42");
    }

    @Test
    void defaultsToNinetyDaysInTheConfiguredRegionWithoutATicket() throws Exception {
        new CloudtrailEnrichStep.Execution(new CloudtrailEnrichStep(List.of("bob")), context, services).start();
        assertThat(queries.get(0).since()).isEqualTo(FakeServices.NOW.minusSeconds(90L * 86400));
        assertThat(queries.get(0).regions()).containsExactly("us-east-1");
        assertThat(comments).isEmpty();
    }

    @Test
    void invalidArgumentsNameTheArgument() throws Exception {
        CloudtrailEnrichStep tooLong = new CloudtrailEnrichStep(List.of("bob"));
        tooLong.setDays(91);
        new CloudtrailEnrichStep.Execution(tooLong, context, services).start();
        assertThat(context.failure()).hasMessageContaining("invalid argument 'days'");

        FakeStepContext second = new FakeStepContext();
        CloudtrailEnrichStep badRegion = new CloudtrailEnrichStep(List.of("bob"));
        badRegion.setRegions(List.of("moon-1"));
        new CloudtrailEnrichStep.Execution(badRegion, second, services).start();
        assertThat(second.failure()).hasMessageContaining("invalid argument 'regions'");
        assertThat(queries).isEmpty();
    }
}
