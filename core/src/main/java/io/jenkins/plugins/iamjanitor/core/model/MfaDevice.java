package io.jenkins.plugins.iamjanitor.core.model;

import java.time.Instant;

/** An MFA device bound to the user. Virtual devices are account-level entities that outlive the user. */
public record MfaDevice(String serialNumber, Instant enabled, boolean virtual) {
}
