package io.jenkins.plugins.iamjanitor.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SocketModeLifecycleTest {
    final List<String> events = new ArrayList<>();
    final SocketModeLifecycle lifecycle = new SocketModeLifecycle(id -> {
        if (id.equals("broken")) {
            throw new IllegalStateException("cannot open");
        }
        events.add("start " + id);
        return () -> events.add("stop " + id);
    });

    @Test
    void followsTheConfiguredAppToken() {
        lifecycle.reconcile(null);
        assertThat(lifecycle.running()).isFalse();
        lifecycle.reconcile("slack-app-token");
        lifecycle.reconcile("slack-app-token");
        assertThat(events).containsExactly("start slack-app-token");
        lifecycle.reconcile("rotated-token");
        lifecycle.reconcile(null);
        assertThat(events).containsExactly("start slack-app-token", "stop slack-app-token", "start rotated-token",
                "stop rotated-token");
        assertThat(lifecycle.running()).isFalse();
    }

    @Test
    void aFailedStartLeavesNothingRunningAndIsRetriedNextTime() {
        assertThatThrownBy(() -> lifecycle.reconcile("broken")).hasMessage("cannot open");
        assertThat(lifecycle.running()).isFalse();
        lifecycle.reconcile("slack-app-token");
        assertThat(lifecycle.running()).isTrue();
    }
}
