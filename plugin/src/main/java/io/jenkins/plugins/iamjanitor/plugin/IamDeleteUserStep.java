package io.jenkins.plugins.iamjanitor.plugin;

import hudson.Extension;
import hudson.model.Run;
import hudson.model.User;
import io.jenkins.plugins.iamjanitor.core.config.EffectivePolicy;
import io.jenkins.plugins.iamjanitor.core.config.PolicyException;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionResult;
import io.jenkins.plugins.iamjanitor.core.quarantine.QuarantineSettings;
import io.jenkins.plugins.iamjanitor.core.quarantine.RemediationAction;
import io.jenkins.plugins.iamjanitor.plugin.review.BuildReview;
import io.jenkins.plugins.iamjanitor.plugin.review.ReviewScope;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.support.steps.input.ApproverAction;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code iamDeleteUser(review: r, dryRun: true, users:, backupDir:, action:, deleteAfterDays:)}: deletes (or, with
 * {@code action: 'quarantine'} or a policy that says so, quarantines: {@link ReviewQuarantine}) the users the build's review flagged and
 * a configured approver approved, with every dependent, after the CloudTrail keep rule, a live re-check and a JSON
 * backup. Everything that authorises a deletion is read from the controller's record ({@link BuildReview}); the
 * script can only narrow the users and choose a dry run. A real deletion also needs the build's {@code input} gate
 * approved by a person, whom Jenkins recorded. Dry-run (plan only) unless {@code dryRun: false}. Backups go below the
 * build's artifact directory, so they are archived, served and discarded with the build.
 */
public final class IamDeleteUserStep extends Step {
    static final String DEFAULT_BACKUP_DIR = "iam-janitor-backups";

    private Object review;
    private String user;
    private List<String> users;
    private Object approval;
    private boolean dryRun = true;
    private String backupDir;
    private String action;
    private Integer deleteAfterDays;

    @DataBoundConstructor
    public IamDeleteUserStep() {
    }

    public Object getReview() {
        return review;
    }

    /** The map iamListInactive returned, or its reviewId; only the id is read. Default: the build's review. */
    @DataBoundSetter
    public void setReview(Object review) {
        this.review = review;
    }

    public String getUser() {
        return user;
    }

    /** Narrows the deletion to one approved user; naming anyone else fails the step. */
    @DataBoundSetter
    public void setUser(String user) {
        this.user = StepArguments.blankToNull(user);
    }

    public List<String> getUsers() {
        return users;
    }

    /** Narrows the deletion to these approved users; naming anyone else fails the step. */
    @DataBoundSetter
    public void setUsers(List<String> users) {
        this.users = users;
    }

    public Object getApproval() {
        return approval;
    }

    /** Refused when given: approvals are what the controller recorded, never a map the script passes. */
    @DataBoundSetter
    public void setApproval(Object approval) {
        this.approval = approval;
    }

    public boolean isDryRun() {
        return dryRun;
    }

    @DataBoundSetter
    public void setDryRun(boolean dryRun) {
        this.dryRun = dryRun;
    }

    public String getBackupDir() {
        return backupDir;
    }

    @DataBoundSetter
    public void setBackupDir(String backupDir) {
        this.backupDir = StepArguments.blankToNull(backupDir);
    }

    public String getAction() {
        return action;
    }

    /** {@code delete} or {@code quarantine}; default: the policy's {@code action}. Never delete where it quarantines. */
    @DataBoundSetter
    public void setAction(String action) {
        this.action = StepArguments.blankToNull(action);
    }

    public Integer getDeleteAfterDays() {
        return deleteAfterDays;
    }

    /** Days a quarantine lasts at least before a sweep deletes the user; never fewer than the policy's. */
    @DataBoundSetter
    public void setDeleteAfterDays(Integer deleteAfterDays) {
        this.deleteAfterDays = deleteAfterDays;
    }

    /**
     * The global policy now: what a quarantine sweep runs with, and the remediation of a review recorded before the
     * plugin recorded its whole policy (a newer review's own is read from its scope, {@link ReviewQuarantine}).
     */
    static EffectivePolicy remediationPolicy(JanitorDefaults defaults) {
        try {
            return StepPolicy.global(defaults).effective();
        } catch (PolicyException e) {
            throw new IllegalArgumentException("the global IAM Janitor policy is invalid: " + e.getMessage(), e);
        }
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        Run<?, ?> run = context.get(Run.class);
        IamJanitorConfiguration config = IamJanitorConfiguration.get();
        return new Execution(this, context, JenkinsJanitorServices.forRun(run), run, JobAuthority.of(config),
                new ApproverAuthority(config.defaults().approvers(),
                        IamJanitorConfiguration.split(config.getJenkinsApprovers()), IamDeleteUserStep::groupsOf));
    }

