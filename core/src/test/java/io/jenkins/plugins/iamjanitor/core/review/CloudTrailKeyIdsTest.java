package io.jenkins.plugins.iamjanitor.core.review;

import static io.jenkins.plugins.iamjanitor.core.review.ReviewFakes.NOW;
import static io.jenkins.plugins.iamjanitor.core.review.ReviewFakes.decide;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.iamjanitor.core.activity.ActivityEvent;
import io.jenkins.plugins.iamjanitor.core.activity.ActivityLookup;
import io.jenkins.plugins.iamjanitor.core.activity.ActivityQuery;
import io.jenkins.plugins.iamjanitor.core.approval.ApprovalRecord;
import io.jenkins.plugins.iamjanitor.core.approval.Decision;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionSettings;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionStatus;
import io.jenkins.plugins.iamjanitor.core.model.AccessKey;
import io.jenkins.plugins.iamjanitor.core.model.IamUser;
import io.jenkins.plugins.iamjanitor.core.policy.Outcome;
import io.jenkins.plugins.iamjanitor.core.policy.Verdict;
import io.jenkins.plugins.iamjanitor.core.port.ActivityLog;
import io.jenkins.plugins.iamjanitor.core.port.ProgressListener;
import io.jenkins.plugins.iamjanitor.core.port.ServiceException;
import io.jenkins.plugins.iamjanitor.core.scan.ScanResult;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The CloudTrail stage reads the access key ids the scan did not (the credential report names keys by slot): for the
 * users it checks only, and an event that names nothing but a key id still keeps an approved user.
 */
class CloudTrailKeyIdsTest {
    private final List<String> progress = new ArrayList<>();
    private final ReviewFakes.KeyIds keyIds = new ReviewFakes.KeyIds();
    private final ReviewFakes.Deleter deleter = new ReviewFakes.Deleter(false);
    private final ReviewFakes.Store store = new ReviewFakes.Store();
    private final KeyOnlyTrail trail = new KeyOnlyTrail();

    /** A verdict as the credential-report path makes it: the user's one key known by slot, without its id. */
    private static Verdict fromReport(String name, long days) {
        Verdict v = ReviewFakes.verdict(name, Outcome.INACTIVE, days);
        IamUser u = v.user();
        AccessKey k = u.accessKeys().get(0);
        IamUser slotOnly = new IamUser(u.userName(), u.userId(), u.arn(), u.path(), u.createDate(), u.tags(),
                u.groups(), u.password(), List.of(new AccessKey(null, 1, k.status(), k.created(), k.lastUsed(),
                k.lastUsedService(), k.lastUsedRegion())), List.of(), List.of(), List.of(), List.of());
        return new Verdict(slotOnly, v.outcome(), v.reason(), v.evaluatedAt(), v.lastActivity(), v.daysInactive(),
                v.driving(), v.evidence());
    }

    /** CloudTrail whose events name only an access key: found by key id, never by user name. */
    static final class KeyOnlyTrail implements ActivityLog {
        final List<ActivityQuery> queries = new ArrayList<>();
        final List<ActivityEvent> events = new ArrayList<>();

        @Override
        public ActivityLookup lookup(ActivityQuery q) {
            queries.add(q);
            return new ActivityLookup(q.userName(), events.stream()
                    .filter(e -> q.accessKeyIds().contains(e.accessKeyId())).toList(), Map.of());
        }

        @Override
        public List<ActivityLookup> lookupAll(List<ActivityQuery> all, ProgressListener p) {
            return all.stream().map(this::lookup).toList();
        }
    }

