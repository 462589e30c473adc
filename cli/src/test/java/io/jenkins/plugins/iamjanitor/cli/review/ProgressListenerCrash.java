package io.jenkins.plugins.iamjanitor.cli.review;

import io.jenkins.plugins.iamjanitor.core.port.ProgressListener;

/**
 * Stops the run dead right after the first IAM call whose progress line starts with a prefix, as a killed process
 * would: an Error, which no "one user's failure must not stop the others" handler catches, so nothing more is saved.
 */
final class ProgressListenerCrash implements ProgressListener {
    static final class Crash extends Error {
        Crash(String line) {
            super("simulated crash after: " + line);
        }
    }

    private final String marker;
    private boolean crashed;

    ProgressListenerCrash(String marker) {
        this.marker = marker;
    }

    @Override
    public void progress(String line) {
        if (!crashed && line.contains(marker) && line.endsWith(" - done")) {
            crashed = true;
            throw new Crash(line);
        }
    }
}
