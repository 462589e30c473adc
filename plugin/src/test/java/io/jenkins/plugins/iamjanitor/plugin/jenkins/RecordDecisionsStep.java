package io.jenkins.plugins.iamjanitor.plugin.jenkins;

import hudson.Extension;
import hudson.model.Run;
import io.jenkins.plugins.iamjanitor.core.approval.ApprovalOutcome;
import io.jenkins.plugins.iamjanitor.core.approval.Decision;
import io.jenkins.plugins.iamjanitor.core.approval.UserDecision;
import io.jenkins.plugins.iamjanitor.plugin.review.BuildReview;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousStepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * Test stand-in for the approval channel until the new {@code slackAskApproval(review:)} lands: records, as the test
 * decided beforehand (on the descriptor), each candidate's decision into the build's review with
 * {@link BuildReview#update}, exactly where the approval step records clicks, and returns the contract map. Tests put
 * it in place of {@code slackAskApproval} in a script.
 */
public final class RecordDecisionsStep extends Step {
    private Object review;

    @DataBoundConstructor
    public RecordDecisionsStep() {
    }

    public Object getReview() {
        return review;
    }

    @DataBoundSetter
    public void setReview(Object review) {
        this.review = review;
    }

    // The sample's slackAskApproval arguments, accepted and ignored.
    @DataBoundSetter
    public void setChannel(String channel) {
    }

    @DataBoundSetter
    public void setTimeoutMinutes(int minutes) {
    }

    @DataBoundSetter
    public void setMessage(String message) {
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(context, review);
    }

    /** Records decisions for the users named; everyone else among the candidates is kept. */
    static Map<String, Object> record(Run<?, ?> run, Object reviewArgument, Set<String> approve, String approverId) {
        BuildReview review = BuildReview.resolve(run, reviewArgument);
        Instant now = Instant.now();
        List<UserDecision> decisions = new ArrayList<>();
        review.record().candidates().forEach(v -> {
            String user = v.user().userName();
            decisions.add(new UserDecision(user, approve.contains(user) ? Decision.APPROVE : Decision.KEEP,
                    approverId, approverId, now, "slack:#iam-review"));
        });
        var record = review.update(r -> r.withApproval(new ApprovalOutcome(r.reviewId(), decisions, false), now));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("reviewId", record.reviewId());
        out.put("approved", new ArrayList<>(record.approval().approved().stream().map(UserDecision::userName)
                .toList()));
        out.put("kept", new ArrayList<>(record.approval().kept().stream().map(UserDecision::userName).toList()));
        out.put("undecided", new ArrayList<>());
        out.put("timedOut", false);
        return out;
    }

    private static final class Execution extends SynchronousStepExecution<Map<String, Object>> {
        private static final long serialVersionUID = 1L;
        private final transient Object review;

        Execution(StepContext context, Object review) {
            super(context);
            this.review = review;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            DescriptorImpl d = (DescriptorImpl) jenkins.model.Jenkins.get().getDescriptorOrDie(RecordDecisionsStep.class);
            return record(getContext().get(Run.class), review, d.approve, d.approverId);
        }
    }

    @Extension
    public static final class DescriptorImpl extends StepDescriptor {
        /** What the test's approver decides: these users approved, every other candidate kept. */
        volatile Set<String> approve = Set.of();
        volatile String approverId = SandboxJenkins.APPROVER;

        void decide(String approver, Set<String> users) {
            this.approverId = approver;
            this.approve = Set.copyOf(users);
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class);
        }

        @Override
        public String getFunctionName() {
            return "testRecordDecisions";
        }
    }
}
