package io.jenkins.plugins.iamjanitor.plugin;

import hudson.Extension;
import hudson.model.Run;
import io.jenkins.plugins.iamjanitor.core.quarantine.QuarantineRelease;
import io.jenkins.plugins.iamjanitor.core.review.UserStage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.support.steps.input.ApproverAction;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code iamReleaseUser(user: 'bob', dryRun: true)}: undoes the quarantine a review of this job put on the user,
 * exactly from the backup taken before it (keys that were active reactivated, the deny-all policy and the tags
 * removed), and records who released on the review, its ticket, Slack and reports. Releasing gives credentials back,
 * so a real release needs the build's {@code input} gate approved by a person, as a deletion does; that person is
 * recorded as the releaser. {@code createLoginProfile: true} is refused: a password has no safe place in Jenkins.
 */
public final class IamReleaseUserStep extends Step {
    private String user;
    private boolean dryRun = true;
    private boolean createLoginProfile;

    @DataBoundConstructor
    public IamReleaseUserStep() {
    }

    public String getUser() {
        return user;
    }

    @DataBoundSetter
    public void setUser(String user) {
        this.user = StepArguments.blankToNull(user);
    }

    public boolean isDryRun() {
        return dryRun;
    }

    @DataBoundSetter
    public void setDryRun(boolean dryRun) {
        this.dryRun = dryRun;
    }

    public boolean isCreateLoginProfile() {
        return createLoginProfile;
    }

    /** Refused when true: see {@link JobQuarantineRelease#NO_LOGIN_PROFILE}. */
    @DataBoundSetter
    public void setCreateLoginProfile(boolean createLoginProfile) {
        this.createLoginProfile = createLoginProfile;
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
            return "iamReleaseUser";
        }

        @Override
        public String getDisplayName() {
            return "Release an IAM user this job quarantined (dry-run by default)";
        }
    }

    static final class Execution extends JanitorSyncExecution<IamReleaseUserStep, Map<String, Object>> {
        private static final long serialVersionUID = 1L;
        private final transient Run<?, ?> run;
        private final transient JobAuthority authority;

        Execution(IamReleaseUserStep step, StepContext context, JanitorServices services, Run<?, ?> run,
                JobAuthority authority) {
            super("iamReleaseUser", step, context, services);
            this.run = run;
            this.authority = authority;
        }

        @Override
        Map<String, Object> work(BuildLog log) throws Exception {
            if (step.user == null) {
                throw StepArguments.invalid("user", "name the quarantined IAM user to release");
            }
            String user = StepArguments.userName("user", step.user);
            if (step.createLoginProfile) {
                throw StepArguments.invalid("createLoginProfile", JobQuarantineRelease.NO_LOGIN_PROFILE);
            }
            ApproverAction gate = IamDeleteUserStep.gateApprover(run);
            if (!step.dryRun && gate == null) {
                throw new IllegalArgumentException("a real release needs this build's input gate approved by a person"
                        + " before iamReleaseUser; nobody approved one (dry run: dryRun: true)");
            }
            String by = gate == null ? "jenkins:" + run.getFullDisplayName()
                    : "jenkins:" + gate.getUserId() + " (" + run.getFullDisplayName() + ")";
            String job = run.getParent().getFullName();
            QuarantineVault vault = QuarantineVaults.get().of(run.getParent());
            JobQuarantineRelease release = new JobQuarantineRelease(vault, services,
                    QuarantineVaults.reports(run.getParent(), vault),
                    (target, ownRole) -> authority.check(job, target, ownRole));
            QuarantineRelease.Outcome o = vault.locked(() -> release.release(user, null, by, step.dryRun, log));
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("user", o.userName());
            out.put("reviewId", o.reviewId());
            out.put("dryRun", o.dryRun());
            out.put("calls", new ArrayList<>(o.calls()));
            out.put("notes", new ArrayList<>(o.notes()));
            out.put("releasedBy", o.dryRun() ? null : by);
            out.put("stage", vault.load(o.reviewId()).map(r -> UserStage.of(r, user).describe()).orElse(null));
            log.progress((o.dryRun() ? "DRY RUN: would release " : "Released ") + user + " (review " + o.reviewId()
                    + ")");
            return out;
        }
    }
}
