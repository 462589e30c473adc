package io.jenkins.plugins.iamjanitor.core.policy;

/** What a line of evidence is about. {@code USER} is the user's own creation date (the grace period). */
public enum CredentialKind {
    CONSOLE_PASSWORD,
    ACCESS_KEY,
    SSH_PUBLIC_KEY,
    SIGNING_CERTIFICATE,
    SERVICE_SPECIFIC_CREDENTIAL,
    MFA_DEVICE,
    USER
}
