package io.jenkins.plugins.iamjanitor.plugin;

import io.jenkins.plugins.iamjanitor.core.approval.UserDecision;
import java.util.List;
import java.util.function.Function;

/**
 * Whether a recorded decision came from an approver the administrator configured. Checked again right before a
 * deletion, so a decision that reached the record any other way authorises nothing.
 *
 * @param approvers        the configured Slack approvers: member ids ({@code U…}) and user-group ids ({@code S…}; the
 *                         channel checked membership when it recorded the click)
 * @param jenkinsApprovers the configured Jenkins approvers: user ids or group names (decisions on the review page)
 * @param jenkinsGroupsOf  the groups Jenkins' security realm reports for a Jenkins user id (empty when unknown)
 */
record ApproverAuthority(List<String> approvers, List<String> jenkinsApprovers,
        Function<String, List<String>> jenkinsGroupsOf) {
    ApproverAuthority {
        approvers = List.copyOf(approvers);
        jenkinsApprovers = List.copyOf(jenkinsApprovers);
    }

    ApproverAuthority(List<String> approvers) {
        this(approvers, List.of(), id -> List.of());
    }

    /** The same authority with the Slack approvers recorded with the review (issue 15). */
    ApproverAuthority withApprovers(List<String> recorded) {
        return new ApproverAuthority(recorded, jenkinsApprovers, jenkinsGroupsOf);
    }

    /** Why the decision does not count; null when it does. */
    String refusal(UserDecision d) {
        if (approvers.isEmpty() && jenkinsApprovers.isEmpty()) {
            return "no approvers are configured, so nobody can approve (Manage Jenkins → System → IAM Janitor →"
                    + " Approvers)";
        }
        if (d.approverId().equals(d.userName())) {
            return "approved by the user themself";
        }
        if (d.channel().equals(JenkinsApprover.CHANNEL)) {
            // Re-checked here against the configuration of now, with the user's groups as the realm reports them.
            JenkinsApprover who = new JenkinsApprover(d.approverId(), d.approverName(), null,
                    jenkinsGroupsOf.apply(d.approverId()));
            return who.allowedBy(jenkinsApprovers) ? null : "approved by Jenkins user " + d.approverId()
                    + ", who is not a configured Jenkins approver";
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
