package io.jenkins.plugins.iamjanitor.integrations.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.iamjanitor.core.model.AccessKey;
import io.jenkins.plugins.iamjanitor.core.port.ServiceException;
import io.jenkins.plugins.iamjanitor.sandbox.Faults;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link AwsIamDirectory#accessKeyIds} through the real SDK against the IAM emulator: what the CloudTrail stage reads
 * instead of the scan. One ListAccessKeys per user asked about, nothing else; the ids IAM has; an empty list for a
 * user deleted since; a failure thrown, never an empty list.
 */
class AccessKeyIdsTest {
    private final IamSandbox sandbox = IamSandbox.defaultScenario();

    @AfterEach
    void close() {
        sandbox.close();
    }

    @Test
    void oneListAccessKeysPerUserGivesTheIdsIamHasInTheOrderAsked() {
        AwsIamDirectory directory = sandbox.directory(true, 1000).withDetailReads(1000, 3, "auto");
        List<String> users = List.of("dave.second-key-active", "alice.active-console", "bob.active-key",
                "gone.since-the-scan");
        List<String> lines = new ArrayList<>();

        List<List<String>> ids = directory.accessKeyIds(users, lines::add);

        assertThat(sandbox.emulator.callCounts()).isEqualTo(Map.of("ListAccessKeys", users.size()));
        assertThat(ids).hasSize(4);
        assertThat(ids.get(0)).hasSize(2).containsExactlyInAnyOrderElementsOf(live(directory, users.get(0)));
        assertThat(ids.get(1)).isEmpty();
        assertThat(ids.get(2)).containsExactly("AKIABOBACTIVE0000001");
        assertThat(ids.get(3)).as("deleted since the scan: no keys, not an error").isEmpty();
        assertThat(lines).hasSize(4);
        for (int i = 0; i < users.size(); i++) {
            assertThat(lines.get(i)).startsWith("IAM: access key ids [" + (i + 1) + "/4] " + users.get(i) + ": ");
        }
    }

    @Test
    void aReadThatKeepsFailingIsThrownNotTakenForNoKeys() {
        // More 500s than the SDK's retries (4 here): the ids cannot be had.
        sandbox.emulator.faults().failNext("ListAccessKeys", Faults.Kind.SERVER_ERROR, 100);
        AwsIamDirectory directory = sandbox.directory(true, 1000).withDetailReads(1000, 1, "auto");

        assertThatThrownBy(() -> directory.accessKeyIds(List.of("bob.active-key"), line -> { }))
                .isInstanceOf(ServiceException.class).hasMessageContaining("ListAccessKeys");
    }

    private List<String> live(AwsIamDirectory directory, String user) {
        List<String> ids = directory.fetchLive(user).orElseThrow().accessKeys().stream().map(AccessKey::accessKeyId)
                .toList();
        sandbox.emulator.resetCallCounts();
        return ids;
    }
}
