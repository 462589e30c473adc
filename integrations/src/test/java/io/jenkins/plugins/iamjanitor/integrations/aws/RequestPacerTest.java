package io.jenkins.plugins.iamjanitor.integrations.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.iamjanitor.core.port.ServiceException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The client-side pace, on a fake clock that the pacer's own sleeps advance (nothing waits on a wall clock). */
class RequestPacerTest {
    private long now;
    private final List<Long> starts = new ArrayList<>();
    private final RequestPacer pacer = new RequestPacer(10, 2, () -> now, d -> now += d.toNanos());

    private String start() {
        starts.add(now);
        return "ok";
    }

    @Test
    void callsNeverStartFasterThanTheRateAfterTheBurst() {
        for (int i = 0; i < 50; i++) {
            pacer.call("ListSSHPublicKeys", this::start);
        }

        assertThat(starts.subList(0, 2)).containsOnly(0L);
        // 2 at once, then one every 100 ms: 48 more calls need 4.8 s.
        assertThat(starts.get(49)).isEqualTo(4_800_000_000L);
        for (int i = 3; i < starts.size(); i++) {
            assertThat(starts.get(i) - starts.get(i - 1)).isGreaterThanOrEqualTo(99_999_999L);
        }
    }

    @Test
    void throttlingHalvesTheRateAndIsRetriedABoundedNumberOfTimes() {
        AtomicInteger attempts = new AtomicInteger();
        String result = pacer.call("ListSSHPublicKeys", () -> {
            if (attempts.incrementAndGet() <= 2) {
                throw new ServiceException("IAM", "ListSSHPublicKeys", "Throttling", "Rate exceeded");
            }
            return "ok";
        });

        assertThat(result).isEqualTo("ok");
        assertThat(pacer.throttled()).isEqualTo(2);
        assertThat(pacer.currentRate()).isLessThan(10);
        assertThatThrownBy(() -> pacer.call("ListSSHPublicKeys", () -> {
            throw new ServiceException("IAM", "ListSSHPublicKeys", "Throttling", "Rate exceeded");
        })).isInstanceOf(ServiceException.class).hasMessageContaining("Throttling");
        assertThat(pacer.throttled()).isEqualTo(2 + 4);
    }

    @Test
    void otherFailuresAreNotRetriedHere() {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> pacer.call("ListSSHPublicKeys", () -> {
            attempts.incrementAndGet();
            throw new ServiceException("IAM", "ListSSHPublicKeys", "AccessDenied", "no");
        })).hasMessageContaining("AccessDenied");
        assertThat(attempts).hasValue(1);
    }
}
