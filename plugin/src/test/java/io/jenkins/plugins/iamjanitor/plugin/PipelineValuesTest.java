package io.jenkins.plugins.iamjanitor.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.iamjanitor.core.deletion.DeletionAction;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionResult;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionStatus;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionStep;
import io.jenkins.plugins.iamjanitor.core.model.IamUser;
import io.jenkins.plugins.iamjanitor.core.model.Tag;
import io.jenkins.plugins.iamjanitor.core.policy.ActivityBasis;
import io.jenkins.plugins.iamjanitor.core.policy.CredentialEvidence;
import io.jenkins.plugins.iamjanitor.core.policy.CredentialKind;
import io.jenkins.plugins.iamjanitor.core.policy.Outcome;
import io.jenkins.plugins.iamjanitor.core.policy.Verdict;
import io.jenkins.plugins.iamjanitor.core.model.AccessKey;
import io.jenkins.plugins.iamjanitor.core.model.CredentialStatus;
import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PipelineValuesTest {
    static final Instant LAST = Instant.parse("2026-10-14T09:00:00Z");

    static Verdict verdict() {
        IamUser alice = new IamUser("alice", "AIDAALICE", "arn:aws:iam::123456789012:user/alice", "/", LAST,
                List.of(new Tag("slack-user-id", "U0ALICE")), List.of(), null, null, null, null, null, null);
        CredentialEvidence key = new CredentialEvidence(CredentialKind.ACCESS_KEY, "AKIAALICE0000000001",
                ActivityBasis.LAST_USED, LAST, true, "last used s3 in us-east-1");
        return new Verdict(alice, Outcome.INACTIVE, "access key last used 40 days ago", FakeServices.NOW, LAST, 40,
                key, List.of(key));
    }

    @Test
    void theEvidenceDateCoversDisabledCredentialsTheReCheckWillCompare() {
        Instant disabledKeyUse = LAST.plusSeconds(86_400);
        Verdict v = verdict();
        IamUser u = v.user();
        IamUser withDisabledKey = new IamUser(u.userName(), u.userId(), u.arn(), u.path(), u.createDate(), u.tags(),
                u.groups(), null, List.of(new AccessKey("AKIAOLD", 0, CredentialStatus.INACTIVE, LAST.minusSeconds(9),
                        disabledKeyUse, "s3", "us-east-1")), null, null, null, null);
        Verdict withKey = new Verdict(withDisabledKey, v.outcome(), v.reason(), v.evaluatedAt(), v.lastActivity(),
                v.daysInactive(), v.driving(), v.evidence());

        assertThat(PipelineValues.verdict(v)).containsEntry("evidenceAsOf", LAST.toString());
        assertThat(PipelineValues.verdict(withKey)).containsEntry("lastActivity", LAST.toString())
                .containsEntry("evidenceAsOf", disabledKeyUse.toString());
    }

    @Test
    void verdictsBecomePlainSerializableMapsAndComeBack() throws Exception {
        Map<String, Object> m = PipelineValues.verdict(verdict());
        assertThat(m).containsEntry("user", "alice").containsEntry("daysInactive", 40L)
                .containsEntry("lastActivity", "2026-10-14T09:00:00Z").containsEntry("outcome", "INACTIVE")
                .containsEntry("tags", Map.of("slack-user-id", "U0ALICE"));
        assertPlain(m);
        new ObjectOutputStream(new ByteArrayOutputStream()).writeObject(m);

        Verdict back = PipelineValues.verdict(m, FakeServices.NOW);
        assertThat(back.user().userName()).isEqualTo("alice");
        assertThat(back.user().tags()).containsExactly(new Tag("slack-user-id", "U0ALICE"));
        assertThat(back.lastActivity()).isEqualTo(LAST);
        assertThat(back.evidence()).containsExactly(verdict().evidence().get(0));
        assertThat(PipelineValues.accessKeyIds(m)).containsExactly("AKIAALICE0000000001");
    }

    @Test
    void deletionResultsCarryStatusBackupAndPlan() {
        Map<String, Object> m = PipelineValues.deletion(new DeletionResult("alice", DeletionStatus.PLANNED, null,
                "/backups/alice.json", List.of(new DeletionStep(DeletionAction.DELETE_ACCESS_KEY, "alice", "AKIA1"),
                        new DeletionStep(DeletionAction.DELETE_USER, "alice", null))));
        assertThat(m).containsEntry("status", "planned").containsEntry("backup", "/backups/alice.json")
                .containsEntry("plan", List.of("DeleteAccessKey(UserName=alice, AKIA1)", "DeleteUser(UserName=alice)"));
        assertPlain(m);
    }

    @Test
    void theBuildLogMasksSecrets() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BuildLog log = new BuildLog(new PrintStream(out, true, StandardCharsets.UTF_8),
                List.of("xoxb-123-456-secret", "abc"));
        log.progress("posting with xoxb-123-456-secret to abc");
        assertThat(out.toString(StandardCharsets.UTF_8))
                .isEqualTo("[iam-janitor] posting with **** to abc" + System.lineSeparator());
    }

    private static void assertPlain(Object value) {
        if (value instanceof Map<?, ?> map) {
            assertThat(map).isInstanceOf(LinkedHashMap.class);
            map.values().forEach(PipelineValuesTest::assertPlain);
        } else if (value instanceof List<?> list) {
            assertThat(list).isInstanceOf(ArrayList.class);
            list.forEach(PipelineValuesTest::assertPlain);
        } else if (value != null) {
            assertThat(value).isInstanceOfAny(String.class, Number.class, Boolean.class);
        }
    }
}
