package io.jenkins.plugins.iamjanitor.plugin;

import hudson.Extension;
import hudson.model.Run;
import io.jenkins.plugins.iamjanitor.core.policy.Exemptions;
import io.jenkins.plugins.iamjanitor.core.policy.InactivityPolicy;
import io.jenkins.plugins.iamjanitor.core.policy.PolicySettings;
import io.jenkins.plugins.iamjanitor.core.policy.Verdict;
import io.jenkins.plugins.iamjanitor.core.scan.InactivityScanner;
import io.jenkins.plugins.iamjanitor.core.scan.ScanResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/** {@code iamListInactive(days: 21, exemptTags: [...], ...)}: users inactive longer than the threshold. Read-only. */
public final class IamListInactiveStep extends Step {
    private Integer days;
    private List<String> exemptTags;
    private List<String> exemptUsers;
    private List<String> exemptPaths;
    private List<String> exemptGroups;
    private String awsCredentialsId;
    private String roleArn;
    private String region;

    @DataBoundConstructor
    public IamListInactiveStep() {
    }

    public Integer getDays() {
        return days;
    }

    @DataBoundSetter
    public void setDays(Integer days) {
        this.days = days;
    }

    public List<String> getExemptTags() {
        return exemptTags;
    }

    @DataBoundSetter
    public void setExemptTags(List<String> exemptTags) {
        this.exemptTags = exemptTags;
    }

    public List<String> getExemptUsers() {
        return exemptUsers;
    }

    @DataBoundSetter
    public void setExemptUsers(List<String> exemptUsers) {
        this.exemptUsers = exemptUsers;
    }

    public List<String> getExemptPaths() {
        return exemptPaths;
    }

    @DataBoundSetter
    public void setExemptPaths(List<String> exemptPaths) {
        this.exemptPaths = exemptPaths;
    }

    public List<String> getExemptGroups() {
        return exemptGroups;
    }

    @DataBoundSetter
    public void setExemptGroups(List<String> exemptGroups) {
        this.exemptGroups = exemptGroups;
    }

    public String getAwsCredentialsId() {
        return awsCredentialsId;
    }

    @DataBoundSetter
    public void setAwsCredentialsId(String awsCredentialsId) {
        this.awsCredentialsId = StepArguments.blankToNull(awsCredentialsId);
    }

    public String getRoleArn() {
        return roleArn;
    }

    @DataBoundSetter
    public void setRoleArn(String roleArn) {
        this.roleArn = StepArguments.blankToNull(roleArn);
    }

    public String getRegion() {
        return region;
    }

    @DataBoundSetter
    public void setRegion(String region) {
        this.region = StepArguments.blankToNull(region);
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return new Execution(this, context, JenkinsJanitorServices.forRun(context.get(Run.class)));
    }

    @Extension
    public static final class DescriptorImpl extends JanitorStepDescriptor {
        @Override
        public String getFunctionName() {
            return "iamListInactive";
        }

        @Override
        public String getDisplayName() {
            return "List inactive AWS IAM users";
        }
    }

    static final class Execution extends JanitorSyncExecution<IamListInactiveStep, List<Map<String, Object>>> {
        private static final long serialVersionUID = 1L;

        Execution(IamListInactiveStep step, StepContext context, JanitorServices services) {
            super("iamListInactive", step, context, services);
        }

        @Override
        List<Map<String, Object>> work(BuildLog log) {
            return scan(log);
        }

        private List<Map<String, Object>> scan(BuildLog log) {
            JanitorDefaults defaults = services.defaults();
            int days = StepArguments.positive("days", step.days, defaults.days(), 3650);
            List<String> tags = step.exemptTags != null ? StepArguments.strings("exemptTags", step.exemptTags)
                    : (defaults.exemptTag() == null ? List.of() : List.of(defaults.exemptTag()));
            Exemptions exemptions = new Exemptions(StepArguments.strings("exemptUsers", step.exemptUsers),
                    StepArguments.strings("exemptPaths", step.exemptPaths), tags,
                    StepArguments.strings("exemptGroups", step.exemptGroups));
            AwsTarget target = new AwsTarget(step.awsCredentialsId, StepArguments.region("region", step.region),
                    StepArguments.roleArn("roleArn", step.roleArn), null).orElse(defaults.aws());
            log.progress("Listing IAM users inactive for more than " + days + " days (region " + target.region()
                    + (target.roleArn() == null ? "" : ", role " + target.roleArn()) + "); exempt tags " + tags);
            InactivityPolicy policy = new InactivityPolicy(
                    new PolicySettings(Duration.ofDays(days), true, exemptions), services.clock());
            ScanResult result = new InactivityScanner(services.iamDirectory(target), policy).scan(log);
            List<Map<String, Object>> out = new ArrayList<>();
            for (Verdict v : result.flagged()) {
                out.add(PipelineValues.verdict(v));
                log.progress("  inactive: " + v.user().userName() + " (" + v.daysInactive() + " days) " + v.reason());
            }
            log.progress(out.size() + " of " + result.verdicts().size() + " users are inactive");
            return out;
        }
    }
}
