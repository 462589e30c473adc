package io.jenkins.plugins.iamjanitor.plugin;

import hudson.Extension;
import hudson.model.Run;
import java.nio.file.Path;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code iamQuarantineSweep(dryRun: true)}: the later run of this job's quarantines. Every user a real review of this
 * job quarantined is checked: deleted when its quarantine is {@code deleteAfterDays} old and nothing happened (no use
 * in IAM's last-used data or CloudTrail, failed calls included; no new credential; tags and permissions unchanged),
 * reported "wanted back?" (build log, Slack, ticket, result) on any sign, else left for a later run. The quarantines are
 * read from the job's vault on the controller ({@code JENKINS_HOME/iam-janitor/quarantine/<job>/}), so builds may be
 * discarded meanwhile. The approval recorded at quarantine time authorises the deletion; dry-run unless
 * {@code dryRun: false}. Put it first in the scheduled review job, as the CLI's {@code review} does.
 */
public final class IamQuarantineSweepStep extends Step {
    private boolean dryRun = true;

    @DataBoundConstructor
    public IamQuarantineSweepStep() {
    }

    public boolean isDryRun() {
        return dryRun;
    }

    @DataBoundSetter
    public void setDryRun(boolean dryRun) {
        this.dryRun = dryRun;
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
            return "iamQuarantineSweep";
        }

        @Override
        public String getDisplayName() {
            return "Delete this job's quarantined IAM users that are due and untouched; report the ones wanted back";
        }
    }

    static final class Execution extends JanitorSyncExecution<IamQuarantineSweepStep, Map<String, Object>> {
        private static final long serialVersionUID = 1L;
        private final transient Run<?, ?> run;
        private final transient JobAuthority authority;

        Execution(IamQuarantineSweepStep step, StepContext context, JanitorServices services, Run<?, ?> run,
                JobAuthority authority) {
            super("iamQuarantineSweep", step, context, services);
            this.run = run;
            this.authority = authority;
        }

        @Override
        Map<String, Object> work(BuildLog log) throws Exception {
            String job = run.getParent().getFullName();
            QuarantineVault vault = QuarantineVaults.get().of(run.getParent());
            // The backups of the quarantined state taken before each deletion are archived with this build.
            Path backups = services.artifactsDir().resolve(IamDeleteUserStep.DEFAULT_BACKUP_DIR);
            JobQuarantineSweep sweep = new JobQuarantineSweep(vault, services,
                    QuarantineVaults.reports(run.getParent(), vault),
                    (target, ownRole) -> authority.check(job, target, ownRole), backups, log);
            return vault.locked(() -> sweep.sweep(step.dryRun,
                    IamDeleteUserStep.remediationPolicy(services.defaults())));
        }
    }
}
