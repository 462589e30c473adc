package io.jenkins.plugins.iamjanitor.plugin;

import hudson.model.Run;
import io.jenkins.plugins.iamjanitor.core.port.ActivityLog;
import io.jenkins.plugins.iamjanitor.core.port.ApprovalChannel;
import io.jenkins.plugins.iamjanitor.core.port.BackupStore;
import io.jenkins.plugins.iamjanitor.core.port.IamDirectory;
import io.jenkins.plugins.iamjanitor.core.port.IamUserAdmin;
import io.jenkins.plugins.iamjanitor.core.port.ServiceException;
import io.jenkins.plugins.iamjanitor.core.port.TicketTracker;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import jenkins.model.Jenkins;
import jenkins.util.Timer;

/** The production {@link JanitorServices}: adapters built from the global configuration and the credentials store. */
final class JenkinsJanitorServices implements JanitorServices {
    private final IamJanitorConfiguration config;
    private final Run<?, ?> run;
    private final JenkinsCredentials credentials;

    private JenkinsJanitorServices(IamJanitorConfiguration config, Run<?, ?> run) {
        this.config = config;
        this.run = run;
        this.credentials = new JenkinsCredentials(run);
    }

    static JanitorServices forRun(Run<?, ?> run) {
        return new JenkinsJanitorServices(IamJanitorConfiguration.get(), run);
    }

    /** Outside any build: the configuration page. */
    static JenkinsJanitorServices global() {
        return new JenkinsJanitorServices(IamJanitorConfiguration.get(), null);
    }

    @Override
    public Clock clock() {
        return Clock.systemUTC();
    }

    @Override
    public JanitorDefaults defaults() {
        return config.defaults();
    }

    @Override
    public IamDirectory iamDirectory(AwsTarget target) {
        throw notWired("IAM", "AWS IAM adapter");
    }

    @Override
    public IamUserAdmin iamUserAdmin(AwsTarget target) {
        throw notWired("IAM", "AWS IAM adapter");
    }

    @Override
    public ActivityLog activityLog(AwsTarget target) {
        throw notWired("CloudTrail", "AWS CloudTrail adapter");
    }

    @Override
    public ApprovalChannel approvalChannel() {
        throw notWired("Slack", "Slack adapter");
    }

    @Override
    public ReviewRegistry reviews() {
        return SlackRuntime.get().reviews();
    }

    @Override
    public TimeoutScheduler scheduler() {
        return (delay, task) -> {
            ScheduledFuture<?> f = Timer.get().schedule(task, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
            return () -> f.cancel(false);
        };
    }

    @Override
    public TicketTracker ticketTracker(String projectKey, String issueType) {
        throw notWired("Jira", "Jira adapter");
    }

    @Override
    public BackupStore backupStore(Path directory) {
        throw notWired("Backup", "JSON backup store");
    }

    @Override
    public Path artifactsDir() {
        if (run == null) {
            throw new IllegalStateException("backups need a build");
        }
        @SuppressWarnings("deprecation")
        Path dir = run.getArtifactsDir().toPath();
        return dir;
    }

    @Override
    public String buildUrl() {
        String root = Jenkins.get().getRootUrl();
        return run == null || root == null ? null : root + run.getUrl();
    }

    @Override
    public List<String> secrets() {
        return credentials.revealed();
    }

    private static ServiceException notWired(String service, String what) {
        return new ServiceException(service, "configure", null, "the " + what + " is not part of this build yet");
    }
}
