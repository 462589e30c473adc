package io.jenkins.plugins.iamjanitor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.iamjanitor.sandbox.Sandbox;
import io.jenkins.plugins.iamjanitor.sandbox.iam.IamState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `iam-janitor delete` and `restore` against a sandbox the test owns (so it can look inside), reached like a real
 * account: --endpoint-url, default credential chain, --role-arn.
 */
class DeleteRestoreCliTest {
    static final String ROLE = "arn:aws:iam::123456789012:role/iam-janitor";

    @TempDir
    Path tmp;
    Sandbox sandbox;

    /** The SDK's default chain reads these first; the sandbox ignores signatures. Restored afterwards. */
    @BeforeAll
    static void credentials() {
        System.setProperty("aws.accessKeyId", "AKIASANDBOXEXAMPLE");
        System.setProperty("aws.secretAccessKey", "sandbox-not-a-secret");
    }

    @AfterAll
    static void clearCredentials() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    @BeforeEach
    void start() {
        sandbox = Sandbox.start(SandboxAccount.resource("deletion-scenario.json"), 0);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    IamState state() {
        return sandbox.iam().state();
    }

    /** zed holds an SSH key, a certificate and a CodeCommit credential: only flagged with unknown activity ignored. */
    CliRun delete(String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("delete", "zed", "walt", "busy", "guarded",
                "--approved-by", "ann@example.com", "--ticket", "SEC-9", "--backup-dir", tmp.resolve("b").toString(),
                "--endpoint-url", sandbox.iamEndpoint().toString(), "--role-arn", ROLE, "--unknown-activity",
                "ignore"));
        args.addAll(List.of(extra));
        return CliRun.run(args.toArray(String[]::new));
    }

    @Test
    void dryRunPrintsThePlanAndChangesNothing() {
        CliRun run = delete();
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("DRY RUN - nothing was changed. Add --execute to delete.")
                .contains("zed: PLANNED").contains("  would call DeleteVirtualMFADevice(UserName=zed, "
                        + "arn:aws:iam::123456789012:mfa/zed)")
                .contains("  would call DeleteUser(UserName=zed)")
                .contains("busy: KEPT - not deleted: active: access key")
                .contains("guarded: KEPT - exempt: tag iam-janitor:exempt");
        assertThat(state().hasUser("zed")).isTrue();
        assertThat(Files.exists(tmp.resolve("b"))).isFalse();
        assertThat(sandbox.iam().calls("DeleteUser")).isZero();
        assertThat(state().assumeRoleCalls()).extracting(c -> c.roleSessionName()).contains("iam-janitor-ann@example.com");
        assertThat(run.err()).contains("[1/3] zed: approved by ann@example.com via cli (SEC-9)");
    }

    @Test
    void executeDeletesBacksUpAndRestoreBringsTheUserBack() throws Exception {
        CliRun run = delete("--execute");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("DELETION RESULTS").contains("zed: DELETED").contains("walt: DELETED")
                .contains("  called DeleteUser(UserName=zed)");
        assertThat(state().hasUser("zed")).isFalse();
        assertThat(state().hasUser("walt")).isFalse();
        assertThat(state().hasUser("busy")).isTrue();
        assertThat(state().hasUser("guarded")).isTrue();
        Path backup;
        try (Stream<Path> files = Files.list(tmp.resolve("b"))) {
            backup = files.filter(p -> p.getFileName().toString().startsWith("zed-")).findFirst().orElseThrow();
        }
        assertThat(run.out()).contains("backup: " + backup);

        CliRun again = delete("--execute");
        assertThat(again.out()).as("re-run is harmless")
                .contains("zed: NOT_FOUND - already deleted by an earlier run (backup " + backup + ")")
                .contains("walt: NOT_FOUND - already deleted by an earlier run (backup ");
        assertThat(again.exitCode()).as(again.err()).isZero();

        CliRun dry = CliRun.run("restore", backup.toString(), "--endpoint-url", sandbox.iamEndpoint().toString());
        assertThat(dry.exitCode()).as(dry.err()).isZero();
        assertThat(dry.out()).startsWith("DRY RUN - would restore zed (arn:aws:iam::123456789012:user/engineering/zed)")
                .contains("approval of ann@example.com via cli").contains("+ membership of group developers")
                .contains("Cannot come back:").contains("access key AKIAZED0000000000001")
                .contains("the console password").contains("MFA device arn:aws:iam::123456789012:mfa/zed");
        assertThat(state().hasUser("zed")).isFalse();

        CliRun bounded = CliRun.run("restore", backup.toString(), "--permissions-boundary",
                "arn:aws:iam::123456789012:policy/IamJanitorRestoredUserBoundary");
        assertThat(bounded.out()).contains("+ permissions boundary arn:aws:iam::123456789012:policy/"
                + "IamJanitorRestoredUserBoundary");

        CliRun restore = CliRun.run("restore", backup.toString(), "--execute", "--endpoint-url",
                sandbox.iamEndpoint().toString());
        assertThat(restore.exitCode()).as(restore.err()).isZero();
        assertThat(restore.out()).contains("Restored zed.");
        assertThat(state().hasUser("zed")).isTrue();
        assertThat(state().<List<String>>locked(s -> List.copyOf(s.user("zed").groups))).containsExactlyInAnyOrder("developers", "readonly");
    }

