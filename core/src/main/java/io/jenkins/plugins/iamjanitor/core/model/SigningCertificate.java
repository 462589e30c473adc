package io.jenkins.plugins.iamjanitor.core.model;

import java.time.Instant;

/** An X.509 signing certificate. AWS records no last use for these. */
public record SigningCertificate(String certificateId, CredentialStatus status, Instant uploaded) {
}
