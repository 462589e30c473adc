package io.jenkins.plugins.iamjanitor.plugin;

import hudson.util.FormValidation;
import io.jenkins.plugins.iamjanitor.core.port.ServiceException;
import io.jenkins.plugins.iamjanitor.integrations.aws.AwsClients;
import io.jenkins.plugins.iamjanitor.integrations.jira.JiraFlavour;
import io.jenkins.plugins.iamjanitor.integrations.jira.JiraRestClient;
import io.jenkins.plugins.iamjanitor.integrations.jira.JiraSettings;
import io.jenkins.plugins.iamjanitor.integrations.jira.JiraTicketTracker;
import io.jenkins.plugins.iamjanitor.integrations.slack.SlackSecret;
import io.jenkins.plugins.iamjanitor.integrations.slack.SlackWebClient;
import io.jenkins.plugins.iamjanitor.core.port.ProgressListener;
import java.net.URI;
import java.util.List;
import java.util.Map;

/** The configuration page's "Test connection" buttons: one cheap, read-only call each, one line back. */
final class ConnectionTests {
    private ConnectionTests() {
    }

    static FormValidation aws(AwsTarget target) {
        JenkinsJanitorServices services = JenkinsJanitorServices.global();
        try {
            AwsClients clients = services.aws(target);
            var id = clients.sts().getCallerIdentity();
            return FormValidation.ok("Connected to account " + id.account() + " as " + id.arn());
        } catch (ServiceException | IllegalArgumentException e) {
            return FormValidation.error(e.getMessage());
        } catch (RuntimeException e) {
            // SDK errors: the message names the service and the error code, never a secret key.
            return FormValidation.error("AWS STS GetCallerIdentity failed: " + e.getMessage());
        } finally {
            services.close();
        }
    }

    static FormValidation slack(String botTokenCredentialsId, String channel) {
        try {
            String token = new JenkinsCredentials(null).secretText(botTokenCredentialsId, "Slack bot token");
            String api = IamJanitorConfiguration.get().getSlackApiUrl();
            String who = new SlackWebClient(api == null ? SlackWebClient.DEFAULT_BASE : URI.create(api),
                    SlackSecret.of(token), JenkinsProxies.current()).authTest();
            String problem = ConfigurationChecks.channel(channel);
            return problem == null ? FormValidation.ok("Connected to Slack workspace " + who)
                    : FormValidation.warning("Connected to Slack workspace " + who + ", but: " + problem);
        } catch (ServiceException | IllegalArgumentException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    static FormValidation jira(String baseUrl, String flavour, String credentialsId, String projectKey) {
        String problem = ConfigurationChecks.jiraBaseUrl(baseUrl);
        if (baseUrl == null || problem != null) {
            return FormValidation.error(problem == null ? "Enter the Jira base URL first" : problem);
        }
        try {
            JenkinsJanitorServices services = JenkinsJanitorServices.global();
            JiraFlavour f = JiraFlavour.parse(flavour);
            JiraSettings settings = new JiraSettings(URI.create(baseUrl), f, projectKey == null ? "TEST" : projectKey,
                    null, List.of(), null, null, Map.of(), true);
            JiraTicketTracker tracker = new JiraTicketTracker(
                    JiraRestClient.create(settings.baseUrl(), services.jiraCredentialsFor(credentialsId), f,
                            JenkinsProxies.current()),
                    settings, ProgressListener.NONE);
            return FormValidation.ok(tracker.testConnection());
        } catch (ServiceException | IllegalArgumentException e) {
            return FormValidation.error(e.getMessage());
        }
    }
}