    @Test
    void withTheDefaultUnknownActivityBlockAUserHoldingSshKeysOrServiceCredentialsIsNotDeleted() {
        CliRun run = CliRun.run("delete", "zed", "--approved-by", "ann@example.com", "--backup-dir",
                tmp.resolve("b").toString(), "--endpoint-url", sandbox.iamEndpoint().toString(), "--execute");
        assertThat(run.out()).contains("zed: KEPT - not deleted: unknown activity");
        assertThat(state().hasUser("zed")).isTrue();
        assertThat(sandbox.iam().calls("DeleteUser")).isZero();
        // The pre-flight check may create the (owner-only) backup directory; no backup is written into it.
        assertThat(backupFiles(tmp.resolve("b"))).isEmpty();
    }

    private static List<Path> backupFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aNameNobodyKnowsIsAnErrorSuggestingScanNotASuccess() {
        CliRun run = CliRun.run("delete", "no.such.user", "--approved-by", "ann@example.com", "--backup-dir",
                tmp.resolve("b").toString(), "--endpoint-url", sandbox.iamEndpoint().toString(), "--execute");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("no.such.user: NOT_FOUND - no such user, and no backup of ours names it")
                .doesNotContain("already deleted");
        assertThat(run.err()).contains("error: no such user: no.such.user").contains("iam-janitor scan");
    }

    @Test
    void anUnusableBackupDirectoryStopsAtPreflightWithNothingCalled() throws Exception {
        Path notADir = Files.writeString(tmp.resolve("b"), "a file where the backup directory should be");
        CliRun run = CliRun.run("delete", "walt", "--approved-by", "ann@example.com", "--backup-dir",
                notADir.toString(), "--endpoint-url", sandbox.iamEndpoint().toString(), "--execute");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("pre-flight check failed, nothing was asked or changed");
        assertThat(run.out()).doesNotContain("called ");
        assertThat(sandbox.iam().calls("DeleteAccessKey") + sandbox.iam().calls("DeleteUser")).isZero();
        assertThat(state().hasUser("walt")).isTrue();
    }

    @Test
    void aTeardownThatFailsMidwayPrintsOnlyTheCallsMadeAsCalled() {
        sandbox.iam().faults().failNext("DeleteAccessKey", io.jenkins.plugins.iamjanitor.sandbox.Faults.Kind.SERVER_ERROR,
                1000);
        CliRun run = CliRun.run("delete", "walt", "--approved-by", "ann@example.com", "--backup-dir",
                tmp.resolve("b").toString(), "--endpoint-url", sandbox.iamEndpoint().toString(), "--execute");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("walt: FAILED")
                .contains("  planned, not run: DeleteUser(UserName=walt)")
                .doesNotContain("called DeleteUser");
        assertThat(state().hasUser("walt")).isTrue();
    }

    @Test
    void capStopsTheRunWithAClearMessage() {
        CliRun run = delete("--execute", "--max-deletions", "1");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("zed: DELETED").contains("walt: SKIPPED - per-run cap of 1");
        assertThat(run.err()).contains("Stopped at the per-run cap of 1");
        assertThat(state().hasUser("walt")).isTrue();
    }

    @Test
    void badInputIsAUsageErrorOrAOneLineFailure() throws Exception {
        CliRun noApprover = CliRun.run("delete", "zed", "--endpoint-url", sandbox.iamEndpoint().toString());
        assertThat(noApprover.exitCode()).isEqualTo(2);
        assertThat(noApprover.err()).contains("--approved-by");
        assertThat(delete("--max-deletions", "0").exitCode()).isEqualTo(2);

        Path bogus = Files.writeString(tmp.resolve("bogus.json"), "{\"hello\": 1}");
        CliRun restore = CliRun.run("restore", bogus.toString());
        assertThat(restore.exitCode()).isEqualTo(1);
        assertThat(restore.err()).startsWith("error: backup " + bogus + " is not an IAM Janitor backup");

        CliRun badRole = CliRun.run("scan", "--endpoint-url", sandbox.iamEndpoint().toString(), "--role-arn",
                "not-an-arn");
        assertThat(badRole.exitCode()).isEqualTo(1);
        assertThat(badRole.err().lines().filter(l -> l.startsWith("error: ")).toList()).singleElement()
                .asString().contains("Invalid RoleArn");
        assertThat(badRole.err()).doesNotContain("\tat ");
    }
}
