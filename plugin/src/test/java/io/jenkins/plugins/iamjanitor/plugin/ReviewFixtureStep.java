package io.jenkins.plugins.iamjanitor.plugin;

import hudson.Extension;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.iamjanitor.core.policy.Exemptions;
import io.jenkins.plugins.iamjanitor.core.policy.InactivityPolicy;
import io.jenkins.plugins.iamjanitor.core.policy.Outcome;
import io.jenkins.plugins.iamjanitor.core.policy.PolicySettings;
import io.jenkins.plugins.iamjanitor.core.policy.Verdict;
import io.jenkins.plugins.iamjanitor.core.review.ReviewRecord;
import io.jenkins.plugins.iamjanitor.core.review.ScanSummary;
import io.jenkins.plugins.iamjanitor.core.scan.InactivityScanner;
import io.jenkins.plugins.iamjanitor.core.scan.ScanResult;
import io.jenkins.plugins.iamjanitor.plugin.review.BuildReview;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * Test-only {@code iamTestReview()}: scans the configured (sandbox) IAM and records the build's review, returning the
 * contract's map. Stands in for {@code iamListInactive} until that step creates the BuildReview itself; then the
 * approval tests switch to it.
 */
public final class ReviewFixtureStep extends Step {
    @DataBoundConstructor
    public ReviewFixtureStep() {
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(context);
    }

    private static final class Execution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {
        private static final long serialVersionUID = 1L;

        Execution(StepContext context) {
            super(context);
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            Run<?, ?> run = getContext().get(Run.class);
            JanitorServices services = JenkinsJanitorServices.forRun(run);
            try {
                InactivityPolicy policy = new InactivityPolicy(new PolicySettings(Duration.ofDays(21), true,
                        new Exemptions(List.of(), List.of(), List.of(), List.of())), services.clock());
                ScanResult scan = new InactivityScanner(services.iamDirectory(services.defaults().aws()), policy)
                        .scan(getContext().get(TaskListener.class).getLogger()::println);
                List<Verdict> flagged = scan.flagged();
                ReviewRecord record = ReviewRecord.start("iamj-" + UUID.randomUUID(), "123456789012", true,
                        services.clock().instant()).withScan(new ScanSummary(scan.scannedAt(),
                                scan.verdicts().size(), Map.of(Outcome.INACTIVE, flagged.size()), List.of()),
                                flagged, services.clock().instant());
                BuildReview.start(run, record);
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("reviewId", record.reviewId());
                m.put("users", flagged.stream().map(v -> v.user().userName()).toList());
                m.put("scanned", scan.verdicts().size());
                m.put("flagged", flagged.size());
                return m;
            } finally {
                services.close();
            }
        }
    }

    @Extension
    public static final class DescriptorImpl extends StepDescriptor {
        @Override
        public String getFunctionName() {
            return "iamTestReview";
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class);
        }
    }
}
