package io.jenkins.plugins.iamjanitor.core.approval;

import java.util.Objects;

/**
 * The person who clicked, as the channel knows them.
 *
 * @param id    the channel identity (Slack user id)
 * @param name  display name or handle; falls back to the id
 * @param email the profile email when the channel exposes it; may be null
 * @param handle the channel user name (Slack {@code name}, a Jenkins user id); may be null
 */
public record Approver(String id, String name, String email, String handle) {
    public Approver {
        Objects.requireNonNull(id, "id");
        name = name == null || name.isBlank() ? id : name;
        email = email == null || email.isBlank() ? null : email;
        handle = handle == null || handle.isBlank() ? null : handle;
    }

    public Approver(String id, String name, String email) {
        this(id, name, email, null);
    }
}
