package io.jenkins.plugins.iamjanitor.core.review;

import java.time.Instant;
import java.util.Objects;

/**
 * The answer of the optional second gate (a Jenkins {@code input}, a CLI confirmation) given after the evidence is
 * on the ticket and before anything is deleted.
 *
 * @param by   who answered (Jenkins user id, "cli", ...)
 * @param note free text, e.g. the reason for stopping; may be null
 */
public record GateDecision(boolean proceed, String by, Instant at, String note) {
    public GateDecision {
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(at, "at");
    }
}
