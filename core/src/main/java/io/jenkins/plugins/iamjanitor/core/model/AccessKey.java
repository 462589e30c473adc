package io.jenkins.plugins.iamjanitor.core.model;

import java.time.Instant;
import java.util.Objects;

/**
 * An access key. The credential report names keys by slot (1, 2), not by id, so {@code accessKeyId} may be null
 * until the key is listed; {@code slot} is then 1 or 2, and 0 when the key came from ListAccessKeys.
 */
public record AccessKey(
        String accessKeyId,
        int slot,
        CredentialStatus status,
        Instant created,
        Instant lastUsed,
        String lastUsedService,
        String lastUsedRegion) {

    public AccessKey {
        Objects.requireNonNull(status, "status");
    }

    /** A stable label for reports: the key id when known, else "access key 1/2". */
    public String label() {
        return accessKeyId != null ? accessKeyId : "access key " + slot;
    }
}
