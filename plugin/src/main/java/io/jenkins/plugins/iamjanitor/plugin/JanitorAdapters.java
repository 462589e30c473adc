package io.jenkins.plugins.iamjanitor.plugin;

import io.jenkins.plugins.iamjanitor.core.org.AccountDirectory;
import io.jenkins.plugins.iamjanitor.integrations.aws.org.AwsOrganizationsAccounts;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import io.jenkins.plugins.iamjanitor.core.port.ActivityLog;
import io.jenkins.plugins.iamjanitor.core.port.BackupStore;
import io.jenkins.plugins.iamjanitor.core.port.IamDirectory;
import io.jenkins.plugins.iamjanitor.core.port.IamQuarantineAdmin;
import io.jenkins.plugins.iamjanitor.core.port.IamUserAdmin;
import io.jenkins.plugins.iamjanitor.core.port.ProgressListener;
import io.jenkins.plugins.iamjanitor.core.port.TicketTracker;
import io.jenkins.plugins.iamjanitor.integrations.aws.AwsClients;
import io.jenkins.plugins.iamjanitor.integrations.aws.AwsCredentialsSource;
import io.jenkins.plugins.iamjanitor.integrations.aws.AwsIamDirectory;
import io.jenkins.plugins.iamjanitor.integrations.aws.AwsIamQuarantineAdmin;
import io.jenkins.plugins.iamjanitor.integrations.aws.AwsIamUserAdmin;
import io.jenkins.plugins.iamjanitor.integrations.aws.AwsSettings;
import io.jenkins.plugins.iamjanitor.integrations.aws.cloudtrail.AwsCloudTrailActivityLog;
import io.jenkins.plugins.iamjanitor.integrations.aws.cloudtrail.CloudTrailClientFactory;
import io.jenkins.plugins.iamjanitor.integrations.aws.cloudtrail.CloudTrailSettings;
import io.jenkins.plugins.iamjanitor.integrations.backup.JsonBackupStore;
import io.jenkins.plugins.iamjanitor.integrations.http.HttpProxy;
import io.jenkins.plugins.iamjanitor.integrations.jira.JiraCredentials;
import io.jenkins.plugins.iamjanitor.integrations.jira.JiraFlavour;
import io.jenkins.plugins.iamjanitor.integrations.jira.JiraRestClient;
import io.jenkins.plugins.iamjanitor.integrations.jira.JiraSettings;
import io.jenkins.plugins.iamjanitor.integrations.jira.JiraTicketTracker;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the real adapters from settings whose secrets are already resolved. No Jenkins types, so the same code runs
 * in production (AWS endpoints) and in tests (the sandbox's endpoints). Clients opened here are closed with it.
 */
final class JanitorAdapters implements AutoCloseable {
    private final URI awsEndpoint;
    private final URI cloudTrailEndpoint;
    private final HttpProxy proxy;
    private final Map<AwsTarget, AwsClients> aws = new LinkedHashMap<>();
    private final List<AutoCloseable> opened = new ArrayList<>();

    /** @param awsEndpoint IAM/STS endpoint override, null for AWS; cloudTrailEndpoint likewise for CloudTrail */
    JanitorAdapters(URI awsEndpoint, URI cloudTrailEndpoint) {
        this(awsEndpoint, cloudTrailEndpoint, null);
    }

    /** @param proxy the HTTP proxy for every AWS and Jira call, null for direct connections */
    JanitorAdapters(URI awsEndpoint, URI cloudTrailEndpoint, HttpProxy proxy) {
        this.awsEndpoint = awsEndpoint;
        this.cloudTrailEndpoint = cloudTrailEndpoint;
        this.proxy = proxy;
    }

    /** The base credentials, then the role to assume when the target names one. */
    static AwsCredentialsSource credentials(AwsTarget target, AwsCredentialsSource base, String sessionName) {
        AwsCredentialsSource source = base == null ? new AwsCredentialsSource.DefaultChain() : base;
        return target.roleArn() == null ? source
                : new AwsCredentialsSource.AssumeRole(target.roleArn(), target.externalId(), sessionName, source);
    }

    /** One set of AWS clients per target for the life of this object (a step shares them between ports). */
    synchronized AwsClients aws(AwsTarget target, AwsCredentialsSource credentials) {
        return aws.computeIfAbsent(target, t -> new AwsClients(new AwsSettings(t.region(), awsEndpoint,
                cloudTrailEndpoint, credentials, 8, null, null, proxy)));
    }

    IamDirectory iamDirectory(AwsClients clients) {
        return new AwsIamDirectory(clients.iam());
    }

    /** @param endpoint Organizations endpoint override, null for AWS */
    synchronized AccountDirectory accountDirectory(AwsClients clients, URI endpoint, boolean readTags) {
        OrganizationsClient client = clients.organizations(endpoint);
        opened.add(client);
        return new AwsOrganizationsAccounts(client, readTags);
    }

    IamUserAdmin iamUserAdmin(AwsClients clients) {
        return new AwsIamUserAdmin(clients.iam());
    }

    IamQuarantineAdmin iamQuarantineAdmin(AwsClients clients) {
        return new AwsIamQuarantineAdmin(clients.iam());
    }

    synchronized ActivityLog activityLog(AwsClients clients, String region) {
        CloudTrailClientFactory regional = CloudTrailClientFactory.from(clients);
        opened.add(regional);
        return new AwsCloudTrailActivityLog(CloudTrailSettings.defaults(List.of(region)), regional);
    }

    TicketTracker ticketTracker(URI baseUrl, String flavour, String projectKey, String issueType,
            JiraCredentials credentials) {
        JiraFlavour f = JiraFlavour.parse(flavour);
        JiraSettings settings = new JiraSettings(baseUrl, f, projectKey, issueType, List.of(), null, null, Map.of(),
                false);
        return new JiraTicketTracker(JiraRestClient.create(baseUrl, credentials, f, proxy), settings,
                ProgressListener.NONE);
    }

    BackupStore backupStore(Path directory, Clock clock) {
        return new JsonBackupStore(directory, clock);
    }

    @Override
    public synchronized void close() {
        List<AutoCloseable> all = new ArrayList<>(opened);
        all.addAll(aws.values());
        for (AutoCloseable c : all) {
            try {
                c.close();
            } catch (Exception e) {
                // Closing idle HTTP clients cannot lose data; nothing to report.
            }
        }
        opened.clear();
        aws.clear();
    }
}
