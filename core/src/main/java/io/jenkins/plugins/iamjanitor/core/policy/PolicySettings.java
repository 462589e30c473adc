package io.jenkins.plugins.iamjanitor.core.policy;

import java.time.Duration;
import java.util.Objects;

/**
 * @param threshold              inactivity needed to flag a user (default 21 days)
 * @param unknownActivityBlocks  whether a credential with no last-used data (SSH key, certificate, service-specific
 *                               credential) keeps the user from being flagged (default true)
 */
public record PolicySettings(Duration threshold, boolean unknownActivityBlocks, Exemptions exemptions) {
    public static final int DEFAULT_DAYS = 21;

    public PolicySettings {
        Objects.requireNonNull(threshold, "threshold");
        if (threshold.isNegative() || threshold.isZero()) {
            throw new IllegalArgumentException("threshold must be positive, got " + threshold);
        }
        exemptions = exemptions == null ? Exemptions.defaults() : exemptions;
    }

    public static PolicySettings defaults() {
        return new PolicySettings(Duration.ofDays(DEFAULT_DAYS), true, Exemptions.defaults());
    }
}
