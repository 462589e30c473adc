package io.jenkins.plugins.iamjanitor.plugin;

import hudson.Extension;
import hudson.FilePath;
import hudson.model.Run;
import io.jenkins.plugins.iamjanitor.core.config.EffectivePolicy;
import io.jenkins.plugins.iamjanitor.core.policy.InactivityPolicy;
import io.jenkins.plugins.iamjanitor.core.policy.PolicySettings;
import io.jenkins.plugins.iamjanitor.core.policy.Verdict;
import io.jenkins.plugins.iamjanitor.core.scan.InactivityScanner;
import io.jenkins.plugins.iamjanitor.core.scan.ScanResult;
import io.jenkins.plugins.iamjanitor.core.review.ReviewRecord;
import io.jenkins.plugins.iamjanitor.core.review.ScanSummary;
import io.jenkins.plugins.iamjanitor.plugin.review.BuildReview;
import io.jenkins.plugins.iamjanitor.core.port.IamDirectory;
import io.jenkins.plugins.iamjanitor.plugin.review.ReviewScope;
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
 * {@code iamListInactive(days: 21, exemptTags: [...], ...)}: users inactive longer than the threshold. Read-only on
 * AWS. Starts the build's review: the controller records who was flagged, the evidence and the policy used
 * ({@link BuildReview}); the later steps take the returned map (or its {@code reviewId}) and read only that record.
 */
public final class IamListInactiveStep extends Step {
    private Integer days;
    private List<String> exemptTags;
    private List<String> exemptUsers;
    private List<String> exemptPaths;
    private List<String> exemptGroups;
    private String awsCredentialsId;
    private String roleArn;
    private String region;
    private String config;
    private String configText;

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

    public String getConfig() {
        return config;
    }

    /** The job's policy file, a path in the workspace, e.g. {@code config: 'iam-janitor.yml'} (needs a node). */
    @DataBoundSetter
    public void setConfig(String config) {
        this.config = StepArguments.blankToNull(config);
    }

    public String getConfigText() {
        return configText;
    }

    /** The job's policy file as YAML text, e.g. {@code configText: readFile('iam-janitor.yml')}. */
    @DataBoundSetter
    public void setConfigText(String configText) {
        this.configText = StepArguments.blankToNull(configText);
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        Run<?, ?> run = context.get(Run.class);
        return new Execution(this, context, JenkinsJanitorServices.forRun(run), run,
                JobAuthority.of(IamJanitorConfiguration.get()), new JobPolicyFiles(context.get(FilePath.class)),
                context.get(JanitorBlockPolicy.class));
    }

    @Extension
    public static final class DescriptorImpl extends JanitorStepDescriptor {
        @Override
        public String getFunctionName() {
            return "iamListInactive";
        }

        @Override
        public String getDisplayName() {
            return "List inactive AWS IAM users and start the build's review";
        }
    }

    static final class Execution extends JanitorSyncExecution<IamListInactiveStep, Map<String, Object>> {
        private static final long serialVersionUID = 1L;
        private final transient Run<?, ?> run;
        private final transient JobAuthority authority;
        private final transient JobPolicyFiles files;
        private final JanitorBlockPolicy block;

        Execution(IamListInactiveStep step, StepContext context, JanitorServices services, Run<?, ?> run,
                JobAuthority authority, JobPolicyFiles files, JanitorBlockPolicy block) {
            super("iamListInactive", step, context, services);
            this.run = run;
            this.authority = authority;
            this.files = files;
            this.block = block;
        }

        @Override
        Map<String, Object> work(BuildLog log) throws Exception {
            return scan(log);
        }

