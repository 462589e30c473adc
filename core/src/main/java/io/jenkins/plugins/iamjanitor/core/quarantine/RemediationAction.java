package io.jenkins.plugins.iamjanitor.core.quarantine;

import java.util.Locale;

/**
 * What a review does to its approved users: delete them (the default), or quarantine them first and delete them
 * after {@link QuarantineSettings#deleteAfterDays()} if nothing happened meanwhile. Policy file key {@code action},
 * CLI {@code --action}, plugin step argument {@code action}.
 */
public enum RemediationAction {
    DELETE,
    QUARANTINE;

    /** {@code delete} or {@code quarantine} (any case); anything else is a one-line error naming the choices. */
    public static RemediationAction parse(String text) {
        if (text != null) {
            for (RemediationAction a : values()) {
                if (a.name().equalsIgnoreCase(text.trim())) {
                    return a;
                }
            }
        }
        throw new IllegalArgumentException("action must be 'delete' or 'quarantine', got '" + text + "'");
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
