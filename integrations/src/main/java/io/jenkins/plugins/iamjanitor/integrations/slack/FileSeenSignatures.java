package io.jenkins.plugins.iamjanitor.integrations.slack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The replay cache in a file (one {@code epochSecond signature} line per entry, e.g. under the state directory), so a
 * restarted process still refuses a captured click replayed within the window. The file holds HMACs only, never the
 * signing secret or a body. Each check takes an exclusive lock on the file, drops expired entries and rewrites it:
 * the file stays as small as the traffic of five minutes, and two processes sharing it cannot both accept one
 * signature.
 */
public final class FileSeenSignatures implements SeenSignatures {
    private final Path file;

    public FileSeenSignatures(Path file) {
        this.file = file;
    }

    @Override
    public synchronized boolean firstSeen(String signature, Instant until, Instant now) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
                 FileLock lock = ch.lock()) {
                Map<String, Long> seen = read(ch, now);
                boolean first = !seen.containsKey(signature);
                if (first) {
                    seen.put(signature, until.getEpochSecond());
                }
                write(ch, seen);
                return first;
            }
        } catch (IOException e) {
            // Failing closed: a cache that cannot be read cannot tell a replay from a first request.
            throw new UncheckedIOException("cannot use the Slack replay cache " + file + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, Long> read(FileChannel ch, Instant now) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate((int) ch.size());
        while (buf.hasRemaining() && ch.read(buf, buf.position()) > 0) {
            // read it all
        }
        Map<String, Long> out = new LinkedHashMap<>();
        for (String line : new String(buf.array(), StandardCharsets.US_ASCII).split("\n")) {
            int space = line.indexOf(' ');
            if (space > 0) {
                try {
                    long until = Long.parseLong(line.substring(0, space));
                    if (until >= now.getEpochSecond()) {
                        out.put(line.substring(space + 1).trim(), until);
                    }
                } catch (NumberFormatException e) {
                    // a torn line from a crash mid-write; its request is stale by now or was refused
                }
            }
        }
        return out;
    }

    private static void write(FileChannel ch, Map<String, Long> seen) throws IOException {
        StringBuilder b = new StringBuilder();
        seen.forEach((sig, until) -> b.append(until).append(' ').append(sig).append('\n'));
        ByteBuffer out = ByteBuffer.wrap(b.toString().getBytes(StandardCharsets.US_ASCII));
        ch.truncate(0);
        while (out.hasRemaining()) {
            ch.write(out, out.position());
        }
        ch.force(false);
    }
}
