package io.jenkins.plugins.iamjanitor.core.deletion;

/** How one approved user's deletion ended. */
public enum DeletionStatus {
    /** Dry-run: the plan was computed and printed, nothing changed. */
    PLANNED,
    DELETED,
    /** A precondition kept the user: exempt, or used since the evidence the approval was based on. */
    KEPT,
    /** The user no longer exists (e.g. deleted by an earlier, interrupted run that got that far). */
    NOT_FOUND,
    /** Not attempted: the per-run cap was reached. */
    SKIPPED,
    FAILED,
    /** Quarantine (remediation {@code quarantine}): keys deactivated, password removed, deny-all attached; kept. */
    QUARANTINED,
    /** Quarantined, but something happened meanwhile (use, a new credential, changed tags): the approvers decide. */
    WANTED_BACK,
    /** A quarantine undone from its backup: keys that were active are active again; the user stays. */
    RELEASED
}
