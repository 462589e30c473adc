package io.jenkins.plugins.iamjanitor.integrations.backup;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.jenkins.plugins.iamjanitor.core.approval.ApprovalRecord;
import io.jenkins.plugins.iamjanitor.core.deletion.UserSnapshot;
import io.jenkins.plugins.iamjanitor.core.port.BackupStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Backups as one JSON file per user in a directory, written atomically: temp file in the same directory, fsync,
 * atomic rename, then fsync of the directory. Files are 0600 (the directory 0700) where the file system has POSIX
 * permissions: a backup holds policy documents and certificate bodies, never secrets, but still nobody else's business.
 *
 * <p>The file is named after the user name and its unique id, and never overwritten: a re-run of a half-finished
 * deletion yields a thinner snapshot of the same user, which returns the existing, fuller backup instead. A snapshot
 * with something the existing file lacks goes to a new numbered file ({@code name-id.2.json}).
 */
public final class JsonBackupStore implements BackupStore {
    public static final String FORMAT = "iam-janitor-backup/1";
    private static final Set<PosixFilePermission> FILE_PERMS = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> DIR_PERMS = PosixFilePermissions.fromString("rwx------");

    private final Path directory;
    private final Clock clock;
    private final ObjectMapper mapper = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    public JsonBackupStore(Path directory, Clock clock) {
        this.directory = directory;
        this.clock = clock;
    }

    /** The file as written: a format marker so restore can refuse anything else. */
    record BackupFile(String format, Instant writtenAt, UserSnapshot snapshot, ApprovalRecord approval) {
    }

    @Override
    public String write(UserSnapshot snapshot, ApprovalRecord approval) {
        try {
            createDirectory();
            String base = safe(snapshot.userName()) + "-" + safe(snapshot.userId());
            Path target = directory.resolve(base + ".json");
            for (int n = 2; Files.exists(target); n++) {
                if (snapshot.isCoveredBy(read(target).snapshot())) {
                    return target.toString();
                }
                target = directory.resolve(base + "." + n + ".json");
            }
            byte[] json = mapper.writeValueAsBytes(new BackupFile(FORMAT, clock.instant(), snapshot, approval));
            writeAtomically(target, json);
            return target.toString();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the backup of " + snapshot.userName() + " to " + directory
                    + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Backup read(String location) {
        return read(Path.of(location));
    }

    /** The first of this user's files ({@code name-id.json}, then {@code .2}, ...) written under this approval. */
    @Override
    public Optional<String> find(String userName, String userId, ApprovalRecord approval) {
        String base = safe(userName) + "-" + safe(userId);
        Path target = directory.resolve(base + ".json");
        for (int n = 2; Files.exists(target); n++) {
            if (Objects.equals(read(target).approval(), approval)) {
                return Optional.of(target.toString());
            }
            target = directory.resolve(base + "." + n + ".json");
        }
        try {
            Path link = linkOf(base, approval);
            return Files.exists(link) ? Optional.of(Files.readString(link).trim()) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + directory + ": " + e.getMessage(), e);
        }
    }

    /**
     * Links a reused backup (a re-quarantine of a user released earlier, whose state the first backup still covers) to
     * the new approval: a small hidden file named after a digest of that approval, written once, atomically.
     */
    @Override
    public void remember(String location, ApprovalRecord approval) {
        Backup backup = read(location);
        if (Objects.equals(backup.approval(), approval)) {
            return;
        }
        try {
            Path link = linkOf(safe(backup.snapshot().userName()) + "-" + safe(backup.snapshot().userId()), approval);
            if (!Files.exists(link)) {
                writeAtomically(link, location.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot link the backup " + location + ": " + e.getMessage(), e);
        }
    }

    private Path linkOf(String base, ApprovalRecord approval) throws IOException {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(mapper.writeValueAsBytes(approval));
            return directory.resolve("." + base + "." + java.util.HexFormat.of().formatHex(digest, 0, 12) + ".link");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private Backup read(Path file) {
        BackupFile backup;
        try {
            backup = mapper.readValue(Files.readAllBytes(file), BackupFile.class);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("backup " + file + " does not exist");
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("backup " + file + " is not valid IAM Janitor backup JSON: "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read backup " + file + ": " + e.getMessage(), e);
        }
        if (backup == null || !FORMAT.equals(backup.format()) || backup.snapshot() == null
                || backup.snapshot().userName() == null) {
            throw new IllegalArgumentException("backup " + file + " is not an IAM Janitor backup (expected format "
                    + FORMAT + ")");
        }
        return new Backup(backup.snapshot(), backup.approval());
    }

    /** Backups whose snapshot names this user, oldest first (by write time); unreadable files are not ours. */
    @Override
    public List<String> backupsOf(String userName) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        String prefix = safe(userName) + "-";
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*.json")) {
            for (Path f : files) {
                if (f.getFileName().toString().startsWith(prefix) && isBackupOf(f, userName)) {
                    found.add(f);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list backups in " + directory + ": " + e.getMessage(), e);
        }
        found.sort(Comparator.comparing(this::writtenAt));
        return found.stream().map(Path::toString).toList();
    }

    private boolean isBackupOf(Path file, String userName) {
        try {
            return userName.equals(read(file).snapshot().userName());
        } catch (RuntimeException e) {
            return false;
        }
    }

    private Instant writtenAt(Path file) {
        try {
            Instant at = mapper.readValue(Files.readAllBytes(file), BackupFile.class).writtenAt();
            return at == null ? Instant.MIN : at;
        } catch (IOException e) {
            return Instant.MIN;
        }
    }

    private void writeAtomically(Path target, byte[] json) throws IOException {
        Path temp = Files.createTempFile(directory, "." + target.getFileName() + ".", ".tmp", filePermissions());
        try {
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(json);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            publish(temp, target);
        } finally {
            Files.deleteIfExists(temp);
        }
        syncDirectory();
    }

    /**
     * A hard link is the atomic rename that refuses to replace an existing file (rename(2) silently replaces), so a
     * concurrent run can never clobber a backup. File systems without links fall back to an atomic move.
     */
    private static void publish(Path temp, Path target) throws IOException {
        try {
            Files.createLink(target, temp);
        } catch (FileAlreadyExistsException e) {
            throw e;
        } catch (UnsupportedOperationException | IOException e) {
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException notAtomic) {
                Files.move(temp, target);
            }
        }
    }

    /** Makes the rename itself durable; not every platform can open a directory, which is then best effort. */
    private void syncDirectory() {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Windows cannot fsync a directory; the file itself is already forced.
        }
    }

    private void createDirectory() throws IOException {
        if (Files.isDirectory(directory)) {
            return;
        }
        if (posix()) {
            Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(DIR_PERMS));
        } else {
            Files.createDirectories(directory);
        }
    }

    private FileAttribute<?>[] filePermissions() {
        return posix() ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE_PERMS)}
                : new FileAttribute<?>[0];
    }

    private boolean posix() {
        return directory.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /** Keeps file names portable: IAM names allow "+=,.@-_", which are fine, anything else becomes '_'. */
    private static String safe(String s) {
        return s == null ? "unknown" : s.replaceAll("[^A-Za-z0-9+=,.@_-]", "_");
    }
}
