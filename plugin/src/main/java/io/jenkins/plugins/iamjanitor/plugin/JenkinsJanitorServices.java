package io.jenkins.plugins.iamjanitor.plugin;

import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.model.Run;
import io.jenkins.plugins.iamjanitor.core.org.AccountDirectory;
import io.jenkins.plugins.iamjanitor.core.port.ActivityLog;
import io.jenkins.plugins.iamjanitor.core.port.ApprovalChannel;
import io.jenkins.plugins.iamjanitor.core.port.BackupStore;
import io.jenkins.plugins.iamjanitor.core.port.IamDirectory;
import io.jenkins.plugins.iamjanitor.core.port.IamQuarantineAdmin;
import io.jenkins.plugins.iamjanitor.core.port.IamUserAdmin;
import io.jenkins.plugins.iamjanitor.core.port.ReviewNotifier;
import io.jenkins.plugins.iamjanitor.core.port.ServiceException;
import io.jenkins.plugins.iamjanitor.core.port.TicketTracker;
import io.jenkins.plugins.iamjanitor.integrations.aws.AwsClients;
import io.jenkins.plugins.iamjanitor.integrations.aws.AwsCredentialsSource;
import io.jenkins.plugins.iamjanitor.integrations.jira.JiraCredentials;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/** The production {@link JanitorServices}: adapters built from the global configuration and the credentials store. */
final class JenkinsJanitorServices implements JanitorServices {
    private final IamJanitorConfiguration config;
    private final Run<?, ?> run;
    private final JenkinsCredentials credentials;
    private final JanitorAdapters adapters;

    private JenkinsJanitorServices(IamJanitorConfiguration config, Run<?, ?> run) {
        this.config = config;
        this.run = run;
        this.credentials = new JenkinsCredentials(run);
        this.adapters = new JanitorAdapters(IamJanitorConfiguration.uriOrNull(config.getAwsEndpointUrl()),
                IamJanitorConfiguration.uriOrNull(config.getCloudTrailEndpointUrl()), JenkinsProxies.current());
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
        return JanitorClock.current();
    }

    @Override
    public JanitorDefaults defaults() {
        return config.defaults();
    }

    /**
     * Credentials id: AWS or username/password keys; none: the controller's default chain. Then the role, if any. The
     * configured id resolves in the Jenkins context; a different id given by the step resolves as the build.
     */
    AwsClients aws(AwsTarget target) {
        String session = run == null ? "iam-janitor" : "iam-janitor-" + run.getExternalizableId();
        AwsCredentialsSource base = new AwsCredentialsSource.DefaultChain();
        if (target.credentialsId() != null) {
            JenkinsCredentials.Origin origin = target.credentialsId().equals(config.getAwsCredentialsId())
                    ? JenkinsCredentials.Origin.GLOBAL : JenkinsCredentials.Origin.SCRIPT;
            base = credentials.aws(target.credentialsId(), origin, session);
        }
        return adapters.aws(target, JanitorAdapters.credentials(target, base, session));
    }

    @Override
    public IamDirectory iamDirectory(AwsTarget target) {
        return adapters.iamDirectory(aws(target));
    }

    @Override
    public AccountDirectory accountDirectory(AwsTarget target, boolean readTags) {
        return adapters.accountDirectory(aws(target),
                IamJanitorConfiguration.uriOrNull(config.getOrganizationsEndpointUrl()), readTags);
    }

    @Override
    public IamUserAdmin iamUserAdmin(AwsTarget target) {
        return adapters.iamUserAdmin(aws(target));
    }

    @Override
    public ActivityLog activityLog(AwsTarget target) {
        return adapters.activityLog(aws(target), target.region());
    }

    @Override
    public ApprovalChannel approvalChannel() {
        return SlackRuntime.get().approvalChannel();
    }

    @Override
    public ReviewRegistry reviews() {
        return SlackRuntime.get().reviews();
    }

    @Override
    public TimeoutScheduler scheduler() {
        return ApprovalWaits.get().scheduler();
    }

    @Override
    public TicketTracker ticketTracker(String projectKey, String issueType) {
        if (config.getJiraBaseUrl() == null) {
            throw new ServiceException("Jira", "configure", null, "no Jira base URL configured");
        }
        return adapters.ticketTracker(URI.create(config.getJiraBaseUrl()), config.getJiraFlavour(), projectKey,
                issueType, jiraCredentials());
    }

    /** Username/password = Cloud account email + API token; Secret text = Data Center personal access token. */
    JiraCredentials jiraCredentials() {
        return jiraCredentialsFor(config.getJiraCredentialsId());
    }

    JiraCredentials jiraCredentialsFor(String credentialsId) {
        StandardCredentials c = credentials.jira(credentialsId);
        if (c instanceof StandardUsernamePasswordCredentials up) {
            return JiraCredentials.cloud(up.getUsername(), credentials.password(up));
        }
        if (c instanceof StringCredentials) {
            return JiraCredentials.personalAccessToken(
                    credentials.secretText(credentialsId, "Jira personal access token"));
        }
        throw new ServiceException("Jenkins", "credentials", null, "Jira credentials '" + c.getId()
                + "' must be Username with password (Cloud) or Secret text (Data Center token)");
    }

    @Override
    public IamQuarantineAdmin iamQuarantineAdmin(AwsTarget target) {
        return adapters.iamQuarantineAdmin(aws(target));
    }

    /** Slack follow-ups in the review's channel (else the default one); none when Slack is not configured. */
    @Override
    public ReviewNotifier notifier() {
        if (config.getSlackBotTokenCredentialsId() == null) {
            return ReviewNotifier.NONE;
        }
        try {
            return SlackRuntime.get().wiring().notifier(config.getSlackDefaultChannel());
        } catch (RuntimeException e) {
            // Reported by whoever notifies ("could not notify the approvers: ..."); never stops a sweep or release.
            String why = e.getMessage();
            return (record, title, lines) -> {
                throw new ServiceException("Slack", "chat.postMessage", null, "Slack is not usable: " + why, e);
            };
        }
    }

    @Override
    public BackupStore backupStore(Path directory) {
        return adapters.backupStore(directory, clock());
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
        List<String> all = new ArrayList<>(credentials.revealed());
        all.addAll(SlackRuntime.get().revealedSecrets());
        return all;
    }

    @Override
    public void close() {
        adapters.close();
    }

}
