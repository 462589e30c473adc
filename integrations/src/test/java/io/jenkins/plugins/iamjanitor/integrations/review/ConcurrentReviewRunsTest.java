package io.jenkins.plugins.iamjanitor.integrations.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.iamjanitor.core.review.ReviewRecord;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 14 item 5: two runs at once can neither take the same review id nor both hold the state directory. */
class ConcurrentReviewRunsTest {
    private static final Instant T = Instant.parse("2026-11-29T10:00:00Z");

    @Test
    void createNeverReplacesARecordAnotherRunCreated(@TempDir Path dir) {
        JsonReviewStore store = new JsonReviewStore(dir);
        ReviewRecord first = ReviewRecord.start("review-1", "111111111111", false, T);
        ReviewRecord second = ReviewRecord.start("review-1", "222222222222", true, T.plusSeconds(1));

        assertThat(store.create(first)).isTrue();
        assertThat(store.create(second)).isFalse();
        assertThat(store.load("review-1")).get().extracting(ReviewRecord::accountId).isEqualTo("111111111111");
    }

    @Test
    void ofManyProcessesCreatingTheSameIdAtOnceExactlyOneWins(@TempDir Path dir) throws Exception {
        int writers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            for (int round = 0; round < 20; round++) {
                String id = "review-" + round;
                CyclicBarrier start = new CyclicBarrier(writers);
                List<Future<Boolean>> results = new ArrayList<>();
                for (int w = 0; w < writers; w++) {
                    JsonReviewStore store = new JsonReviewStore(dir);
                    String account = String.format("%012d", w);
                    results.add(pool.submit(() -> {
                        start.await();
                        return store.create(ReviewRecord.start(id, account, false, T));
                    }));
                }
                int winners = 0;
                for (Future<Boolean> f : results) {
                    winners += f.get() ? 1 : 0;
                }
                assertThat(winners).as("round %d", round).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aHeldStateDirectoryRefusesASecondRunNamingTheHolder(@TempDir Path dir) {
        try (StateDirectoryLock held = StateDirectoryLock.acquire(dir, Clock.systemUTC())) {
            assertThatThrownBy(() -> StateDirectoryLock.acquire(dir, Clock.systemUTC()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("in use by another IAM Janitor run")
                    .hasMessageContaining("pid " + ProcessHandle.current().pid());
        }
        try (StateDirectoryLock again = StateDirectoryLock.acquire(dir, Clock.systemUTC())) {
            assertThat(dir.resolve(StateDirectoryLock.FILE)).exists();
        }
    }
}
