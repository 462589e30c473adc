package io.jenkins.plugins.iamjanitor.core.policy;

/** The policy's answer for one user. Only {@link #INACTIVE} makes a user a candidate for review. */
public enum Outcome {
    INACTIVE,
    ACTIVE,
    EXEMPT,
    GRACE_PERIOD,
    UNKNOWN_ACTIVITY
}
