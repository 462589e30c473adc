package io.jenkins.plugins.iamjanitor.plugin;

import io.jenkins.plugins.iamjanitor.core.approval.UserDecision;
import java.util.List;

/**
 * Whether a recorded decision came from an approver the administrator configured. Checked again right before a
 * deletion, so a decision that reached the record any other way authorises nothing.
 *
 * @param approvers the configured approvers: Slack member ids ({@code U…}), Slack user-group ids ({@code S…}; the
 *                  channel checked membership when it recorded the click) and Jenkins user ids
 */
record ApproverAuthority(List<String> approvers) {
    ApproverAuthority {
        approvers = List.copyOf(approvers);
    }

    /** Why the decision does not count; null when it does. */
    String refusal(UserDecision d) {
        if (approvers.isEmpty()) {
            return "no approvers are configured, so nobody can approve (Manage Jenkins → System → IAM Janitor →"
                    + " Approvers)";
        }
        if (d.approverId().equals(d.userName())) {
            return "approved by the user themself";
        }
        if (approvers.contains(d.approverId())) {
            return null;
        }
        boolean slackGroup = d.channel().startsWith("slack:")
                && approvers.stream().anyMatch(a -> a.startsWith("S"));
        return slackGroup ? null : "approved by " + d.approverId() + " (" + d.channel() + "), who is not a configured"
                + " approver";
    }
}
