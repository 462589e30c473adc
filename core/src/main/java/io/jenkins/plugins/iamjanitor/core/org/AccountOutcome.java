package io.jenkins.plugins.iamjanitor.core.org;

import java.time.Duration;
import java.util.Objects;

/**
 * What one account's task came to: its result, or the one-line reason it failed (with the remote error code when
 * there was one, e.g. AccessDenied from AssumeRole).
 */
public record AccountOutcome<T>(OrgAccount account, T result, String failure, String errorCode, Duration elapsed) {

    public AccountOutcome {
        Objects.requireNonNull(account, "account");
        if ((result == null) == (failure == null)) {
            throw new IllegalArgumentException("an account outcome has either a result or a failure");
        }
    }

    public boolean failed() {
        return failure != null;
    }
}
