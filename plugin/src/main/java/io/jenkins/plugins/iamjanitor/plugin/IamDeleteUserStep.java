package io.jenkins.plugins.iamjanitor.plugin;

import hudson.Extension;
import hudson.model.Run;
import io.jenkins.plugins.iamjanitor.core.approval.ApprovalRecord;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionResult;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionSettings;
import io.jenkins.plugins.iamjanitor.core.deletion.UserDeleter;
import io.jenkins.plugins.iamjanitor.core.policy.Exemptions;
import io.jenkins.plugins.iamjanitor.core.policy.InactivityPolicy;
import io.jenkins.plugins.iamjanitor.core.policy.PolicySettings;
import java.nio.file.Path;
import java.time.Duration;
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
 * {@code iamDeleteUser(user: or users:, approval:, ticket:, dryRun: true, backupDir:)}: deletes approved users with
 * every dependent, after a live re-check and a JSON backup. Dry-run (plan only) unless {@code dryRun: false}.
 * Backups go below the build's artifact directory, so they are archived, served and discarded with the build.
 */
public final class IamDeleteUserStep extends Step {
    static final String DEFAULT_BACKUP_DIR = "iam-janitor-backups";

    private String user;
    private Object users;
    private Object approval;
    private Object ticket;
    private boolean dryRun = true;
    private String backupDir;

    @DataBoundConstructor
    public IamDeleteUserStep() {
    }

    public String getUser() {
        return user;
    }

    @DataBoundSetter
    public void setUser(String user) {
        this.user = StepArguments.blankToNull(user);
    }

    public Object getUsers() {
        return users;
    }

    @DataBoundSetter
    public void setUsers(Object users) {
        this.users = users;
    }

    public Object getApproval() {
        return approval;
    }

    @DataBoundSetter
    public void setApproval(Object approval) {
        this.approval = approval;
    }

    public Object getTicket() {
        return ticket;
    }

    @DataBoundSetter
    public void setTicket(Object ticket) {
        this.ticket = ticket;
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

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return new Execution(this, context, JenkinsJanitorServices.forRun(context.get(Run.class)));
    }

    @Extension
    public static final class DescriptorImpl extends JanitorStepDescriptor {
        @Override
        public String getFunctionName() {
            return "iamDeleteUser";
        }

        @Override
        public String getDisplayName() {
            return "Delete approved inactive AWS IAM users (dry-run by default)";
        }
    }

    static final class Execution extends JanitorSyncExecution<IamDeleteUserStep, Map<String, Object>> {
        private static final long serialVersionUID = 1L;

        Execution(IamDeleteUserStep step, StepContext context, JanitorServices services) {
            super("iamDeleteUser", step, context, services);
        }

        @Override
        Map<String, Object> work(BuildLog log) {
            return delete(log);
        }

        private Map<String, Object> delete(BuildLog log) {
            List<String> targets = targets();
            Map<String, Object> approval = StepArguments.map("approval", step.approval, true);
            Map<String, Object> ticket = StepArguments.map("ticket", step.ticket, false);
            String ticketKey = ticket == null || ticket.get("key") == null ? null : ticket.get("key").toString();
            Path backups = backupDirectory();
            List<ApprovalRecord> records = ApprovalRecords.approvedOnly(approval, targets, ticketKey);
            Map<String, Object> out = new LinkedHashMap<>();
            for (String t : targets) {
                if (records.stream().noneMatch(r -> r.userName().equals(t))) {
                    out.put(t, notApproved(t, approval));
                    log.progress("  " + t + ": kept, not approved in review " + approval.get("reviewId"));
                }
            }
            if (!records.isEmpty()) {
                JanitorDefaults defaults = services.defaults();
                log.progress((step.dryRun ? "DRY RUN: planning" : "Deleting") + " " + records.size()
                        + " approved user(s); backups in " + backups + (step.dryRun ? "" : "; cap "
                        + defaults.maxDeletions() + " per run"));
                // The live re-check uses the same threshold and exempt tag the scan used by default.
                InactivityPolicy policy = new InactivityPolicy(new PolicySettings(Duration.ofDays(defaults.days()),
                        true, new Exemptions(null, null, defaults.exemptTag() == null ? List.of()
                                : List.of(defaults.exemptTag()), null)), services.clock());
                UserDeleter deleter = new UserDeleter(services.iamDirectory(defaults.aws()),
                        services.iamUserAdmin(defaults.aws()), services.backupStore(backups), policy,
                        new DeletionSettings(step.dryRun, defaults.maxDeletions()), services.clock());
                for (DeletionResult r : deleter.delete(records, log)) {
                    out.put(r.userName(), PipelineValues.deletion(r));
                    log.progress("  " + r.userName() + ": " + r.status() + (r.reason() == null ? "" : " (" + r.reason()
                            + ")") + (r.backupFile() == null ? "" : ", backup " + r.backupFile()));
                }
            }
            Map<String, Object> ordered = new LinkedHashMap<>();
            targets.forEach(t -> ordered.put(t, out.get(t)));
            return ordered;
        }

        private List<String> targets() {
            if (step.user != null && step.users != null) {
                throw StepArguments.invalid("user", "give either user or users, not both");
            }
            if (step.user != null) {
                return List.of(StepArguments.userName("user", step.user));
            }
            if (step.users == null) {
                throw StepArguments.invalid("user", "name the user (user: 'alice') or the users (users: [...])");
            }
            List<String> names = new ArrayList<>();
            StepArguments.users("users", step.users).forEach(u -> names.add(String.valueOf(u.get("user"))));
            return names;
        }

        private Path backupDirectory() {
            Path base = services.artifactsDir();
            String dir = step.backupDir == null ? DEFAULT_BACKUP_DIR : step.backupDir;
            Path p = Path.of(dir);
            if (p.isAbsolute() || p.normalize().startsWith("..")) {
                throw StepArguments.invalid("backupDir", "must be a relative path inside the build's artifacts, got "
                        + dir);
            }
            return base.resolve(p).normalize();
        }

        private static Map<String, Object> notApproved(String user, Map<String, Object> approval) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("user", user);
            m.put("status", "kept");
            m.put("reason", "not approved in review " + approval.get("reviewId"));
            m.put("backup", null);
            m.put("plan", new ArrayList<>());
            return m;
        }
    }
}
