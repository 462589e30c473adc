package io.jenkins.plugins.iamjanitor.core.quarantine;

import java.time.Duration;
import java.util.List;

/**
 * How quarantines are run and ended: plain values a policy file ({@code action}, {@code deleteAfterDays}), the CLI
 * or a Pipeline step feeds in.
 *
 * @param action          delete or quarantine the approved users of a review
 * @param deleteAfterDays how long a quarantine lasts at least before a later run deletes the user (default 30)
 * @param trailRegions    CloudTrail regions searched besides us-east-1 for use during the quarantine
 */
public record QuarantineSettings(RemediationAction action, int deleteAfterDays, List<String> trailRegions) {
    public static final int DEFAULT_DELETE_AFTER_DAYS = 30;

    public QuarantineSettings {
        if (action == null) {
            action = RemediationAction.DELETE;
        }
        if (deleteAfterDays < 1) {
            throw new IllegalArgumentException("deleteAfterDays must be at least 1, got " + deleteAfterDays);
        }
        trailRegions = trailRegions == null ? List.of() : List.copyOf(trailRegions);
    }

    public static QuarantineSettings defaults() {
        return new QuarantineSettings(RemediationAction.DELETE, DEFAULT_DELETE_AFTER_DAYS, List.of());
    }

    public Duration deleteAfter() {
        return Duration.ofDays(deleteAfterDays);
    }
}
