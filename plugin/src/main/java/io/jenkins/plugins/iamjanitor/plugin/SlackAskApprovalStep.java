package io.jenkins.plugins.iamjanitor.plugin;

import hudson.Extension;
import hudson.model.Run;
import io.jenkins.plugins.iamjanitor.core.approval.ApprovalHandle;
import io.jenkins.plugins.iamjanitor.core.approval.ApprovalRequest;
import io.jenkins.plugins.iamjanitor.core.approval.UserDecision;
import io.jenkins.plugins.iamjanitor.core.policy.Verdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code slackAskApproval(users:, channel:, approvers: [...], timeoutMinutes:, message:)}: posts the review to Slack
 * and pauses the build until every user has a decision or the timeout passes. Asynchronous: no executor thread waits,
 * and a controller restart while waiting loses nothing (see {@link ApprovalWait}).
 */
public final class SlackAskApprovalStep extends Step {
    static final int DEFAULT_TIMEOUT_MINUTES = 24 * 60;

    private final Object users;
    private String channel;
    private List<String> approvers;
    private Integer timeoutMinutes;
    private String message;

    @DataBoundConstructor
    public SlackAskApprovalStep(Object users) {
        this.users = users;
    }

    public Object getUsers() {
        return users;
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

    @DataBoundSetter
    public void setApprovers(List<String> approvers) {
        this.approvers = approvers;
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
        return new Execution(this, context, JenkinsJanitorServices.forRun(context.get(Run.class)));
    }

    @Extension
    public static final class DescriptorImpl extends JanitorStepDescriptor {
        @Override
        public String getFunctionName() {
            return "slackAskApproval";
        }

        @Override
        public String getDisplayName() {
            return "Ask for approval in Slack";
        }
    }

    /**
     * Not a SynchronousNonBlockingStepExecution: that one cannot resume after a restart. {@link #start()} posts and
     * returns false; the Slack callback reaches this object through {@code StepExecution.acceptAll} and
     * {@link #onDecision}; the timer or {@link #onResume()} ends it on timeout. Only plain ids and strings are kept.
     */
    public static final class Execution extends JanitorStepExecution {
        private static final long serialVersionUID = 1L;
        private final transient SlackAskApprovalStep step;
        private transient Runnable cancelTimeout;
        private ApprovalWait wait;

        Execution(SlackAskApprovalStep step, StepContext context, JanitorServices services) {
            super(context, services);
            this.step = step;
        }

        @Override
        public boolean start() throws Exception {
            BuildLog log = log();
            JanitorServices services = services();
            return StepFailures.oneLine("slackAskApproval", log, () -> {
                JanitorDefaults defaults = services.defaults();
                List<Map<String, Object>> users = StepArguments.users("users", step.users);
                String channel = step.channel != null ? step.channel : defaults.slackChannel();
                if (channel == null) {
                    throw StepArguments.invalid("channel", "no channel given and no default channel configured");
                }
                List<String> approvers = StepArguments.narrowing("approvers", step.approvers, defaults.approvers());
                if (approvers.isEmpty()) {
                    throw StepArguments.invalid("approvers",
                            "nobody may approve: give approvers or configure an approver allow-list");
                }
                int timeout = StepArguments.positive("timeoutMinutes", step.timeoutMinutes, DEFAULT_TIMEOUT_MINUTES,
                        30 * 24 * 60);
                Instant now = services.clock().instant();
                List<Verdict> candidates = new ArrayList<>();
                users.forEach(u -> candidates.add(PipelineValues.verdict(u, now)));
                String reviewId = "iamj-" + UUID.randomUUID();
                ApprovalRequest request = new ApprovalRequest(reviewId, ReviewTickets.accountId(users), candidates,
                        channel, approvers, step.message, services.buildUrl(), null);
                // Posting opens the review in the decision registry; clicks come back through onDecision.
                ApprovalHandle handle = services.approvalChannel().post(request);
                synchronized (this) {
                    wait = ApprovalWait.begin(request, handle, users, now.plusSeconds(timeout * 60L));
                }
                log.progress("Asked for approval of " + users.size() + " user(s) in Slack " + handle.channel()
                        + " (review " + reviewId + "); waiting until " + wait.deadline() + " for " + approvers);
                armTimeout();
                catchUp();
                return false;
            });
        }

        /** Called for every recorded click of any review; ignores other reviews. */
        public void onDecision(String reviewId, UserDecision decision) {
            Map<String, Object> result;
            synchronized (this) {
                if (wait == null || wait.finished() || !wait.reviewId().equals(reviewId)) {
                    return;
                }
                if (!wait.record(decision)) {
                    return;
                }
                progress(decision.approverName() + " chose " + decision.decision() + " for " + decision.userName());
                if (!wait.allDecided()) {
                    return;
                }
                result = wait.finish(false);
            }
            complete(result);
        }

        /** Records what the registry holds but this execution has not seen (clicks before it could be reached). */
        private void catchUp() {
            String reviewId = reviewId();
            if (reviewId == null) {
                return;
            }
            try {
                services().reviews().decisions(reviewId).forEach(d -> onDecision(reviewId, d));
            } catch (RuntimeException e) {
                progress("Could not read the decisions recorded so far: " + e.getMessage());
            }
        }

        /** Ends the wait when the deadline has passed. Safe to call at any time. */
        public void checkTimeout() {
            if (wait != null && !wait.finished()
                    && !services().clock().instant().isBefore(wait.deadline())) {
                catchUp();
            }
            Map<String, Object> result;
            synchronized (this) {
                if (wait == null || wait.finished() || services().clock().instant().isBefore(wait.deadline())) {
                    return;
                }
                result = wait.finish(true);
            }
            progress("Approval timed out; users without a decision are not approved");
            complete(result);
        }

        @Override
        public void onResume() {
            if (wait == null || wait.finished()) {
                return;
            }
            try {
                services().reviews().resume(wait.request(services().clock().instant()), wait.handle(),
                        wait.decisions());
                progress("Resumed waiting for Slack approval (review " + wait.reviewId() + ", "
                        + wait.decisions().size() + " decision(s) kept)");
            } catch (RuntimeException e) {
                // Nothing is approved by default: without Slack the wait simply ends at its deadline.
                progress("Could not re-attach the Slack review after a restart (" + e.getMessage()
                        + "); clicks on it will not count and the step ends at " + wait.deadline());
            }
            catchUp();
            checkTimeout();
            if (!wait.finished()) {
                armTimeout();
            }
        }

        @Override
        public void stop(Throwable cause) throws Exception {
            String closing = null;
            synchronized (this) {
                if (wait != null && !wait.finished()) {
                    wait.finish(true);
                    closing = wait.reviewId();
                }
            }
            disarm();
            if (closing != null) {
                closeReview(closing);
            }
            getContext().onFailure(cause);
        }

        @Override
        public String getStatus() {
            ApprovalWait w = wait;
            return w == null ? "posting to Slack" : w.status();
        }

        String reviewId() {
            return wait == null ? null : wait.reviewId();
        }

        private void complete(Map<String, Object> result) {
            disarm();
            closeReview((String) result.get("reviewId"));
            progress("Approval finished: approved " + result.get("approved") + ", kept " + result.get("kept"));
            getContext().onSuccess(result);
        }

        /** Marks the Slack messages as closed; Slack being down must not keep the build from going on. */
        private void closeReview(String reviewId) {
            try {
                services().reviews().close(reviewId);
            } catch (RuntimeException e) {
                progress("Could not mark the Slack review as closed: " + e.getMessage());
            }
        }

        private void armTimeout() {
            java.time.Duration left = java.time.Duration.between(services().clock().instant(), wait.deadline());
            cancelTimeout = services().scheduler().schedule(left.isNegative() ? java.time.Duration.ZERO : left,
                    this::checkTimeout);
        }

        private void disarm() {
            Runnable c = cancelTimeout;
            cancelTimeout = null;
            if (c != null) {
                c.run();
            }
        }
    }
}
