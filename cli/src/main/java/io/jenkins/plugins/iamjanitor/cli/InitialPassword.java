package io.jenkins.plugins.iamjanitor.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;

/** A one-time console password for a released user: random, handed over in a private file, never printed. */
final class InitialPassword {
    private static final String[] CLASSES = {"ABCDEFGHJKLMNPQRSTUVWXYZ", "abcdefghijkmnopqrstuvwxyz", "23456789",
        "!@#$%^&*()-_=+"};
    private static final int LENGTH = 24;

    private InitialPassword() {
    }

    /** 24 characters with every class AWS password policies may require. */
    static char[] generate() {
        SecureRandom random = new SecureRandom();
        char[] out = new char[LENGTH];
        String all = String.join("", CLASSES);
        for (int i = 0; i < LENGTH; i++) {
            String from = i < CLASSES.length ? CLASSES[i] : all;
            out[i] = from.charAt(random.nextInt(from.length()));
        }
        for (int i = LENGTH - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            char c = out[i];
            out[i] = out[j];
            out[j] = c;
        }
        return out;
    }

    /** Creates the file (it must not exist) readable by its owner only. */
    static void write(Path file, char[] password) throws IOException {
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        FileAttribute<?>[] attrs = posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rw-------"))} : new FileAttribute<?>[0];
        ByteBuffer bytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        try (FileChannel ch = FileChannel.open(file, java.util.Set.of(StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE), attrs)) {
            while (bytes.hasRemaining()) {
                ch.write(bytes);
            }
            ch.force(true);
        } finally {
            Arrays.fill(bytes.array(), (byte) 0);
        }
    }
}
