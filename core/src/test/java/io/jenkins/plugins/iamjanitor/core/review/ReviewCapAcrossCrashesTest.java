package io.jenkins.plugins.iamjanitor.core.review;

import static io.jenkins.plugins.iamjanitor.core.review.ReviewFakes.NOW;
import static io.jenkins.plugins.iamjanitor.core.review.ReviewFakes.decide;
import static io.jenkins.plugins.iamjanitor.core.review.ReviewFakes.verdict;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.iamjanitor.core.approval.ApprovalRecord;
import io.jenkins.plugins.iamjanitor.core.approval.Decision;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionIntent;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionResult;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionSettings;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionStatus;
import io.jenkins.plugins.iamjanitor.core.policy.Outcome;
import io.jenkins.plugins.iamjanitor.core.port.ProgressListener;
import io.jenkins.plugins.iamjanitor.core.scan.ScanResult;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Issue 14 item 1: a run killed after DeleteUser and before the record is saved must still count that deletion. */
class ReviewCapAcrossCrashesTest {
    private final ScanResult scan = ReviewFakes.scan(verdict("alice", Outcome.INACTIVE, 45),
            verdict("bob", Outcome.INACTIVE, 60), verdict("carol", Outcome.INACTIVE, 90),
            verdict("erin", Outcome.INACTIVE, 70), verdict("frank", Outcome.INACTIVE, 80),
            verdict("gina", Outcome.INACTIVE, 85));
    private final ReviewFakes.Store store = new ReviewFakes.Store();
    private final ReviewFakes.Approvals approvals = new ReviewFakes.Approvals(
            scan.verdicts().stream().map(v -> decide(v.user().userName(), Decision.APPROVE)).toList(), false);
    private final CrashingDeleter deleter = new CrashingDeleter();

    /** Stands for the process dying: an Error, so nothing in core catches it. */
    static final class Killed extends Error {
        Killed() {
            super("killed after DeleteUser");
        }
    }

    /** Deletes for real (the user is gone), then dies before returning, i.e. before the workflow saves the result. */
    static final class CrashingDeleter implements ReviewPorts.Deletion {
        final Set<String> gone = new LinkedHashSet<>();
        final List<String> intents = new ArrayList<>();
        boolean crash = true;

        @Override
        public List<DeletionResult> delete(List<ApprovalRecord> approvals, ProgressListener progress) {
            return delete(approvals, progress, DeletionIntent.Listener.NONE);
        }

        @Override
        public List<DeletionResult> delete(List<ApprovalRecord> approvals, ProgressListener progress,
                DeletionIntent.Listener listener) {
            List<DeletionResult> out = new ArrayList<>();
            for (ApprovalRecord a : approvals) {
                String name = a.userName();
                if (gone.contains(name)) {
                    out.add(new DeletionResult(name, DeletionStatus.NOT_FOUND, "user does not exist", null, null));
                    continue;
                }
                listener.beforeFirstCall(new DeletionIntent(name, "AIDA" + name.toUpperCase(), "/b/" + name,
                        NOW));
                intents.add(name);
                gone.add(name);
                if (crash) {
                    throw new Killed();
                }
                out.add(new DeletionResult(name, DeletionStatus.DELETED, null, "/b/" + name, null));
            }
            return out;
        }

        @Override
        public Optional<DeletionResult> finishedBefore(DeletionIntent intent) {
            boolean ours = gone.contains(intent.userName())
                    && ("AIDA" + intent.userName().toUpperCase()).equals(intent.userId());
            return ours ? Optional.of(new DeletionResult(intent.userName(), DeletionStatus.DELETED, "earlier run",
                    intent.backupFile(), null)) : Optional.empty();
        }
    }

    private ReviewWorkflow workflow(int cap) {
        ReviewPorts ports = new ReviewPorts(p -> scan, approvals, new ReviewFakes.Tickets(),
                new ReviewFakes.Activity(), deleter, store, new ReviewFakes.Reports(), new ReviewFakes.KeyIds());
        ReviewSettings settings = new ReviewSettings(null, "123456789012", "#iam-review", List.of("U123"),
                Duration.ofMinutes(5), null, null, List.of("us-east-1"), null, null, "Done",
                new DeletionSettings(false, cap));
        return new ReviewWorkflow(ports, settings, null, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private ReviewRecord runUntilFinished(int cap) {
        ReviewRecord r = null;
        for (int run = 0; run < 20 && (r == null || !r.finished()); run++) {
            try {
                r = workflow(cap).run(line -> { }, ReviewObserver.NONE);
            } catch (Killed killed) {
                r = null;
            }
        }
        return r;
    }

    @Test
    void killedAfterEveryDeleteUserTheCapStillHoldsAndTheDeletedUsersKeepTheirBackups() {
        ReviewRecord r = runUntilFinished(2);

        assertThat(deleter.gone).hasSize(2);
        assertThat(r.deletions()).filteredOn(d -> d.status() == DeletionStatus.DELETED)
                .extracting(DeletionResult::userName, DeletionResult::backupFile)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("alice", "/b/alice"),
                        org.assertj.core.groups.Tuple.tuple("bob", "/b/bob"));
        assertThat(r.deletions()).filteredOn(d -> d.status() == DeletionStatus.SKIPPED).hasSize(4);
        assertThat(r.deletions()).noneMatch(d -> d.status() == DeletionStatus.NOT_FOUND);
    }

    @Test
    void theIntentIsSavedBeforeTheDestructiveCall() {
        deleter.crash = true;
        try {
            workflow(5).run(line -> { }, ReviewObserver.NONE);
        } catch (Killed expected) {
            // the process died right after deleting alice
        }
        ReviewRecord saved = store.list().get(0);
        assertThat(saved.intentFor("alice")).get().extracting(DeletionIntent::userId).isEqualTo("AIDAALICE");
        assertThat(saved.deletionsCountingAgainstCap()).isEqualTo(1);
    }

    @Test
    void aGoneUserWhoseBackupIsOfAnotherUserIdIsNotClaimed() {
        deleter.crash = false;
        ReviewRecord r = runUntilFinished(10);
        assertThat(r.deletions()).allMatch(d -> d.status() == DeletionStatus.DELETED);
        DeletionIntent foreign = new DeletionIntent("alice", "AIDASOMEONEELSE", "/b/alice", NOW);
        assertThat(deleter.finishedBefore(foreign)).isEmpty();
    }
}