    private ReviewWorkflow workflow(ScanResult scan, ReviewFakes.Approvals approvals) {
        ReviewPorts ports = new ReviewPorts(p -> scan, approvals, new ReviewFakes.Tickets(), trail, deleter, store,
                new ReviewFakes.Reports(), keyIds);
        ReviewSettings settings = new ReviewSettings(null, "123456789012", "#iam-review", List.of("U123"),
                Duration.ofMinutes(5), null, null, List.of("us-east-1"), null, null, "Done",
                new DeletionSettings(false, 10));
        return new ReviewWorkflow(ports, settings, null, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void theIdsOfApprovedUsersAreReadAtTheCloudTrailStageAndAKeyOnlyEventKeepsTheUser() {
        ScanResult scan = ReviewFakes.scan(fromReport("alice", 45), fromReport("bob", 60), fromReport("carol", 90));
        keyIds.ids.put("alice", List.of("AKIAALICE1"));
        keyIds.ids.put("bob", List.of("AKIABOB1"));
        keyIds.ids.put("carol", List.of("AKIACAROL1"));
        // Someone used alice's key two days ago; the event carries the key id, not the user name.
        trail.events.add(new ActivityEvent("k1", NOW.minus(Duration.ofDays(2)), "ListBuckets", "s3.amazonaws.com",
                "us-east-1", "203.0.113.5", "aws-cli", "AKIAALICE1", null, null, null, null));
        ReviewFakes.Approvals approvals = new ReviewFakes.Approvals(List.of(decide("alice", Decision.APPROVE),
                decide("bob", Decision.KEEP), decide("carol", Decision.APPROVE)), false);

        ReviewRecord r = workflow(scan, approvals).run(progress::add, ReviewObserver.NONE);

        // One read, for the approved users only (bob was kept by the approver: his ids are never read).
        assertThat(keyIds.calls).containsExactly(List.of("alice", "carol"));
        assertThat(trail.queries).extracting(ActivityQuery::accessKeyIds)
                .containsExactly(List.of("AKIAALICE1"), List.of("AKIACAROL1"));
        assertThat(r.deletionFor("alice")).hasValueSatisfying(d -> {
            assertThat(d.status()).isEqualTo(DeletionStatus.KEPT);
            assertThat(d.reason()).contains("CloudTrail shows ListBuckets");
        });
        assertThat(deleter.calls).extracting(ApprovalRecord::userName).containsExactly("carol");
        assertThat(progress).anyMatch(l -> l.startsWith("IAM: reading the access key ids of 2 user(s)"));
    }

    @Test
    void aKeyDeletedSinceTheScanIsNamedInAWarningAsItsKeyOnlyEventsCannotBeFound() {
        // IAM lists no key for alice any more: the lookup can only use the ids it gets, and says so.
        ScanResult scan = ReviewFakes.scan(fromReport("alice", 45));
        trail.events.add(new ActivityEvent("k1", NOW.minus(Duration.ofDays(2)), "ListBuckets", "s3.amazonaws.com",
                "us-east-1", "203.0.113.5", "aws-cli", "AKIAALICE1", null, null, null, null));

        ReviewRecord r = workflow(scan, new ReviewFakes.Approvals(List.of(decide("alice", Decision.APPROVE)),
                false)).run(progress::add, ReviewObserver.NONE);

        assertThat(r.deletionFor("alice").orElseThrow().status()).isEqualTo(DeletionStatus.DELETED);
        assertThat(progress).anyMatch(l -> l.startsWith("WARNING: alice had 1 access key(s) at the scan, IAM lists 0"));
    }

    @Test
    void usersWhoseIdsTheScanHadOrWithoutKeysCostNoRead() {
        Verdict withIds = ReviewFakes.verdict("dave", Outcome.INACTIVE, 50);
        IamUser u = withIds.user();
        Verdict noKeys = new Verdict(new IamUser("erin", "AIDAERIN", "arn:aws:iam::123456789012:user/erin", "/",
                u.createDate(), List.of(), List.of(), u.password(), List.of(), List.of(), List.of(), List.of(),
                List.of()), Outcome.INACTIVE, "x", NOW, withIds.lastActivity(), 50, withIds.driving(),
                withIds.evidence());

        List<EvidenceSummary> e = ReviewStages.evidence(List.of(withIds, noKeys), keyIds, trail, NOW.minus(
                Duration.ofDays(90)), List.of("us-east-1"), progress::add);

        assertThat(e).hasSize(2);
        assertThat(keyIds.calls).isEmpty();
        assertThat(trail.queries).extracting(ActivityQuery::accessKeyIds)
                .containsExactly(List.of("AKIADAVE"), List.of());
    }

    @Test
    void idsThatCannotBeReadStopTheStageBeforeAnythingIsDeleted() {
        ScanResult scan = ReviewFakes.scan(fromReport("alice", 45));
        ReviewWorkflow w = workflow(scan, new ReviewFakes.Approvals(List.of(decide("alice", Decision.APPROVE)),
                false));
        ReviewPorts failing = new ReviewPorts(p -> scan, new ReviewFakes.Approvals(List.of(decide("alice",
                Decision.APPROVE)), false), new ReviewFakes.Tickets(), trail, deleter, store,
                new ReviewFakes.Reports(), (names, p) -> {
                    throw new ServiceException("IAM", "ListAccessKeys", "AccessDenied", "not allowed");
                });
        ReviewSettings settings = new ReviewSettings(null, "123456789012", "#iam-review", List.of("U123"),
                Duration.ofMinutes(5), null, null, List.of("us-east-1"), null, null, "Done",
                new DeletionSettings(false, 10));

        assertThatThrownBy(() -> new ReviewWorkflow(failing, settings, null, Clock.fixed(NOW, ZoneOffset.UTC))
                .run(progress::add, ReviewObserver.NONE)).isInstanceOf(ServiceException.class)
                .hasMessageContaining("ListAccessKeys");
        assertThat(deleter.calls).isEmpty();
        assertThat(trail.queries).isEmpty();
        ReviewRecord saved = store.findUnfinished("123456789012").orElseThrow();
        assertThat(saved.evidence()).isNull();

        // A re-run once IAM answers finishes the review from the stage that failed.
        keyIds.ids.put("alice", List.of("AKIAALICE1"));
        ReviewRecord r = w.run(progress::add, ReviewObserver.NONE);
        assertThat(r.status()).isEqualTo(ReviewStatus.COMPLETED);
        assertThat(keyIds.calls).containsExactly(List.of("alice"));
        assertThat(deleter.calls).extracting(ApprovalRecord::userName).containsExactly("alice");
    }

    @Test
    void theIdsTheScanHadAndTheIdsListedNowAreBothLookedUp() {
        Verdict v = fromReport("alice", 45);
        keyIds.ids.put("alice", List.of("AKIAALICE1", "AKIAALICE2"));

        ReviewStages.evidence(List.of(v), keyIds, trail, NOW.minus(Duration.ofDays(90)), List.of(), progress::add);

        assertThat(trail.queries).singleElement().satisfies(q -> {
            assertThat(q.userName()).isEqualTo("alice");
            assertThat(q.accessKeyIds()).containsExactly("AKIAALICE1", "AKIAALICE2");
        });
        assertThat(progress).noneMatch(l -> l.startsWith("WARNING"));
    }
}
