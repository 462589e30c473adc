package io.jenkins.plugins.iamjanitor.core.model;

import java.time.Instant;
import java.util.Optional;

/**
 * The console password (IAM login profile).
 *
 * @param enabled  whether a login profile exists
 * @param created  when it was set (creation or last change); null when unknown
 * @param lastUsed last console sign-in; null when never used or unknown
 */
public record ConsolePassword(boolean enabled, Instant created, Instant lastUsed) {
    public Optional<Instant> lastUsedDate() {
        return Optional.ofNullable(lastUsed);
    }
}
