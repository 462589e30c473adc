package io.jenkins.plugins.iamjanitor.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.iamjanitor.core.activity.ActivityEvent;
import io.jenkins.plugins.iamjanitor.core.review.EvidenceSummary;
import io.jenkins.plugins.iamjanitor.core.review.ReviewRecord;
import io.jenkins.plugins.iamjanitor.core.review.ReviewRecords;
import io.jenkins.plugins.iamjanitor.core.review.ScanSummary;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportModelTest {
    private final ReviewRecord record = ReviewRecords.completed("alice");

    @Test
    void populationCardsAddUpToTheUsersScannedAndEveryScannedUserHasAnOverviewRowFlaggedFirst() {
        ReportModel m = ReportModel.of(record);

        assertThat(m.usersScanned()).isEqualTo(3);
        assertThat(m.population().stream().mapToInt(ReportModel.Card::count).sum()).isEqualTo(m.usersScanned());
        assertThat(m.overview()).extracting(OverviewRow::userName).containsExactly("bob", "alice", "svc-ci");
        assertThat(m.overview()).extracting(OverviewRow::flagged).containsExactly(true, true, false);
        OverviewRow alice = m.overview().get(1);
        assertThat(alice.decision()).isEqualTo("approve");
        assertThat(alice.decidedBy()).isEqualTo("Alice Approver (U123)");
        assertThat(alice.channel()).isEqualTo("slack:C42");
        assertThat(alice.outcome()).isEqualTo("DELETED");
        assertThat(alice.anchor()).isEqualTo("user-alice");
        assertThat(m.overview().get(0).decision()).isEqualTo("keep");
        assertThat(m.overview().get(0).outcome()).isEqualTo("not deleted");
        assertThat(m.exempt()).extracting(u -> u.userName()).containsExactly("svc-ci");
        assertThat(ReportModel.overview(record)).isEqualTo(m.overview());
    }

    @Test
    void aRecordWithoutPerUserScanResultsStillListsItsFlaggedUsers() {
        ScanSummary old = new ScanSummary(record.scan().scannedAt(), 3, record.scan().outcomes(),
                record.scan().exemptUsers());
        ReviewRecord before = record.withScan(old, record.candidates(), record.updatedAt());

        ReportModel m = ReportModel.of(before);

        assertThat(m.overview()).extracting(OverviewRow::userName).containsExactly("bob", "alice");
        assertThat(m.thresholdDays()).isEqualTo(-1);
        assertThat(HtmlRenderer.report(before)).contains("id=\"overview-table\"", "<svg");
    }

    @Test
    void eachCloudTrailEventAfterTheEvidenceSaysWhetherItKeptTheUserAndWhy() {
        Instant evidence = record.candidate("alice").orElseThrow().lastActivity();
        ActivityEvent failedLogin = new ActivityEvent("e1", evidence.plusSeconds(3600), "ConsoleLogin",
                "signin.amazonaws.com", "us-east-1", "198.51.100.7", "browser", null, null, "alice", "Failure", false);
        ActivityEvent denied = new ActivityEvent("e2", evidence.plusSeconds(7200), "ListBuckets", "s3.amazonaws.com",
                "us-east-1", "198.51.100.7", "cli", "AKIAALICE", "AccessDenied", "alice", null, null);
        ActivityEvent before = new ActivityEvent("e3", evidence.minusSeconds(60), "GetUser", "iam.amazonaws.com",
                "us-east-1", "198.51.100.7", "cli", "AKIAALICE", null, "alice", null, null);
        ReviewRecord r = record.withEvidence(List.of(new EvidenceSummary("alice", evidence.minusSeconds(86_400), 3,
                List.of(denied, failedLogin, before), Map.of(), failedLogin, 2, null, Map.of())), record.updatedAt());

        List<EventsAfterEvidence.Note> notes = EventsAfterEvidence.of(r);

        assertThat(notes).extracting(EventsAfterEvidence.Note::eventName).containsExactly("ListBuckets",
                "ConsoleLogin");
        assertThat(notes).noneMatch(EventsAfterEvidence.Note::keptUser);
        assertThat(notes.get(0).why()).startsWith("failed call (AccessDenied): does not count as activity");
        assertThat(notes.get(1).why()).startsWith("failed sign-in: does not count as activity");
        assertThat(MarkdownRenderer.report(r)).contains("ConsoleLogin (signin.amazonaws.com): failed sign-in");

        ActivityEvent worked = new ActivityEvent("e4", evidence.plusSeconds(60), "GetObject", "s3.amazonaws.com",
                "us-east-1", "198.51.100.7", "cli", "AKIAALICE", null, "alice", null, null);
        ReviewRecord used = record.withEvidence(List.of(new EvidenceSummary("alice", evidence.minusSeconds(86_400), 1,
                List.of(worked), Map.of(), null, 1, worked, Map.of())), record.updatedAt());
        // alice was deleted in this record, so the worked call is reported as not having kept her.
        assertThat(EventsAfterEvidence.of(used)).singleElement().satisfies(n -> {
            assertThat(n.keptUser()).isFalse();
            assertThat(n.why()).contains("the user was not kept");
        });
    }

    @Test
    void oneDateFormatWithTheTimezone() {
        assertThat(ReportDates.format(Instant.parse("2026-11-23T10:00:00.123456Z"))).isEqualTo("2026-11-23 10:00:00 UTC");
        assertThat(ReportDates.inText("last used 2026-10-01T12:00:00Z (40 days ago), at 2026-10-02T01:02:03.5Z"))
                .isEqualTo("last used 2026-10-01 12:00:00 UTC (40 days ago), at 2026-10-02 01:02:03 UTC");
        assertThat(MarkdownRenderer.report(record)).doesNotContainPattern("\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z");
    }

    @Test
    void theChartHasADotPerScannedUserTheThresholdAndTheFlaggedOnesMarked() {
        ReportModel m = ReportModel.of(record);
        String svg = DaysChart.svg(m.scanned(), 21);

        assertThat(svg.split("<circle", -1)).hasSize(4);
        assertThat(svg.split("class=\"d-inactive\"", -1)).hasSize(3);
        assertThat(svg).contains("class=\"threshold\"", "threshold 21 days", "<title>alice: 45 days since last"
                + " activity (inactive)</title>", "href=\"#user-alice\"");
        assertThat(svg).doesNotContain("<script", "href=\"http");
    }

    @Test
    void aVeryTallColumnEndsInAPlusInsteadOfGrowingWithoutBound() {
        List<io.jenkins.plugins.iamjanitor.core.review.ScannedUser> same = java.util.stream.IntStream.range(0, 40)
                .mapToObj(i -> new io.jenkins.plugins.iamjanitor.core.review.ScannedUser("u" + i,
                        io.jenkins.plugins.iamjanitor.core.policy.Outcome.ACTIVE, "active", null, 3, "console password",
                        null, List.of(), null))
                .toList();

        String svg = DaysChart.svg(same, 21);

        assertThat(svg.split("<circle", -1)).hasSize(17);
        assertThat(svg).contains("class=\"more\"").contains("Days since last activity of 40 scanned users");
    }
}
