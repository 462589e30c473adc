package io.jenkins.plugins.iamjanitor.integrations.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.iamjanitor.core.approval.ApprovalRecord;
import io.jenkins.plugins.iamjanitor.core.deletion.UserSnapshot;
import io.jenkins.plugins.iamjanitor.core.model.AccessKey;
import io.jenkins.plugins.iamjanitor.core.model.CredentialStatus;
import io.jenkins.plugins.iamjanitor.core.model.MfaDevice;
import io.jenkins.plugins.iamjanitor.core.model.ServiceSpecificCredential;
import io.jenkins.plugins.iamjanitor.core.model.Tag;
import io.jenkins.plugins.iamjanitor.core.port.BackupStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonBackupStoreTest {
    static final Instant T = Instant.parse("2026-11-20T12:00:00Z");
    @TempDir
    Path dir;

    static UserSnapshot snapshot(boolean withKey) {
        return new UserSnapshot("alice", "AIDAALICE", "arn:aws:iam::123456789012:user/dev/alice", "/dev/", T,
                List.of(new Tag("team", "web")), "arn:aws:iam::aws:policy/PowerUserAccess", List.of("developers"),
                List.of("arn:aws:iam::aws:policy/ReadOnlyAccess"),
                Map.of("s3", "{\"Version\":\"2012-10-17\",\"Statement\":[]}"), true,
                withKey ? List.of(new AccessKey("AKIAALICE1", 0, CredentialStatus.ACTIVE, T, T, "s3", "us-east-1"))
                        : List.of(),
                List.of(new MfaDevice("arn:aws:iam::123456789012:mfa/alice", T, true)),
                List.of(new UserSnapshot.SshKey("APKAALICE", CredentialStatus.ACTIVE, T, "ssh-rsa AAAAB3")),
                List.of(new UserSnapshot.Certificate("CERTALICE", CredentialStatus.INACTIVE, T, "-----BEGIN")),
                List.of(new ServiceSpecificCredential("ACCAALICE", "codecommit.amazonaws.com",
                        CredentialStatus.ACTIVE, T)));
    }

    static final ApprovalRecord APPROVAL = new ApprovalRecord("alice", "U1", "Ann", T, "cli", "SEC-1", T);

    JsonBackupStore store() {
        return new JsonBackupStore(dir.resolve("backups"), Clock.fixed(T, ZoneOffset.UTC));
    }

    @Test
    void roundTripsEverythingWithPrivatePermissions() throws Exception {
        String location = store().write(snapshot(true), APPROVAL);
        Path file = Path.of(location);
        assertThat(file.getFileName().toString()).isEqualTo("alice-AIDAALICE.json");
        BackupStore.Backup back = store().read(location);
        assertThat(back.snapshot()).isEqualTo(snapshot(true));
        assertThat(back.approval()).isEqualTo(APPROVAL);
        assertThat(Files.readString(file)).contains("\"format\" : \"iam-janitor-backup/1\"")
                .contains("2026-11-20T12:00:00Z");
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
                    .isEqualTo("rwx------");
        }
        try (var files = Files.list(file.getParent())) {
            assertThat(files).as("no temp file left behind").containsExactly(file);
        }
    }

    @Test
    void aBackupIsFoundAgainByItsApprovalAlsoWhenAnOlderCoveringOneWasReused() throws Exception {
        String first = store().write(snapshot(true), APPROVAL);
        assertThat(store().find("alice", snapshot(true).userId(), APPROVAL)).contains(first);

        // A later approval of the same, unchanged user (a re-quarantine after a release) reuses the first file...
        ApprovalRecord later = new ApprovalRecord(APPROVAL.userName(), "bob", "Bob",
                APPROVAL.approvedAt().plusSeconds(86_400), "slack", null, APPROVAL.evidenceLastActivity());
        assertThat(store().find("alice", snapshot(true).userId(), later)).isEmpty();
        assertThat(store().write(snapshot(true), later)).isEqualTo(first);
        assertThat(store().find("alice", snapshot(true).userId(), later)).isEmpty(); // deletions never link
        // ... and once the quarantiner remembers it, a crashed run under that approval finds it again.
        store().remember(first, later);
        store().remember(first, APPROVAL); // its own approval needs no link
        assertThat(store().find("alice", snapshot(true).userId(), later)).contains(first);
        try (var files = Files.list(Path.of(first).getParent())) {
            assertThat(files).hasSize(2);
        }
        assertThat(store().find("alice", "AIDAOTHER", later)).isEmpty();
    }

    @Test
    void thinnerSnapshotOfTheSameUserKeepsTheFullerBackup() throws Exception {
        String first = store().write(snapshot(true), APPROVAL);
        String again = store().write(snapshot(false), APPROVAL);
        assertThat(again).isEqualTo(first);
        assertThat(store().read(again).snapshot().accessKeys()).hasSize(1);

        // Something new the first backup lacks goes to a new file; the first stays untouched.
        byte[] before = Files.readAllBytes(Path.of(first));
        UserSnapshot s = snapshot(true);
        UserSnapshot more = new UserSnapshot(s.userName(), s.userId(), s.arn(), s.path(), s.createDate(), s.tags(),
                s.permissionsBoundaryArn(), List.of("developers", "admins"), s.attachedPolicyArns(),
                s.inlinePolicies(), true, s.accessKeys(), s.mfaDevices(), s.sshPublicKeys(), s.signingCertificates(),
                s.serviceSpecificCredentials());
        String third = store().write(more, APPROVAL);
        assertThat(Path.of(third).getFileName().toString()).isEqualTo("alice-AIDAALICE.2.json");
        assertThat(Files.readAllBytes(Path.of(first))).isEqualTo(before);
    }

    @Test
    void malformedOrForeignFilesGetAClearError() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.json"), "{\"format\": \"iam-janitor-backup/1\", \"snapshot\": [");
        assertThatThrownBy(() -> store().read(bad.toString())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad.json is not valid IAM Janitor backup JSON");
        Path other = Files.writeString(dir.resolve("other.json"), "{\"hello\": 1}");
        assertThatThrownBy(() -> store().read(other.toString())).hasMessageContaining("not an IAM Janitor backup");
        assertThatThrownBy(() -> store().read(dir.resolve("missing.json").toString()))
                .hasMessageContaining("does not exist");
    }

    @Test
    void unwritableDirectoryFailsWithOneLine() throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
        JsonBackupStore store = new JsonBackupStore(file, Clock.systemUTC());
        assertThatThrownBy(() -> store.write(snapshot(true), APPROVAL))
                .hasMessageStartingWith("cannot write the backup of alice to " + file);
    }
}
