package io.jenkins.plugins.iamjanitor.cli;

import io.jenkins.plugins.iamjanitor.core.port.ProgressListener;
import java.io.Console;
import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.util.function.LongSupplier;

/**
 * The command line's progress: every line as it comes, and on a terminal a progress bar with an ETA kept under the
 * lines while a long phase runs (the scan's users, CloudTrail lookups). Piped, redirected or with {@code TERM=dumb}
 * there is no bar and no escape code: the same plain lines as always, so logs stay clean.
 */
final class TerminalProgress implements ProgressListener {
    /** Shorter phases finish before a bar would help. */
    private static final int MIN_ITEMS = 5;
    private static final int BAR_WIDTH = 28;

    private final PrintWriter err;
    private final String indent;
    private final boolean terminal;
    private final LongSupplier nanoTime;
    private String phase;
    private long phaseStart;
    private String bar;

    TerminalProgress(PrintWriter err, String indent, boolean terminal, LongSupplier nanoTime) {
        this.err = err;
        this.indent = indent;
        this.terminal = terminal;
        this.nanoTime = nanoTime;
    }

    /** For this process's stderr. */
    static TerminalProgress forStderr(PrintWriter err, String indent) {
        return new TerminalProgress(err, indent, onTerminal(), System::nanoTime);
    }

    @Override
    public synchronized void progress(String line) {
        clearBar();
        err.println(indent + line);
        if (bar != null) {
            err.print(bar);
        }
        err.flush();
    }

    @Override
    public synchronized void step(String name, int done, int total, String line) {
        if (!terminal || total < MIN_ITEMS) {
            progress(line);
            return;
        }
        if (!name.equals(phase) || done <= 1) {
            phase = name;
            phaseStart = nanoTime.getAsLong();
        }
        clearBar();
        err.println(indent + line);
        if (done >= total) {
            phase = null;
            bar = null;
        } else {
            bar = indent + render(name, done, total, nanoTime.getAsLong() - phaseStart);
            err.print(bar);
        }
        err.flush();
    }

    /** E.g. "Evaluating users [##########..................] 12/40 30% ETA 8s". */
    static String render(String phase, int done, int total, long elapsedNanos) {
        int filled = (int) ((long) BAR_WIDTH * done / total);
        long etaSeconds = done == 0 ? -1 : Math.round(elapsedNanos / 1e9 / done * (total - done));
        return phase + " [" + "#".repeat(filled) + ".".repeat(BAR_WIDTH - filled) + "] " + done + "/" + total + " "
                + (100L * done / total) + "% ETA " + (etaSeconds < 0 ? "?" : eta(etaSeconds));
    }

    private static String eta(long s) {
        return s >= 3600 ? s / 3600 + "h " + (s % 3600) / 60 + "m" : s >= 60 ? s / 60 + "m " + s % 60 + "s" : s + "s";
    }

    private void clearBar() {
        if (bar != null) {
            err.print("\r\u001b[K");
        }
    }

    /**
     * Whether this process talks to a terminal. Java 22+ always has a console and says through isTerminal(); older
     * ones have none when redirected.
     */
    static boolean onTerminal() {
        Console console = System.console();
        if (console == null || "dumb".equals(System.getenv("TERM"))) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }
}
