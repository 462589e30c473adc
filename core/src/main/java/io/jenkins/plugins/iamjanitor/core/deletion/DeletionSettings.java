package io.jenkins.plugins.iamjanitor.core.deletion;

/**
 * @param dryRun        true (the default everywhere): plan and print, change nothing
 * @param maxDeletions  the per-run cap (default 10); the run stops with a clear message once reached
 */
public record DeletionSettings(boolean dryRun, int maxDeletions) {
    public static final int DEFAULT_MAX_DELETIONS = 10;

    public DeletionSettings {
        if (maxDeletions < 1) {
            throw new IllegalArgumentException("maxDeletions must be at least 1, got " + maxDeletions);
        }
    }

    public static DeletionSettings defaults() {
        return new DeletionSettings(true, DEFAULT_MAX_DELETIONS);
    }
}
