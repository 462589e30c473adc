package io.jenkins.plugins.iamjanitor.plugin;

import hudson.Extension;
import hudson.model.Run;
import io.jenkins.plugins.iamjanitor.core.review.ReviewRecord;
import io.jenkins.plugins.iamjanitor.core.ticket.ReviewTicket;
import io.jenkins.plugins.iamjanitor.core.ticket.TicketRef;
import java.util.List;
import java.util.Map;
import io.jenkins.plugins.iamjanitor.plugin.review.BuildReview;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code jiraCreateReviewTicket(review: r, projectKey:, issueType:, labels:)}: opens the ticket of the build's review,
 * composed from the controller's record (candidates, evidence, decisions so far), or finds the open one of the same
 * review (a re-run never creates a duplicate). The ticket is recorded in the review; a second call returns it.
 */
public final class JiraCreateReviewTicketStep extends Step {
    private Object review;
    private String projectKey;
    private String issueType;
    private List<String> labels;

    @DataBoundConstructor
    public JiraCreateReviewTicketStep() {
    }

    public Object getReview() {
        return review;
    }

    /** The map iamListInactive returned, or its reviewId; only the id is read. Default: the build's review. */
    @DataBoundSetter
    public void setReview(Object review) {
        this.review = review;
    }

    public String getProjectKey() {
        return projectKey;
    }

    @DataBoundSetter
    public void setProjectKey(String projectKey) {
        this.projectKey = StepArguments.blankToNull(projectKey);
    }

    public String getIssueType() {
        return issueType;
    }

    @DataBoundSetter
    public void setIssueType(String issueType) {
        this.issueType = StepArguments.blankToNull(issueType);
    }

    public List<String> getLabels() {
        return labels;
    }

    @DataBoundSetter
    public void setLabels(List<String> labels) {
        this.labels = labels;
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        Run<?, ?> run = context.get(Run.class);
        return new Execution(this, context, JenkinsJanitorServices.forRun(run), run);
    }

    @Extension
    public static final class DescriptorImpl extends JanitorStepDescriptor {
        @Override
        public String getFunctionName() {
            return "jiraCreateReviewTicket";
        }

        @Override
        public String getDisplayName() {
            return "Open the Jira ticket of an IAM access review";
        }
    }

    static final class Execution extends JanitorSyncExecution<JiraCreateReviewTicketStep, Map<String, Object>> {
        private static final long serialVersionUID = 1L;
        private final transient Run<?, ?> run;

        Execution(JiraCreateReviewTicketStep step, StepContext context, JanitorServices services, Run<?, ?> run) {
            super("jiraCreateReviewTicket", step, context, services);
            this.run = run;
        }

        @Override
        Map<String, Object> work(BuildLog log) {
            return open(log);
        }

        private Map<String, Object> open(BuildLog log) {
            BuildReview review = BuildReview.resolve(run, step.review);
            ReviewRecord record = review.record();
            if (record.ticket() != null) {
                log.progress("Review " + record.reviewId() + " already has ticket " + record.ticket().key());
                return result(record.reviewId(), record.ticket());
            }
            if (record.candidates().isEmpty()) {
                throw new IllegalArgumentException("review " + record.reviewId() + " flagged nobody: no ticket to"
                        + " open");
            }
            // Project and issue type as recorded with the review's policy (issue 15), unless the step chooses.
            ScopedSettings scoped = new ScopedSettings(review.scope(), services.defaults());
            String project = scoped.jiraProject(step.projectKey);
            if (project == null) {
                throw StepArguments.invalid("projectKey", "no project key given and none configured");
            }
            String type = scoped.jiraIssueType(step.issueType);
            List<String> labels = StepArguments.strings("labels", step.labels);
            ReviewTicket ticket = ReviewTickets.compose(record, labels, services.buildUrl(), review.accountAlias());
            log.progress("Opening the ticket of review " + record.reviewId() + " in Jira project " + project
                    + " for " + ticket.userNames());
            TicketRef ref = services.ticketTracker(project, type).openOrFind(ticket);
            review.update(r -> r.withTicket(ref, services.clock().instant()));
            log.progress((ref.created() ? "Created " : "Reusing open ticket ") + ref.key() + " " + ref.url());
            return result(record.reviewId(), ref);
        }

        private static Map<String, Object> result(String reviewId, TicketRef ref) {
            Map<String, Object> m = PipelineValues.ticket(ref);
            m.put("reviewId", reviewId);
            return m;
        }
    }
}
