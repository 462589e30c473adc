package io.jenkins.plugins.iamjanitor.core.port;

/** Receives one human-readable progress line at a time (build log, CLI stderr). Never given secrets. */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = line -> { };

    void progress(String line);
}
