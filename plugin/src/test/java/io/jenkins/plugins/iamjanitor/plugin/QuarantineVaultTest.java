package io.jenkins.plugins.iamjanitor.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.iamjanitor.core.deletion.DeletionResult;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionStatus;
import io.jenkins.plugins.iamjanitor.core.deletion.QuarantineState;
import io.jenkins.plugins.iamjanitor.core.review.ReviewRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job's durable quarantine state: what is kept, where it ran, what a sweep and a release find, the mirror. */
class QuarantineVaultTest {
    private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");
    private static final AwsTarget TARGET = new AwsTarget("aws-prod", "eu-west-1", "arn:aws:iam::123456789012:role/j",
            "secret-external-id");

    @TempDir
    Path dir;

    private final List<String> mirrored = new ArrayList<>();

    private QuarantineVault vault() {
        return new QuarantineVault(dir, new ReentrantLock(), (r, build) -> mirrored.add(r.reviewId() + "@" + build));
    }

    private static ReviewRecord review(String id, boolean dryRun, Instant started, DeletionResult... results) {
        ReviewRecord r = ReviewRecord.start(id, "123456789012", dryRun, started);
        for (DeletionResult d : results) {
            r = r.withDeletion(d, started);
        }
        return r;
    }

    private static DeletionResult quarantined(String user, DeletionStatus status) {
        return new DeletionResult(user, status, null, "/b/" + user + ".json", List.of(),
                new QuarantineState(T0, T0.plus(Duration.ofDays(30)), "/b/" + user + ".json", List.of(), null, null));
    }

    @Test
    void keepsRealQuarantinesWithWhereTheyRanButNeverTheExternalIdNorDryRuns() throws Exception {
        QuarantineVault v = vault();
        v.keep(review("dry", true, T0, quarantined("a", DeletionStatus.PLANNED)), new QuarantineVault.Placement(1,
                TARGET));
        assertThat(v.load("dry")).isEmpty();
        assertThat(v.placement("dry")).isEmpty();

        v.keep(review("r-2", false, T0, quarantined("bob", DeletionStatus.QUARANTINED)),
                new QuarantineVault.Placement(2, TARGET));
        assertThat(v.placement("r-2")).contains(new QuarantineVault.Placement(2, new AwsTarget("aws-prod",
                "eu-west-1", "arn:aws:iam::123456789012:role/j", null)));
        assertThat(java.nio.file.Files.readString(dir.resolve("placements/r-2.properties")))
                .doesNotContain("secret-external-id");
        // A later copy of the same review keeps the first placement (the build that quarantined).
        v.keep(review("r-2", false, T0, quarantined("bob", DeletionStatus.RELEASED)),
                new QuarantineVault.Placement(9, TARGET));
        assertThat(v.placement("r-2").orElseThrow().build()).isEqualTo(2);
        assertThat(v.load("r-2").orElseThrow().deletionFor("bob").orElseThrow().status())
                .isEqualTo(DeletionStatus.RELEASED);
        assertThat(v.backupDir()).isEqualTo(dir.resolve("backups"));
    }

    @Test
    void theSweepSeesPendingReviewsAReleaseFindsTheNewestHolderAndSavesReachTheBuild() throws Exception {
        QuarantineVault v = vault();
        QuarantineVault.Placement p = new QuarantineVault.Placement(3, TARGET);
        v.keep(review("old", false, T0, quarantined("bob", DeletionStatus.WANTED_BACK),
                quarantined("carl", DeletionStatus.DELETED)), p);
        v.keep(review("new", false, T0.plusSeconds(60), quarantined("bob", DeletionStatus.QUARANTINED),
                new DeletionResult("dan", DeletionStatus.DELETED, null, null, List.of())),
                new QuarantineVault.Placement(4, TARGET));
        assertThat(v.pending()).extracting(ReviewRecord::reviewId).containsExactly("new");
        assertThat(v.holding("bob").map(ReviewRecord::reviewId)).contains("new");
        assertThat(v.holding("carl")).as("deleted: nothing to release").isEmpty();
        assertThat(v.holding("dan")).as("never quarantined").isEmpty();

        var only = v.store(r -> r.reviewId().equals("old"));
        assertThat(only.list()).extracting(ReviewRecord::reviewId).containsExactly("old");
        assertThat(only.load("new")).isEmpty();
        only.save(v.load("old").orElseThrow().withNote("released", T0));
        assertThat(mirrored).containsExactly("old@3");
        assertThat(v.load("old").orElseThrow().notes()).contains("released");
        assertThat(v.tryLocked(1, () -> "free")).contains("free");
    }
}
