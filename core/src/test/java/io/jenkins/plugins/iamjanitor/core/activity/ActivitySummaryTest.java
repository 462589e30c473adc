package io.jenkins.plugins.iamjanitor.core.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.iamjanitor.core.doc.Document;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ActivitySummaryTest {
    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

    private static ActivityEvent event(String id, long hoursAgo, String name, String source) {
        return new ActivityEvent(id, NOW.minus(Duration.ofHours(hoursAgo)), name, source, "us-east-1",
                "203.0.113.7", "aws-cli/2.15.0", "AKIAEXAMPLE000000001", null, "alice", null, null);
    }

    private static ActivityEvent signIn(String id, long hoursAgo, String result, Boolean mfa) {
        return new ActivityEvent(id, NOW.minus(Duration.ofHours(hoursAgo)), "ConsoleLogin", "signin.amazonaws.com",
                "eu-west-1", "198.51.100.9", "Mozilla/5.0", null, result.equals("Failure") ? "Failed authentication"
                : null, "alice", result, mfa);
    }

    @Test
    void summarisesNewestFirstWithCountsAndLastSignIn() {
        List<ActivityEvent> events = List.of(
                event("e1", 50, "ListUsers", "iam.amazonaws.com"),
                signIn("e2", 40, "Success", true),
                event("e3", 30, "GetObject", "s3.amazonaws.com"),
                signIn("e4", 20, "Failure", false),
                event("e5", 10, "ListBuckets", "s3.amazonaws.com"),
                event("e6", 5, "GetUser", "iam.amazonaws.com"),
                event("e7", 1, "ListRoles", "iam.amazonaws.com"));
        ActivitySummary summary = ActivitySummary.of(new ActivityLookup("alice", events, Map.of()),
                NOW.minus(Duration.ofDays(30)), NOW, 3);

        assertThat(summary.totalEvents()).isEqualTo(7);
        assertThat(summary.recentEvents()).extracting(ActivityEvent::eventId).containsExactly("e7", "e6", "e5");
        assertThat(summary.countsBySource()).containsExactly(Map.entry("iam.amazonaws.com", 3),
                Map.entry("s3.amazonaws.com", 2), Map.entry("signin.amazonaws.com", 2));
        assertThat(summary.lastConsoleSignIn()).get().extracting(ActivityEvent::eventId).isEqualTo("e4");
        assertThat(summary.signInLine()).isEqualTo("Last console sign-in: 2026-11-22 16:00 UTC, Failure, without MFA,"
                + " from 198.51.100.9 (eu-west-1), error Failed authentication.");
        assertThat(summary.headline()).isEqualTo("7 CloudTrail events for alice in the last 30 days (since"
                + " 2026-10-24 12:00 UTC); the latest was ListRoles (iam.amazonaws.com) at 2026-11-23 11:00 UTC.");
    }

    @Test
    void statesPlainlyWhenThereAreNoEventsAndClampsToNinetyDays() {
        ActivitySummary summary = ActivitySummary.of(new ActivityLookup("bob", List.of(), Map.of()),
                NOW.minus(Duration.ofDays(400)), NOW, 10);

        assertThat(summary.noEvents()).isTrue();
        assertThat(summary.windowDays()).isEqualTo(90);
        assertThat(summary.headline())
                .isEqualTo("No CloudTrail events for bob in the last 90 days (since 2026-08-25 12:00 UTC).");
        assertThat(summary.signInLine()).isEqualTo("No console sign-in in the last 90 days.");
    }

    @Test
    void saysTheEvidenceIsIncompleteWhenARegionFailed() {
        ActivitySummary summary = ActivitySummary.of(new ActivityLookup("bob", List.of(),
                Map.of("eu-west-1", "CloudTrail LookupEvents failed (AccessDenied): no")), null, NOW, 10);

        assertThat(summary.complete()).isFalse();
        assertThat(summary.headline()).startsWith("No CloudTrail events for bob in the last 90 days")
                .contains("1 region could not be queried (eu-west-1), so this may be incomplete");
    }

    @Test
    void rejectsANonPositiveEventCount() {
        assertThatThrownBy(() -> ActivitySummary.of(new ActivityLookup("x", List.of(), Map.of()), null, NOW, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lastN");
    }

    @Test
    void rendersTablesOfSourcesAndRecentEvents() {
        ActivityEvent longAgent = new ActivityEvent("e9", NOW.minus(Duration.ofHours(2)), "PutObject",
                "s3.amazonaws.com", "us-east-1", null, "x".repeat(200), "AKIAEXAMPLE000000002", "AccessDenied",
                "alice", null, null);
        List<ActivityEvent> events = List.of(event("e1", 3, "GetUser", "iam.amazonaws.com"), longAgent);
        ActivitySummary summary = ActivitySummary.of(new ActivityLookup("alice", events,
                Map.of("ap-south-1", "CloudTrail LookupEvents failed (UnrecognizedClientException): bad token")),
                null, NOW, 1);

        Document doc = ActivitySummaryDocument.render(summary, 3);

        assertThat(doc.blocks()).first().isEqualTo(new Document.Heading(3, "CloudTrail activity of alice"));
        assertThat(doc.blocks()).contains(new Document.Paragraph(summary.headline()),
                new Document.Paragraph("No console sign-in in the last 90 days."),
                new Document.Heading(4, "Latest 1 of 2 events"),
                new Document.Table(List.of("Event source", "Events"),
                        List.of(List.of("iam.amazonaws.com", "1"), List.of("s3.amazonaws.com", "1"))),
                new Document.BulletList(List.of(
                        "ap-south-1: CloudTrail LookupEvents failed (UnrecognizedClientException): bad token")));
        Document.Table recent = doc.blocks().stream().filter(Document.Table.class::isInstance)
                .map(Document.Table.class::cast).filter(t -> t.headers().size() == 8).findFirst().orElseThrow();
        assertThat(recent.rows()).hasSize(1);
        List<String> row = recent.rows().get(0);
        assertThat(row).containsExactly("2026-11-23 10:00 UTC", "PutObject", "s3.amazonaws.com", "us-east-1", "-",
                "x".repeat(59) + "…", "AKIAEXAMPLE000000002", "AccessDenied");
    }

    @Test
    void rendersOnlyTheStatementWhenThereAreNoEvents() {
        ActivitySummary summary = ActivitySummary.of(new ActivityLookup("bob", List.of(), Map.of()), null, NOW, 5);

        Document doc = ActivitySummaryDocument.render(summary, 2);

        assertThat(doc.blocks()).containsExactly(new Document.Heading(2, "CloudTrail activity of bob"),
                new Document.Paragraph("No CloudTrail events for bob in the last 90 days (since 2026-08-25 12:00 UTC)."),
                new Document.Paragraph("No console sign-in in the last 90 days."));
    }
}
