package io.jenkins.plugins.iamjanitor.integrations.preflight;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * A directory the run will write (reports, review state, backups) exists or can be created, is writable, and is not
 * readable by other users: reports and backups name every user, key id and policy of the account.
 */
final class DirectoryCheck {
    private DirectoryCheck() {
    }

    /** @return what was found, e.g. "reports directory /x (created, owner-only)" */
    static String check(String label, Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        boolean created = false;
        if (!Files.exists(abs)) {
            try {
                Files.createDirectories(abs);
                if (posix) {
                    Files.setPosixFilePermissions(abs, PosixFilePermissions.fromString("rwx------"));
                }
                created = true;
            } catch (IOException | UnsupportedOperationException e) {
                throw new PreflightException(label + " directory " + abs + " cannot be created (" + e.getClass()
                        .getSimpleName() + "): create it, or choose another with the policy's directories section");
            }
        }
        if (!Files.isDirectory(abs)) {
            throw new PreflightException(label + " directory " + abs + " is not a directory: choose another path");
        }
        try {
            Path probe = Files.createTempFile(abs, ".iam-janitor-preflight", ".tmp");
            Files.delete(probe);
        } catch (IOException e) {
            throw new PreflightException(label + " directory " + abs + " is not writable: fix its permissions "
                    + "(chmod u+rwx " + abs + ") or choose another");
        }
        if (posix) {
            try {
                Set<PosixFilePermission> perms = Files.getPosixFilePermissions(abs);
                if (perms.contains(PosixFilePermission.OTHERS_READ)
                        || perms.contains(PosixFilePermission.OTHERS_EXECUTE)) {
                    throw new PreflightException(label + " directory " + abs + " is readable by every user on this "
                            + "machine (" + PosixFilePermissions.toString(perms) + "): run chmod o-rwx " + abs);
                }
            } catch (IOException e) {
                throw new PreflightException(label + " directory " + abs + " permissions cannot be read: "
                        + e.getClass().getSimpleName());
            }
        }
        return label + " directory " + abs + (created ? " (created, owner-only)" : "");
    }
}
