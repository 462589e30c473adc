package io.jenkins.plugins.iamjanitor.plugin;

import hudson.Extension;
import hudson.model.Run;
import io.jenkins.plugins.iamjanitor.core.ticket.ReviewTicket;
import io.jenkins.plugins.iamjanitor.core.ticket.TicketRef;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code jiraCreateReviewTicket(users:, approval:, projectKey:, issueType:, labels:)}: opens the review's ticket, or
 * finds the open one of the same review (a re-run never creates a duplicate).
 */
public final class JiraCreateReviewTicketStep extends Step {
    private final Object users;
    private Object approval;
    private String projectKey;
    private String issueType;
    private List<String> labels;

    @DataBoundConstructor
    public JiraCreateReviewTicketStep(Object users) {
        this.users = users;
    }

    public Object getUsers() {
        return users;
    }

    public Object getApproval() {
        return approval;
    }

    @DataBoundSetter
    public void setApproval(Object approval) {
        this.approval = approval;
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
        return new Execution(this, context, JenkinsJanitorServices.forRun(context.get(Run.class)));
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

        Execution(JiraCreateReviewTicketStep step, StepContext context, JanitorServices services) {
            super("jiraCreateReviewTicket", step, context, services);
        }

        @Override
        Map<String, Object> work(BuildLog log) {
            return open(log);
        }

        private Map<String, Object> open(BuildLog log) {
            JanitorDefaults defaults = services.defaults();
            List<Map<String, Object>> users = StepArguments.users("users", step.users);
            Map<String, Object> approval = StepArguments.map("approval", step.approval, false);
            String project = step.projectKey != null ? step.projectKey : defaults.jiraProjectKey();
            if (project == null) {
                throw StepArguments.invalid("projectKey", "no project key given and none configured");
            }
            String type = step.issueType != null ? step.issueType : defaults.jiraIssueType();
            List<String> labels = StepArguments.strings("labels", step.labels);
            ReviewTicket ticket = ReviewTickets.compose(users, approval, labels, services.buildUrl(),
                    services.clock().instant());
            log.progress("Opening the review ticket in Jira project " + project + " for " + ticket.userNames());
            TicketRef ref = services.ticketTracker(project, type).openOrFind(ticket);
            log.progress((ref.created() ? "Created " : "Reusing open ticket ") + ref.key() + " " + ref.url());
            return PipelineValues.ticket(ref);
        }
    }
}
