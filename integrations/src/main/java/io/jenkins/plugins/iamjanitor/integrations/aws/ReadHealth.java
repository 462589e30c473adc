package io.jenkins.plugins.iamjanitor.integrations.aws;

import io.jenkins.plugins.iamjanitor.core.port.ServiceException;
import java.util.ArrayList;
import java.util.HashMap;
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
    /** Operations known to work (true) or being tried for the first time (false): the others wait for that try. */
    private final Map<String, Boolean> probed = new HashMap<>();

    /**
     * Runs {@code call} unless {@code operation} already failed; a failure marks it broken for the rest of the scan.
     * The first call of each operation runs alone, so a call that never works is tried (and retried) only once
     * however many threads read.
     */
    <T> T read(String operation, String kind, Supplier<T> call) {
        boolean probe = enter(operation, kind);
        boolean works = false;
        try {
            T result = call.get();
            works = true;
            return result;
        } catch (ServiceException e) {
            if ("NoSuchEntity".equals(e.errorCode())) {
                works = true; // about this user: the call itself works
                throw e;
            }
            if (RequestPacer.THROTTLING.contains(e.errorCode())) {
                throw e; // about the rate, not the call: let the next reader try
            }
            synchronized (this) {
                Broken b = broken.computeIfAbsent(operation, o -> new Broken(kind, e.getMessage(), new int[1]));
                b.users()[0]++;
                throw new Unreadable(kind + " unreadable (" + b.message() + ")");
            }
        } finally {
            if (probe) {
                synchronized (this) {
                    if (works) {
                        probed.put(operation, true);
                    } else {
                        probed.remove(operation);
                    }
                    notifyAll();
                }
            }
        }
    }

    /** Waits while another thread makes the first call of {@code operation}; true when this thread makes it. */
    private synchronized boolean enter(String operation, String kind) {
        while (true) {
            Broken b = broken.get(operation);
            if (b != null) {
                b.users()[0]++;
                throw new Unreadable(kind + " unreadable (" + b.message() + ")");
            }
            Boolean state = probed.get(operation);
            if (state == null) {
                probed.put(operation, false);
                return true;
            }
            if (state) {
                return false;
            }
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Unreadable(kind + " not read: interrupted");
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
