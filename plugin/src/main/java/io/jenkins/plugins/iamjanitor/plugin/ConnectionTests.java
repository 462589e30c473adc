package io.jenkins.plugins.iamjanitor.plugin;

import hudson.util.FormValidation;
import io.jenkins.plugins.iamjanitor.core.port.ServiceException;
import java.util.Optional;

/** The configuration page's "Test connection" buttons: one cheap, read-only call each, one line back. */
final class ConnectionTests {
    private ConnectionTests() {
    }

    static FormValidation aws(AwsTarget target) {
        try {
            // A GetUser on a name that cannot exist proves credentials, role, region and iam:GetUser at once.
            Optional<?> user = JenkinsJanitorServices.global().iamDirectory(target)
                    .fetchLive("iam-janitor-connection-test-" + System.nanoTime());
            return FormValidation.ok("Connected to IAM" + (user.isPresent() ? "" : " (iam:GetUser answered)"));
        } catch (ServiceException | IllegalArgumentException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    static FormValidation slack(String botTokenCredentialsId, String channel) {
        return notYet("Slack");
    }

    static FormValidation jira(String baseUrl, String flavour, String credentialsId, String projectKey) {
        String problem = ConfigurationChecks.jiraBaseUrl(baseUrl);
        if (baseUrl == null || problem != null) {
            return FormValidation.error(problem == null ? "Enter the Jira base URL first" : problem);
        }
        return notYet("Jira");
    }

    private static FormValidation notYet(String system) {
        return FormValidation.warning(system + " connection test is not available in this build yet");
    }
}
