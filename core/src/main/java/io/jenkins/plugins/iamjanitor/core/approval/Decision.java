package io.jenkins.plugins.iamjanitor.core.approval;

/** An approver's answer for one user under review. */
public enum Decision {
    APPROVE,
    KEEP
}
