package io.jenkins.plugins.iamjanitor.core.model;

import java.time.Instant;

/** A service-specific credential (CodeCommit, Keyspaces, ...). AWS records no last use for these. */
public record ServiceSpecificCredential(
        String serviceSpecificCredentialId, String serviceName, CredentialStatus status, Instant created) {
}
