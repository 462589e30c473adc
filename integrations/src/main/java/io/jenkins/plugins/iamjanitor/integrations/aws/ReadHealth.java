package io.jenkins.plugins.iamjanitor.integrations.aws;

import io.jenkins.plugins.iamjanitor.core.port.ServiceException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Remembers, for one scan, the detail reads that failed persistently. The first failure of an operation (after the
 * SDK's bounded retries and the pacer's) marks that credential kind unreadable: later users skip the call instead of
 * retrying it again, and are reported unreadable too (fail-safe: an unreadable user is never flagged). One warning
 * per operation, naming the call and the HTTP status, instead of one per user. Thread-safe.
 */
final class ReadHealth {
    /** Thrown instead of calling an operation already known to fail. */
    static final class Unreadable extends RuntimeException {
        Unreadable(String message) {
            super(message, null, false, false);
        }
    }

    private record Broken(String kind, String message, int[] users) {
    }

    private final Map<String, Broken> broken = new TreeMap<>();

    /** Runs {@code call} unless {@code operation} already failed; a failure marks it broken for the rest of the scan. */
    <T> T read(String operation, String kind, Supplier<T> call) {
        synchronized (this) {
            Broken b = broken.get(operation);
            if (b != null) {
                b.users()[0]++;
                throw new Unreadable(kind + " unreadable (" + b.message() + ")");
            }
        }
        try {
            return call.get();
        } catch (ServiceException e) {
            if ("NoSuchEntity".equals(e.errorCode()) || RequestPacer.THROTTLING.contains(e.errorCode())) {
                throw e; // about this user, or about the rate: not about the call
            }
            synchronized (this) {
                Broken b = broken.computeIfAbsent(operation, o -> new Broken(kind, e.getMessage(), new int[1]));
                b.users()[0]++;
                throw new Unreadable(kind + " unreadable (" + b.message() + ")");
            }
        }
    }

    /** One line per broken operation, in a stable order, e.g. for the end of the detail phase. */
    synchronized List<String> warnings() {
        List<String> out = new ArrayList<>();
        broken.forEach((op, b) -> out.add("WARNING: " + op + " keeps failing (" + b.message() + "); " + b.kind()
                + " marked unreadable for " + b.users()[0] + " user(s), who are therefore not flagged;"
                + " the call was not retried for the others"));
        return out;
    }
}
