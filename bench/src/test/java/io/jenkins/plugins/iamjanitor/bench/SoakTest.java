package io.jenkins.plugins.iamjanitor.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.iamjanitor.bench.soak.KillSoak;
import io.jenkins.plugins.iamjanitor.bench.soak.ReviewKillSoak;
import io.jenkins.plugins.iamjanitor.bench.soak.SoakReview;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Small variants of the soak (the bench's {@code soak} runs them at 1,000 users and ten kills), so that CI checks the
 * safety invariants on every build: every approved user deleted exactly once with one backup, nobody else touched,
 * the review record and the report true, under injected faults and under SIGKILL of the CLI.
 */
class SoakTest {

    @Test
    void aReviewUnderFaultsDeletesExactlyTheApprovedUsersOnce(@TempDir Path work) throws Exception {
        SoakReview.Outcome outcome = SoakReview.run(new SoakReview.Options(40, 0.3, 0.5, 0.05, 0.10, 0.02, 0, 7, 10,
                true), work, line -> { });

        assertThat(outcome.violations()).isEmpty();
        assertThat(outcome.approved()).isPositive().isLessThan(outcome.candidates());
        assertThat(outcome.deleted()).isEqualTo(outcome.approved());
        assertThat(outcome.approvalPosts()).isEqualTo(1);
        assertThat(outcome.faultsInjected()).isPositive();
    }

    @Test
    void theCliKilledDuringDeletionFinishesOnTheNextRunWithTheSameEndState(@TempDir Path work) throws Exception {
        KillSoak.Outcome outcome = KillSoak.run(new KillSoak.Options(40, 0.3, 2, 12, 2, 11), work, line -> { });

        assertThat(outcome.violations()).isEmpty();
        assertThat(outcome.killsSurvived()).isEqualTo(2);
        assertThat(outcome.finalExit()).isZero();
        assertThat(outcome.deleted()).isPositive();
    }

    @Test
    void aQuarantineKilledMidwayFinishesOnTheNextRunOnceWithOneBackupAndReleaseRestoresEachUser(@TempDir Path work)
            throws Exception {
        KillSoak.Outcome outcome = KillSoak.run(new KillSoak.Options(40, 0.3, 3, 6, 2, 13, true), work, line -> { });

        assertThat(outcome.violations()).isEmpty();
        assertThat(outcome.killsSurvived()).isEqualTo(3);
        assertThat(outcome.finalExit()).isZero();
        assertThat(outcome.deleted()).isEqualTo(outcome.named() - 1); // one named leaver in ten is exempt
    }

    /**
     * Issue 14: the review itself SIGKILLed (twice as IAM receives a DeleteUser), a cap smaller than the approved set,
     * three approved users coming back to life mid-run, two runs started at once; backups compared field by field.
     */
    @Test
    void aReviewKilledAtRandomPointsHoldsTheCapKeepsRevivedUsersAndRefusesAConcurrentRun(@TempDir Path work)
            throws Exception {
        ReviewKillSoak.Outcome outcome = ReviewKillSoak.run(new ReviewKillSoak.Options(40, 0.5, 0.7, 4, 4, 12, 2, 11,
                true), work, line -> { });

        assertThat(outcome.violations()).isEmpty();
        assertThat(outcome.killsSurvived()).isEqualTo(4);
        assertThat(outcome.concurrentRefusals()).isEqualTo(1);
        assertThat(outcome.deleted()).isEqualTo(4);
        assertThat(outcome.approved()).isGreaterThan(outcome.cap() + outcome.revived());
    }
}
