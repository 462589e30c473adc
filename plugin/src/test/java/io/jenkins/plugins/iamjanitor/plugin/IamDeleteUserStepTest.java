package io.jenkins.plugins.iamjanitor.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.iamjanitor.integrations.backup.JsonBackupStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IamDeleteUserStepTest {
    final FakeServices services = new FakeServices();
    final FakeStepContext context = new FakeStepContext();
    final FakeIam iam = new FakeIam();
    @TempDir
    Path artifacts;

    @BeforeEach
    void fakes() {
        services.directory = iam;
        services.admin = iam;
        services.artifacts = artifacts;
        services.backups = new JsonBackupStore(artifacts.resolve("iam-janitor-backups"), services.clock);
    }

    /** What slackAskApproval returns when alice was approved and bob kept. */
    static Map<String, Object> approval() {
        return Map.of("reviewId", "iamj-review-1", "approved", List.of("alice"), "kept", List.of("bob"),
                "decisions", List.of(
                        Map.of("user", "alice", "decision", "APPROVE", "approverId", "U0APPROVER", "approverName",
                                "Ada Approver", "decidedAt", "2026-11-23T11:00:00Z", "channel", "slack:C0123REVIEW",
                                "evidenceAsOf", "2026-10-14T12:00:00Z"),
                        Map.of("user", "bob", "decision", "KEEP", "approverId", "U0APPROVER", "approverName",
                                "Ada Approver", "decidedAt", "2026-11-23T11:00:00Z", "channel",
                                "slack:C0123REVIEW")));
    }

    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> run(IamDeleteUserStep step) throws Exception {
        new IamDeleteUserStep.Execution(step, context, services).start();
        assertThat(context.failure()).isNull();
        return (Map<String, Map<String, Object>>) context.result();
    }

    static IamDeleteUserStep step(String user) {
        IamDeleteUserStep s = new IamDeleteUserStep();
        s.setUser(user);
        s.setApproval(approval());
        s.setTicket(Map.of("key", "SEC-42", "url", "https://jira.example.com/browse/SEC-42"));
        return s;
    }

    @Test
    void dryRunIsTheDefaultAndChangesNothing() throws Exception {
        Map<String, Map<String, Object>> result = run(step("alice"));

        assertThat(result.get("alice")).containsEntry("status", "planned");
        @SuppressWarnings("unchecked")
        List<String> plan = (List<String>) result.get("alice").get("plan");
        assertThat(plan).contains(
                "DeleteAccessKey(UserName=alice, AKIAALICE0000000001)", "RemoveUserFromGroup(UserName=alice, developers)")
                .last().isEqualTo("DeleteUser(UserName=alice)");
        assertThat(iam.applied).isEmpty();
        assertThat(iam.users).containsKey("alice");
        assertThat(context.log()).contains("DRY RUN: planning 1 approved user(s)");
    }

    @Test
    void deletesAnApprovedUserAfterWritingTheBackupIntoTheBuildArtifacts() throws Exception {
        IamDeleteUserStep step = step("alice");
        step.setDryRun(false);
        Map<String, Map<String, Object>> result = run(step);

        Map<String, Object> alice = result.get("alice");
        assertThat(alice).containsEntry("status", "deleted");
        Path backup = Path.of((String) alice.get("backup"));
        assertThat(backup).exists().startsWith(artifacts.resolve("iam-janitor-backups"));
        assertThat(Files.readString(backup)).contains("alice", "U0APPROVER", "SEC-42");
        assertThat(iam.applied).startsWith("DeleteAccessKey(UserName=alice, AKIAALICE0000000001)")
                .endsWith("DeleteUser(UserName=alice)");
        assertThat(iam.users).doesNotContainKey("alice");
        assertThat(services.backupDirectory).isEqualTo(artifacts.resolve("iam-janitor-backups"));
    }

    @Test
    void usersWithoutAnApprovalAreKeptUntouched() throws Exception {
        IamDeleteUserStep step = new IamDeleteUserStep();
        step.setUsers(List.of("bob", "alice"));
        step.setApproval(approval());
        step.setDryRun(false);
        Map<String, Map<String, Object>> result = run(step);

        assertThat(result.keySet()).containsExactly("bob", "alice");
        assertThat(result.get("bob")).containsEntry("status", "kept")
                .containsEntry("reason", "not approved in review iamj-review-1");
        assertThat(result.get("alice")).containsEntry("status", "deleted");
        assertThat(iam.applied).noneMatch(s -> s.contains("bob"));
    }

    @Test
    void aUserUsedSinceTheEvidenceIsKept() throws Exception {
        iam.add(FakeIam.user("alice", 0, List.of()));
        IamDeleteUserStep step = step("alice");
        step.setDryRun(false);
        assertThat(run(step).get("alice")).containsEntry("status", "kept");
        assertThat(iam.applied).isEmpty();
    }

    @Test
    void invalidArgumentsNameTheArgument() throws Exception {
        IamDeleteUserStep noApproval = new IamDeleteUserStep();
        noApproval.setUser("alice");
        assertThat(failure(noApproval)).contains("invalid argument 'approval'");
        IamDeleteUserStep both = step("alice");
        both.setUsers(List.of("bob"));
        assertThat(failure(both)).contains("invalid argument 'user'", "not both");
        IamDeleteUserStep nobody = new IamDeleteUserStep();
        nobody.setApproval(approval());
        assertThat(failure(nobody)).contains("invalid argument 'user'");
        IamDeleteUserStep outside = step("alice");
        outside.setBackupDir("../../secrets");
        assertThat(failure(outside)).contains("invalid argument 'backupDir'");
        IamDeleteUserStep noDecisions = step("alice");
        noDecisions.setApproval(Map.of("approved", List.of("alice")));
        assertThat(failure(noDecisions)).contains("invalid argument 'approval'", "slackAskApproval");
        IamDeleteUserStep badName = step("alice smith");
        assertThat(failure(badName)).contains("invalid argument 'user'");
        assertThat(iam.applied).isEmpty();
    }

    String failure(IamDeleteUserStep step) throws Exception {
        FakeStepContext c = new FakeStepContext();
        new IamDeleteUserStep.Execution(step, c, services).start();
        return c.failure() == null ? "no failure" : c.failure().getMessage();
    }
}
