package io.jenkins.plugins.iamjanitor.integrations.slack;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The replay cache of {@link SlackRequestVerifier}: signatures of valid requests, each remembered until its timestamp
 * leaves the five-minute window (after that the STALE check refuses a replay anyway). In memory it protects one
 * process; {@link FileSeenSignatures} keeps it across restarts, which the plugin (a Jenkins restart) and the CLI can
 * use by passing one to the verifier.
 */
public interface SeenSignatures {

    /**
     * Remembers the signature until {@code until}; false if it was already remembered (a replay). Entries past
     * {@code now} may be forgotten.
     */
    boolean firstSeen(String signature, Instant until, Instant now);

    /** The per-process cache. */
    static SeenSignatures inMemory() {
        Map<String, Instant> seen = new ConcurrentHashMap<>();
        return (signature, until, now) -> {
            seen.values().removeIf(t -> t.isBefore(now));
            return seen.putIfAbsent(signature, until) == null;
        };
    }
}
