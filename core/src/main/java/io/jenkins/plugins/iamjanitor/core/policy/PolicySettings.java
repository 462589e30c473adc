package io.jenkins.plugins.iamjanitor.core.policy;

import java.time.Duration;
import java.util.Objects;

/**
 * @param threshold              inactivity needed to flag a user (default 21 days)
 * @param unknownActivityBlocks  whether a credential with no last-used data (SSH key, certificate, service-specific
 *                               credential) keeps the user from being flagged (default true)
 * @param gracePeriod            how long a new user is left alone after its creation (default: the threshold)
 */
public record PolicySettings(Duration threshold, boolean unknownActivityBlocks, Exemptions exemptions,
        Duration gracePeriod) {
    public static final int DEFAULT_DAYS = 21;

    public PolicySettings {
        Objects.requireNonNull(threshold, "threshold");
        if (threshold.isNegative() || threshold.isZero()) {
            throw new IllegalArgumentException("threshold must be positive, got " + threshold);
        }
        exemptions = exemptions == null ? Exemptions.defaults() : exemptions;
        gracePeriod = gracePeriod == null ? threshold : gracePeriod;
        if (gracePeriod.isNegative()) {
            throw new IllegalArgumentException("grace period must not be negative, got " + gracePeriod);
        }
    }

    /** The grace period equals the threshold. */
    public PolicySettings(Duration threshold, boolean unknownActivityBlocks, Exemptions exemptions) {
        this(threshold, unknownActivityBlocks, exemptions, null);
    }

    public static PolicySettings defaults() {
        return new PolicySettings(Duration.ofDays(DEFAULT_DAYS), true, Exemptions.defaults());
    }
}
