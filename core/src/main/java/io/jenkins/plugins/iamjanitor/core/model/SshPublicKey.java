package io.jenkins.plugins.iamjanitor.core.model;

import java.time.Instant;

/** An SSH public key for CodeCommit. AWS records no last use for these. */
public record SshPublicKey(String sshPublicKeyId, CredentialStatus status, Instant uploaded) {
}
