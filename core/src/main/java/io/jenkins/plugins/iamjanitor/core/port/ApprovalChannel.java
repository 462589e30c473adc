package io.jenkins.plugins.iamjanitor.core.port;

import io.jenkins.plugins.iamjanitor.core.approval.ApprovalHandle;
import io.jenkins.plugins.iamjanitor.core.approval.ApprovalOutcome;
import io.jenkins.plugins.iamjanitor.core.approval.ApprovalRequest;
import java.time.Duration;

/** A place where a person approves or keeps the users under review (Slack, Jenkins input, a script). */
public interface ApprovalChannel {

    /** Posts the request (split across messages if needed) and returns where it lives. */
    ApprovalHandle post(ApprovalRequest request);

    /**
     * Blocks until every candidate has a decision or the timeout passes. Users without a decision are not approved
     * and the outcome says {@code timedOut}. Asynchronous callers (a paused Pipeline step) use the channel's
     * decision handler instead.
     */
    ApprovalOutcome await(ApprovalHandle handle, Duration timeout);
}
