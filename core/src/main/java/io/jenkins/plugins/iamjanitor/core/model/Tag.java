package io.jenkins.plugins.iamjanitor.core.model;

import java.util.Objects;

/** An IAM tag. The value may be empty, never null. */
public record Tag(String key, String value) {
    public Tag {
        Objects.requireNonNull(key, "key");
        value = value == null ? "" : value;
    }
}
