package io.jenkins.plugins.iamjanitor.integrations.slack;

import java.util.Objects;

/** A bot token, app-level token or signing secret. Its toString never shows the value. */
public final class SlackSecret {
    private final String value;

    private SlackSecret(String value) {
        this.value = value;
    }

    public static SlackSecret of(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("a Slack secret must not be empty");
        }
        return new SlackSecret(value.trim());
    }

    /** The value, for the one place that must send or use it. */
    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "****";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SlackSecret s && Objects.equals(value, s.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }
}
