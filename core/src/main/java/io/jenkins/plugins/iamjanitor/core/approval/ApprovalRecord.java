package io.jenkins.plugins.iamjanitor.core.approval;

import java.time.Instant;
import java.util.Objects;

/**
 * The recorded approval that authorises deleting one user. Nothing is deleted without one.
 *
 * @param ticketKey             the review ticket, when there is one; may be null
 * @param evidenceLastActivity  the user's last activity as shown to the approver (null: no activity ever). The
 *                              live re-check before deletion aborts if anything was used after this instant.
 */
public record ApprovalRecord(
        String userName,
        String approverId,
        String approverName,
        Instant approvedAt,
        String channel,
        String ticketKey,
        Instant evidenceLastActivity) {
    public ApprovalRecord {
        Objects.requireNonNull(userName, "userName");
        if (approverId == null || approverId.isBlank()) {
            throw new IllegalArgumentException("an approval needs the approver's identity");
        }
        Objects.requireNonNull(approvedAt, "approvedAt");
        if (channel == null || channel.isBlank()) {
            throw new IllegalArgumentException("an approval needs the channel it came through");
        }
    }
}
