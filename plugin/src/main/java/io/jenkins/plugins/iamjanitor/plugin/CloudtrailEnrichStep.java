package io.jenkins.plugins.iamjanitor.plugin;

import hudson.Extension;
import hudson.model.Run;
import io.jenkins.plugins.iamjanitor.core.activity.ActivityLookup;
import io.jenkins.plugins.iamjanitor.core.activity.ActivityQuery;
import io.jenkins.plugins.iamjanitor.core.activity.ActivitySummary;
import io.jenkins.plugins.iamjanitor.core.activity.ActivitySummaryDocument;
import io.jenkins.plugins.iamjanitor.core.doc.Document;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code cloudtrailEnrich(users:, ticket:, days:, regions:)}: each user's recent CloudTrail events (by user name and by
 * access key id), summarised per user and added to the review ticket as one evidence comment. Read-only on AWS.
 */
public final class CloudtrailEnrichStep extends Step {
    /** CloudTrail's LookupEvents keeps 90 days. */
    static final int MAX_DAYS = 90;

    private final Object users;
    private Object ticket;
    private Integer days;
    private List<String> regions;

    @DataBoundConstructor
    public CloudtrailEnrichStep(Object users) {
        this.users = users;
    }

    public Object getUsers() {
        return users;
    }

    public Object getTicket() {
        return ticket;
    }

    @DataBoundSetter
    public void setTicket(Object ticket) {
        this.ticket = ticket;
    }

    public Integer getDays() {
        return days;
    }

    @DataBoundSetter
    public void setDays(Integer days) {
        this.days = days;
    }

    public List<String> getRegions() {
        return regions;
    }

    @DataBoundSetter
    public void setRegions(List<String> regions) {
        this.regions = regions;
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return new Execution(this, context, JenkinsJanitorServices.forRun(context.get(Run.class)));
    }

    @Extension
    public static final class DescriptorImpl extends JanitorStepDescriptor {
        @Override
        public String getFunctionName() {
            return "cloudtrailEnrich";
        }

        @Override
        public String getDisplayName() {
            return "Add recent AWS CloudTrail activity to the review";
        }
    }

    static final class Execution extends JanitorSyncExecution<CloudtrailEnrichStep, Map<String, Object>> {
        private static final long serialVersionUID = 1L;

        Execution(CloudtrailEnrichStep step, StepContext context, JanitorServices services) {
            super("cloudtrailEnrich", step, context, services);
        }

        @Override
        Map<String, Object> work(BuildLog log) {
            return enrich(log);
        }

        private Map<String, Object> enrich(BuildLog log) {
            JanitorDefaults defaults = services.defaults();
            List<Map<String, Object>> users = StepArguments.users("users", step.users);
            Map<String, Object> ticket = StepArguments.map("ticket", step.ticket, false);
            int days = StepArguments.positive("days", step.days, MAX_DAYS, MAX_DAYS);
            List<String> regions = step.regions != null ? StepArguments.strings("regions", step.regions)
                    : List.of(defaults.aws().region());
            regions.forEach(r -> StepArguments.region("regions", r));
            Instant since = services.clock().instant().minus(Duration.ofDays(days));
            List<ActivityQuery> queries = new ArrayList<>();
            for (Map<String, Object> u : users) {
                queries.add(new ActivityQuery(String.valueOf(u.get("user")), PipelineValues.accessKeyIds(u), since,
                        regions));
            }
            log.progress("Looking up CloudTrail events of " + users.size() + " user(s) in " + regions + " for the last "
                    + days + " days");
            List<ActivityLookup> lookups = services.activityLog(defaults.aws()).lookupAll(queries, log);
            Instant now = services.clock().instant();
            Map<String, Object> out = new LinkedHashMap<>();
            Document.Builder comment = Document.builder()
                    .heading(2, "CloudTrail activity, last " + days + " days (" + regions + ")");
            for (ActivityLookup l : lookups) {
                ActivitySummary summary = ActivitySummary.of(l, since, now, ActivitySummary.DEFAULT_LAST_N);
                out.put(l.userName(), PipelineValues.activity(l, summary.headline()));
                comment.append(ActivitySummaryDocument.render(summary, 3));
                log.progress("  " + l.userName() + ": " + summary.headline());
            }
            if (ticket != null && ticket.get("key") != null) {
                String key = ticket.get("key").toString();
                services.ticketTracker(defaults.jiraProjectKey(), defaults.jiraIssueType()).comment(key,
                        comment.build());
                log.progress("Added the CloudTrail evidence to " + key);
            }
            return out;
        }

    }
}
