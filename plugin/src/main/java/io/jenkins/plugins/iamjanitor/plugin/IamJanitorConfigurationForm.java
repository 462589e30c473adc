package io.jenkins.plugins.iamjanitor.plugin;

import com.cloudbees.plugins.credentials.CredentialsNameProvider;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import jenkins.model.GlobalConfiguration;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * The configuration page's field checks, credential pickers and "Test connection" buttons (Stapler finds them on
 * this superclass of {@link IamJanitorConfiguration}). All are POST only and for administrators only: they reveal
 * which credentials exist and reach out to AWS, Slack and Jira.
 */
public abstract class IamJanitorConfigurationForm extends GlobalConfiguration {
    private static FormValidation result(String problem) {
        return problem == null ? FormValidation.ok() : FormValidation.error(problem);
    }

    private static void checkAdmin() {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
    }

    @POST
    public FormValidation doCheckAwsRegion(@QueryParameter String value) {
        checkAdmin();
        return result(ConfigurationChecks.region(value));
    }

    @POST
    public FormValidation doCheckAwsRoleArn(@QueryParameter String value) {
        checkAdmin();
        return result(ConfigurationChecks.roleArn(value));
    }

    @POST
    public FormValidation doCheckAwsExternalId(@QueryParameter String value, @QueryParameter String awsRoleArn) {
        checkAdmin();
        return result(ConfigurationChecks.externalId(value, awsRoleArn));
    }

    @POST
    public FormValidation doCheckSlackDefaultChannel(@QueryParameter String value) {
        checkAdmin();
        return result(ConfigurationChecks.channel(value));
    }

    @POST
    public FormValidation doCheckSlackApprovers(@QueryParameter String value) {
        checkAdmin();
        String problem = ConfigurationChecks.approvers(value);
        return problem == null ? FormValidation.ok() : FormValidation.warning(problem);
    }

    @POST
    public FormValidation doCheckJiraBaseUrl(@QueryParameter String value) {
        checkAdmin();
        return result(ConfigurationChecks.jiraBaseUrl(value));
    }

    @POST
    public FormValidation doCheckJiraFlavour(@QueryParameter String value) {
        checkAdmin();
        return result(ConfigurationChecks.jiraFlavour(value));
    }

    @POST
    public FormValidation doCheckJiraProjectKey(@QueryParameter String value) {
        checkAdmin();
        return result(ConfigurationChecks.projectKey(value));
    }

    @POST
    public FormValidation doCheckPolicyDays(@QueryParameter int value) {
        checkAdmin();
        return result(ConfigurationChecks.positive(value, 3650));
    }

    @POST
    public FormValidation doCheckMaxDeletions(@QueryParameter int value) {
        checkAdmin();
        return result(ConfigurationChecks.positive(value, 1000));
    }

    @POST
    public ListBoxModel doFillAwsCredentialsIdItems() {
        checkAdmin();
        // AWS credentials (aws-credentials plugin) or username/password = access key id/secret access key.
        return credentials(StandardCredentials.class, "- default credential chain of the controller -");
    }

    @POST
    public ListBoxModel doFillSlackBotTokenCredentialsIdItems() {
        checkAdmin();
        return credentials(StringCredentials.class, "- none -");
    }

    @POST
    public ListBoxModel doFillSlackSigningSecretCredentialsIdItems() {
        checkAdmin();
        return credentials(StringCredentials.class, "- none -");
    }

    @POST
    public ListBoxModel doFillSlackAppTokenCredentialsIdItems() {
        checkAdmin();
        return credentials(StringCredentials.class, "- none (use the interactivity URL) -");
    }

    @POST
    public ListBoxModel doFillJiraCredentialsIdItems() {
        checkAdmin();
        ListBoxModel m = credentials(StandardUsernamePasswordCredentials.class, "- none -");
        CredentialsProvider.lookupCredentials(StringCredentials.class, Jenkins.get())
                .forEach(c -> m.add(CredentialsNameProvider.name(c), c.getId()));
        return m;
    }

    @SuppressWarnings("deprecation")
    private static ListBoxModel credentials(Class<? extends StandardCredentials> type, String empty) {
        ListBoxModel m = new ListBoxModel();
        m.add(empty, "");
        for (StandardCredentials c : CredentialsProvider.lookupCredentials(type, Jenkins.get())) {
            m.add(CredentialsNameProvider.name(c), c.getId());
        }
        return m;
    }

    @POST
    public FormValidation doTestAwsConnection(@QueryParameter String awsCredentialsId,
            @QueryParameter String awsRegion, @QueryParameter String awsRoleArn,
            @QueryParameter String awsExternalId) {
        checkAdmin();
        String region = IamJanitorConfiguration.trim(awsRegion);
        return ConnectionTests.aws(new AwsTarget(IamJanitorConfiguration.trim(awsCredentialsId),
                region == null ? IamJanitorConfiguration.DEFAULT_REGION : region,
                IamJanitorConfiguration.trim(awsRoleArn), IamJanitorConfiguration.trim(awsExternalId)));
    }

    @POST
    public FormValidation doTestSlackConnection(@QueryParameter String slackBotTokenCredentialsId,
            @QueryParameter String slackDefaultChannel) {
        checkAdmin();
        return ConnectionTests.slack(IamJanitorConfiguration.trim(slackBotTokenCredentialsId),
                IamJanitorConfiguration.trim(slackDefaultChannel));
    }

    @POST
    public FormValidation doTestJiraConnection(@QueryParameter String jiraBaseUrl, @QueryParameter String jiraFlavour,
            @QueryParameter String jiraCredentialsId, @QueryParameter String jiraProjectKey) {
        checkAdmin();
        return ConnectionTests.jira(IamJanitorConfiguration.trim(jiraBaseUrl),
                IamJanitorConfiguration.trim(jiraFlavour), IamJanitorConfiguration.trim(jiraCredentialsId),
                IamJanitorConfiguration.trim(jiraProjectKey));
    }
}
