package io.jenkins.plugins.iamjanitor.core.policy;

import java.time.Instant;

/**
 * One row of a verdict's per-credential table.
 *
 * @param id        key id, certificate id, serial... or a label such as "access key 1"; null for the password
 * @param date      the date the basis refers to; null when unknown
 * @param counts    whether this row counts as activity for the verdict
 * @param detail    free text for people, e.g. "last used iam in us-east-1"
 */
public record CredentialEvidence(
        CredentialKind kind, String id, ActivityBasis basis, Instant date, boolean counts, String detail) {
}