    /** The user's groups as the security realm reports them now; none when the user is unknown to it. */
    static List<String> groupsOf(String userId) {
        hudson.model.User u = hudson.model.User.getById(userId, false);
        if (u == null) {
            return List.of();
        }
        try {
            return u.impersonate2().getAuthorities().stream()
                    .map(org.springframework.security.core.GrantedAuthority::getAuthority).toList();
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    /** The AWS target the review's scan used (the same account, identity and role), whatever the script says now. */
    static AwsTarget target(BuildReview review, JanitorDefaults defaults) {
        ReviewScope s = review.scope();
        AwsTarget configured = defaults.aws();
        if (s == null) {
            return configured;
        }
        boolean configuredRole = Objects.equals(s.roleArn(), configured.roleArn());
        // A role a policy file chose was recorded with its external id (issue 15).
        String recordedExternalId = s.recorded() == null ? null : s.recorded().externalId();
        return new AwsTarget(s.awsCredentialsId(), s.region(), s.roleArn(), recordedExternalId != null
                ? recordedExternalId : configuredRole ? configured.externalId() : null);
    }

    /** Who approved the build's latest {@code input}, as Jenkins recorded it; null when nobody did. */
    static ApproverAction gateApprover(Run<?, ?> run) {
        List<ApproverAction> approvals = run.getActions(ApproverAction.class);
        return approvals.isEmpty() ? null : approvals.get(approvals.size() - 1);
    }

    @Extension
    public static final class DescriptorImpl extends JanitorStepDescriptor {
        @Override
        public String getFunctionName() {
            return "iamDeleteUser";
        }

        @Override
        public String getDisplayName() {
            return "Delete the approved users of the build's IAM review, or quarantine them (dry-run by default)";
        }
    }

    static final class Execution extends JanitorSyncExecution<IamDeleteUserStep, Map<String, Object>> {
        private static final long serialVersionUID = 1L;
        private final transient Run<?, ?> run;
        private final transient JobAuthority authority;
        private final transient ApproverAuthority approvers;

        Execution(IamDeleteUserStep step, StepContext context, JanitorServices services, Run<?, ?> run,
                JobAuthority authority, ApproverAuthority approvers) {
            super("iamDeleteUser", step, context, services);
            this.run = run;
            this.authority = authority;
            this.approvers = approvers;
        }

        @Override
        Map<String, Object> work(BuildLog log) {
            if (step.approval != null) {
                throw StepArguments.invalid("approval", "approvals are recorded by the controller in the build's"
                        + " review (slackAskApproval); remove this argument");
            }
            if (step.user != null && step.users != null) {
                throw StepArguments.invalid("user", "give either user or users, not both");
            }
            List<String> named = step.user != null ? List.of(StepArguments.userName("user", step.user))
                    : step.users == null ? null : StepArguments.strings("users", step.users);
            BuildReview review = BuildReview.resolve(run, step.review);
            QuarantineSettings remediation = ReviewQuarantine.settings(review.scope(), services.defaults(),
                    step.action, step.deleteAfterDays);
            if (remediation.action() == RemediationAction.DELETE && step.deleteAfterDays != null) {
                throw StepArguments.invalid("deleteAfterDays", "only a quarantine is deleted later; add action:"
                        + " 'quarantine'");
            }
            AwsTarget target = target(review, services.defaults());
            authority.check(run.getParent().getFullName(), target,
                    !Objects.equals(target.roleArn(), StepPolicy.adminAws(services.defaults()).roleArn()));
            ApproverAction gate = gateApprover(run);
            ScopedSettings scoped = new ScopedSettings(review.scope(), services.defaults());
            ReviewDeletion deletion = new ReviewDeletion(review, services, approvers.withApprovers(
                    scoped.approvers()), log);
            String gateUser = gate == null ? null : gate.getUserId();
            User known = gateUser == null ? null : User.getById(gateUser, false);
            ReviewQuarantine quarantine = remediation.action() == RemediationAction.QUARANTINE
                    ? new ReviewQuarantine(remediation, QuarantineVaults.get().of(run.getParent()),
                            new QuarantineVault.Placement(run.getNumber(), target))
                    : null;
            List<DeletionResult> results = deletion.run(named, step.dryRun, gateUser,
                    known == null ? gateUser : known.getFullName(), scoped.backupPath(step.backupDir,
                    services.artifactsDir(), review.getReviewId(), review.getAccountId()), target, quarantine);
            return deletion.result(results);
        }
    }
}
