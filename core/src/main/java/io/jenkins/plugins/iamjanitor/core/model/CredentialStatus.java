package io.jenkins.plugins.iamjanitor.core.model;

/** IAM's Active/Inactive switch on keys, certificates and service-specific credentials. */
public enum CredentialStatus {
    ACTIVE,
    INACTIVE
}
