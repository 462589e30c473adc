package io.jenkins.plugins.iamjanitor.core.policy;

import io.jenkins.plugins.iamjanitor.core.model.IamUser;
import java.time.Clock;

/**
 * Decides whether a user is inactive: exemptions first, then the grace period, then every credential's last use
 * (or creation date when never used) against the threshold. The clock is injected and read as UTC.
 */
public final class InactivityPolicy {
    private final PolicySettings settings;
    private final Clock clock;

    public InactivityPolicy(PolicySettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    public PolicySettings settings() {
        return settings;
    }

    public Verdict evaluate(IamUser user) {
        throw new UnsupportedOperationException("not implemented yet (issue 2)");
    }
}
