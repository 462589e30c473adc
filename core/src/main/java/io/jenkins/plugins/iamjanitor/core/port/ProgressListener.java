package io.jenkins.plugins.iamjanitor.core.port;

/** Receives one human-readable progress line at a time (build log, CLI stderr). Never given secrets. */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = line -> { };

    void progress(String line);

    /**
     * One item of a long phase done ({@code done} of {@code total}), with its line. A terminal can draw a progress
     * bar with an ETA from it; everyone else gets the line, as from {@link #progress}.
     *
     * @param phase what the items are, for people, e.g. "Evaluating users"
     */
    default void step(String phase, int done, int total, String line) {
        progress(line);
    }
}
