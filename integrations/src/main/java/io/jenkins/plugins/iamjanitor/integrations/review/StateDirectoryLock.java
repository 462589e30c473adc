package io.jenkins.plugins.iamjanitor.integrations.review;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;

/**
 * An exclusive lock on a review state directory, held while one process runs a review in it, so two runs started at
 * once cannot resume the same review or take the same id. The operating system's file lock (on {@code .lock}) goes
 * away with the process, even on SIGKILL, so a crash never leaves a stale lock; the file's content only names the
 * holder for the error message.
 */
public final class StateDirectoryLock implements AutoCloseable {
    static final String FILE = ".lock";

    private final FileChannel channel;
    private final FileLock lock;

    private StateDirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * @throws IllegalStateException naming the holder (pid, when it started) when another process holds the lock
     */
    public static StateDirectoryLock acquire(Path dir, Clock clock) {
        Path file = dir.resolve(FILE);
        FileChannel ch = null;
        try {
            Files.createDirectories(dir);
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                String holder = holder(ch);
                ch.close();
                throw new IllegalStateException("the state directory " + dir + " is in use by another IAM Janitor run ("
                        + (holder.isEmpty() ? "holder unknown" : holder) + "); wait for it to finish, or use another"
                        + " --state-dir");
            }
            ch.truncate(0);
            ProcessHandle self = ProcessHandle.current();
            String me = "pid " + self.pid() + ", started " + self.info().startInstant().map(Object::toString)
                    .orElse(clock.instant().toString()) + "\n";
            ch.write(ByteBuffer.wrap(me.getBytes(StandardCharsets.UTF_8)), 0);
            ch.force(false);
            return new StateDirectoryLock(ch, lock);
        } catch (IOException e) {
            closeQuietly(ch);
            throw new UncheckedIOException("cannot lock the state directory " + dir + ": " + e.getMessage(), e);
        }
    }

    private static String holder(FileChannel ch) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(200);
        ch.read(buf, 0);
        return new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8).strip();
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // already failing with the first error
            }
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // Closing the channel releases the lock whatever happens; nothing to add.
        }
    }
}
