package io.jenkins.plugins.iamjanitor.integrations.aws.cloudtrail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TokenBucketTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final List<Long> slept = new ArrayList<>();
    private final TokenBucket bucket = new TokenBucket(2.0, now::get, nanos -> {
        slept.add(nanos);
        now.addAndGet(nanos);
    });

    @Test
    void spacesCallersHalfASecondApartAtTwoPerSecond() {
        long[] waits = new long[4];
        for (int i = 0; i < waits.length; i++) {
            waits[i] = bucket.reserve(); // four threads arriving at the same instant
        }

        assertThat(waits).containsExactly(0L, 500_000_000L, 1_000_000_000L, 1_500_000_000L);
    }

    @Test
    void doesNotSaveUpSlotsWhileIdle() throws InterruptedException {
        bucket.acquire();
        now.addAndGet(10_000_000_000L); // ten idle seconds
        bucket.acquire();
        bucket.acquire();
        bucket.acquire();

        assertThat(slept).containsExactly(500_000_000L, 500_000_000L);
    }

    @Test
    void neverExceedsTheRateOverAnyWindow() throws InterruptedException {
        List<Long> starts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            bucket.acquire();
            starts.add(now.get());
            now.addAndGet(i % 3 == 0 ? 700_000_000L : 10_000_000L); // uneven work between calls
        }

        for (int i = 1; i < starts.size(); i++) {
            assertThat(starts.get(i) - starts.get(i - 1)).isGreaterThanOrEqualTo(500_000_000L);
        }
    }
}
