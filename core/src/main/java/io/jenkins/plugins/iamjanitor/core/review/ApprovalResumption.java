package io.jenkins.plugins.iamjanitor.core.review;

import io.jenkins.plugins.iamjanitor.core.approval.ApprovalHandle;
import io.jenkins.plugins.iamjanitor.core.approval.ApprovalRequest;

/**
 * Implemented by an {@link io.jenkins.plugins.iamjanitor.core.port.ApprovalChannel} that keeps posted requests in
 * memory (Slack): a review resumed in a new process calls this before waiting again on a request posted by the
 * earlier process, instead of posting it a second time.
 */
@FunctionalInterface
public interface ApprovalResumption {

    void resume(ApprovalRequest request, ApprovalHandle handle);
}
