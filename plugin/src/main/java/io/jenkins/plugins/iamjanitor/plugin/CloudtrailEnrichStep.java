package io.jenkins.plugins.iamjanitor.plugin;

import hudson.Extension;
import hudson.model.Run;
import io.jenkins.plugins.iamjanitor.core.activity.ActivityEvent;
import io.jenkins.plugins.iamjanitor.core.review.EvidenceSummary;
import io.jenkins.plugins.iamjanitor.core.review.ReviewDocuments;
import io.jenkins.plugins.iamjanitor.core.review.ReviewRecord;
import io.jenkins.plugins.iamjanitor.core.review.ReviewStages;
import io.jenkins.plugins.iamjanitor.plugin.review.BuildReview;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code cloudtrailEnrich(review: r, days:, regions:)}: the recent CloudTrail events of every user the build's review
 * flagged (by user name and access key id; ids the scan did not read are listed now), judged against the date each
 * approval is based on, recorded in the review (core {@link ReviewStages#evidence}, as the CLI's review does) and
 * added to the review ticket as one comment.
 * {@code iamDeleteUser} keeps a user whose credentials CloudTrail saw succeed after that date. Read-only on AWS.
 */
public final class CloudtrailEnrichStep extends Step {
    /** CloudTrail's LookupEvents keeps 90 days. */
    static final int MAX_DAYS = 90;

    private Object review;
    private Integer days;
    private List<String> regions;

    @DataBoundConstructor
    public CloudtrailEnrichStep() {
    }

    public Object getReview() {
        return review;
    }

    /** The map iamListInactive returned, or its reviewId; only the id is read. Default: the build's review. */
    @DataBoundSetter
    public void setReview(Object review) {
        this.review = review;
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
        Run<?, ?> run = context.get(Run.class);
        return new Execution(this, context, JenkinsJanitorServices.forRun(run), run,
                JobAuthority.of(IamJanitorConfiguration.get()));
    }

    @Extension
    public static final class DescriptorImpl extends JanitorStepDescriptor {
        @Override
        public String getFunctionName() {
            return "cloudtrailEnrich";
        }

        @Override
        public String getDisplayName() {
            return "Add recent AWS CloudTrail activity to the build's IAM review";
        }
    }

    static final class Execution extends JanitorSyncExecution<CloudtrailEnrichStep, Map<String, Object>> {
        private static final long serialVersionUID = 1L;
        private final transient Run<?, ?> run;
        private final transient JobAuthority authority;

        Execution(CloudtrailEnrichStep step, StepContext context, JanitorServices services, Run<?, ?> run,
                JobAuthority authority) {
            super("cloudtrailEnrich", step, context, services);
            this.run = run;
            this.authority = authority;
        }

        @Override
        Map<String, Object> work(BuildLog log) {
            return enrich(log);
        }

        private Map<String, Object> enrich(BuildLog log) {
            BuildReview review = BuildReview.resolve(run, step.review);
            ReviewRecord record = review.record();
            if (record.evidence() != null) {
                // A stage whose result is in the record is never redone (the CLI's rule): the evidence stays the one
                // the approvals and the keep rule were judged on.
                log.progress("Review " + record.reviewId() + " already has its CloudTrail evidence");
                return result(record);
            }
            // Look-back and regions as recorded with the review's policy (issue 15): regions are only added to.
            ScopedSettings scoped = new ScopedSettings(review.scope(), services.defaults());
            int days = scoped.cloudTrailDays(step.days, MAX_DAYS);
            AwsTarget target = IamDeleteUserStep.target(review, services.defaults());
            authority.check(run.getParent().getFullName(), target, false);
            List<String> regions = scoped.cloudTrailRegions(step.regions, target.region());
            Instant since = services.clock().instant().minus(Duration.ofDays(days));
            log.progress("Looking up CloudTrail events of " + record.candidates().size() + " user(s) of review "
                    + record.reviewId() + " in " + regions + " for the last " + days + " days");
            // Key ids the scan's credential report did not name are read now, for these users only.
            List<EvidenceSummary> evidence = ReviewStages.evidence(record.candidates(),
                    services.iamDirectory(target)::accessKeyIds, services.activityLog(target), since, regions, log);
            Instant now = services.clock().instant();
            ReviewRecord withEvidence = record.withEvidence(evidence, now);
            for (EvidenceSummary e : evidence) {
                log.progress("  " + e.userName() + ": " + e.totalEvents() + " event(s)"
                        + (e.useAfterEvidence() == null ? "" : "; used after the evidence: " + describe(
                        e.useAfterEvidence())) + (e.failedRegions().isEmpty() ? "" : "; failed regions "
                        + e.failedRegions().keySet()));
            }
            if (record.ticket() != null) {
                // Commented before the record is saved, as the CLI does: a crash in between repeats the comment.
                services.ticketTracker(scoped.jiraProject(null), scoped.jiraIssueType(null))
                        .comment(record.ticket().key(), ReviewDocuments.evidence(withEvidence, now));
                log.progress("Added the CloudTrail evidence to " + record.ticket().key());
            } else {
                log.progress("Review " + record.reviewId() + " has no ticket yet: the evidence is recorded only");
            }
            return result(review.update(r -> r.withEvidence(evidence, now)));
        }

        private static Map<String, Object> result(ReviewRecord record) {
            Map<String, Object> users = new LinkedHashMap<>();
            for (EvidenceSummary e : record.evidence()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("eventCount", e.totalEvents());
                m.put("lastEvent", e.recent().isEmpty() ? null : PipelineValues.iso(e.recent().get(0).eventTime()));
                m.put("eventsAfterEvidence", e.eventsAfterEvidence());
                m.put("usedAfterEvidence", e.useAfterEvidence() == null ? null : describe(e.useAfterEvidence()));
                m.put("failedRegions", new LinkedHashMap<>(e.failedRegions()));
                users.put(e.userName(), m);
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("reviewId", record.reviewId());
            out.put("users", users);
            return out;
        }

        static String describe(ActivityEvent e) {
            return e.eventName() + " (" + e.eventSource() + ") at " + e.eventTime();
        }
    }
}