        private Map<String, Object> scan(BuildLog log) throws Exception {
            JanitorDefaults defaults = services.defaults();
            Integer days = step.days == null ? null : StepArguments.positive("days", step.days, defaults.days(),
                    3650);
            // Global policy, then the job's files (iamJanitor blocks, config:), then these arguments: each may only
            // add or tighten. Read and merged before any AWS call.
            StepPolicy.Resolved resolved = StepPolicy.resolve(defaults, files.read(block, step.config,
                    step.configText), days,
                    StepArguments.strings("exemptUsers", step.exemptUsers),
                    StepArguments.strings("exemptPaths", step.exemptPaths),
                    StepArguments.strings("exemptTags", step.exemptTags),
                    StepArguments.strings("exemptGroups", step.exemptGroups));
            EffectivePolicy effective = resolved.policy();
            PolicySettings settings = effective.policySettings();
            AwsTarget target = ScanTarget.of(authority, run.getParent().getFullName(), step, resolved, defaults);
            ReviewScope scope = ReviewScope.of(target.credentialsId(), target.region(), target.roleArn(), settings,
                    resolved.record(target, defaults.aws(), effective.source()));
            // With a roleArn, one review per account: several may run in one build (the organisation fan-out).
            String account = step.roleArn == null ? null : BuildReview.accountOfRole(target.roleArn());
            String reviewId = account == null ? reviewId(run) : reviewId(run) + "-" + account;
            BuildReview.refuseSecond(run, reviewId, account);
            log.progress("Listing IAM users inactive for more than " + scope.days() + " days (region "
                    + target.region() + (target.roleArn() == null ? "" : ", role " + target.roleArn()) + ")");
            effective.exemptions().rules().forEach(r -> log.progress("  exempt: " + r));
            InactivityPolicy policy = new InactivityPolicy(settings, services.clock());
            log.progress("  policy: " + scope.recorded().describe());
            ScanTarget.notes(effective).forEach(log::progress);
            IamDirectory directory = services.iamDirectory(target);
            ScanResult result = new InactivityScanner(directory, policy).scan(log);
            ScanTarget.checkAccount(effective, accountId(result));
            scope.withAccountAlias(accountAlias(directory, log));
            Instant now = services.clock().instant();
            ReviewRecord record = ReviewRecord.start(reviewId, account != null ? account : accountId(result), true,
                    now)
                    .withScan(ScanSummary.of(result), result.flagged(), now)
                    .withNote(scope.describe(), now);
            BuildReview review = BuildReview.start(run, record, scope, account);
            List<Object> users = new ArrayList<>();
            for (Verdict v : result.flagged()) {
                users.add(PipelineValues.verdict(v));
                log.progress("  inactive: " + v.user().userName() + " (" + v.daysInactive() + " days) " + v.reason());
            }
            log.progress(users.size() + " of " + result.verdicts().size() + " users are inactive; review "
                    + review.getReviewId() + " recorded on this build");
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("reviewId", review.getReviewId());
            out.put("users", users);
            out.put("scanned", result.verdicts().size());
            out.put("flagged", users.size());
            return out;
        }

        /**
         * The account's alias from IAM itself, in the account the scan ran in (one call): the only name the review
         * puts beside the id, so a script cannot mislabel an account to an approver. Unreadable is a warning.
         */
        private static String accountAlias(IamDirectory directory, BuildLog log) {
            try {
                String alias = directory.accountAlias().orElse(null);
                log.progress(alias == null ? "The account has no IAM account alias: it is named by its id"
                        : "Account alias (IAM): " + alias);
                return alias;
            } catch (RuntimeException e) {
                log.progress("Warning: the account alias could not be read (" + e.getMessage() + "); the account"
                        + " is named by its id. Grant iam:ListAccountAliases (docs/aws.md) to show it.");
                return null;
            }
        }

        /** Unique per build and safe as a file name: the job's full name and the build number. */
        static String reviewId(Run<?, ?> run) {
            String job = run.getParent().getFullName().replaceAll("[^A-Za-z0-9._-]+", "-");
            String id = "jenkins-" + job + "-" + run.getNumber();
            return id.length() <= 120 ? id : "jenkins-" + job.substring(job.length() - 100) + "-" + run.getNumber();
        }

        /** The audited account, from the users' ARNs (the scan has no separate account call). */
        static String accountId(ScanResult result) {
            for (Verdict v : result.verdicts()) {
                String[] arn = String.valueOf(v.user().arn()).split(":");
                if (arn.length > 4 && arn[4].matches("\\d{12}")) {
                    return arn[4];
                }
            }
            return null;
        }
    }
}
