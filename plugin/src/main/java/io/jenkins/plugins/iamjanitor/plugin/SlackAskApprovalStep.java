package io.jenkins.plugins.iamjanitor.plugin;

import hudson.Extension;
import hudson.model.Run;
import java.util.List;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code slackAskApproval(review: r, channels:, channel:, approvers:, jenkinsApprovers:, timeoutMinutes:, message:)}:
 * asks the configured approvers about the users the build's review flagged (never a list the script supplies), in
 * Slack and/or on the build's "IAM review" page, and pauses the build until every user has a decision or the timeout
 * passes. Asynchronous and restart-proof (see {@link ApprovalStepExecution}). Returns {@code reviewId},
 * {@code approved}, {@code kept}, {@code undecided} (user names) and {@code timedOut}.
 */
public final class SlackAskApprovalStep extends Step {
    static final int DEFAULT_TIMEOUT_MINUTES = 24 * 60;

    private final Object review;
    private List<String> channels;
    private String channel;
    private List<String> approvers;
    private List<String> jenkinsApprovers;
    private Integer timeoutMinutes;
    private String message;

    /** @param review the map {@code iamListInactive} returned or its {@code reviewId}; only the id is read */
    @DataBoundConstructor
    public SlackAskApprovalStep(Object review) {
        this.review = review;
    }

    public Object getReview() {
        return review;
    }

    public List<String> getChannels() {
        return channels;
    }

    /** {@code ['slack', 'jenkins']}, or one of them; default: the Jenkins page, plus Slack when configured. */
    @DataBoundSetter
    public void setChannels(List<String> channels) {
        this.channels = channels;
    }

    public String getChannel() {
        return channel;
    }

    @DataBoundSetter
    public void setChannel(String channel) {
        this.channel = StepArguments.blankToNull(channel);
    }

    public List<String> getApprovers() {
        return approvers;
    }

    /** Narrows the configured Slack approvers; an approver not configured is refused. */
    @DataBoundSetter
    public void setApprovers(List<String> approvers) {
        this.approvers = approvers;
    }

    public List<String> getJenkinsApprovers() {
        return jenkinsApprovers;
    }

    /** Narrows the configured Jenkins approvers; an approver not configured is refused. */
    @DataBoundSetter
    public void setJenkinsApprovers(List<String> jenkinsApprovers) {
        this.jenkinsApprovers = jenkinsApprovers;
    }

    public Integer getTimeoutMinutes() {
        return timeoutMinutes;
    }

    @DataBoundSetter
    public void setTimeoutMinutes(Integer timeoutMinutes) {
        this.timeoutMinutes = timeoutMinutes;
    }

    public String getMessage() {
        return message;
    }

    @DataBoundSetter
    public void setMessage(String message) {
        this.message = StepArguments.blankToNull(message);
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return new ApprovalStepExecution(this, context, JenkinsJanitorServices.forRun(context.get(Run.class)));
    }

    @Extension
    public static final class DescriptorImpl extends JanitorStepDescriptor {
        @Override
        public String getFunctionName() {
            return "slackAskApproval";
        }

        @Override
        public String getDisplayName() {
            return "Ask for approval of the review (Slack and/or the build's IAM review page)";
        }
    }
}
