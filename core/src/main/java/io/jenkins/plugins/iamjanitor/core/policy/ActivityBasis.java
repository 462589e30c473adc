package io.jenkins.plugins.iamjanitor.core.policy;

/** Where the date on a line of evidence comes from. */
public enum ActivityBasis {
    /** AWS recorded a last use. */
    LAST_USED,
    /** Never used: the creation date stands in for the last use. */
    CREATED_NEVER_USED,
    /** AWS keeps no last-used data for this kind of credential. */
    UNKNOWN,
    /** Disabled or inactive: cannot be used, so it does not count as activity. */
    DISABLED
}
