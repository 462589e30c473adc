package io.jenkins.plugins.iamjanitor.plugin;

import com.cloudbees.jenkins.plugins.awscredentials.AmazonWebServicesCredentials;
import com.cloudbees.plugins.credentials.CredentialsMatcher;
import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.iamjanitor.core.config.PolicyError;
import io.jenkins.plugins.iamjanitor.integrations.config.PolicyFileParser;
import java.util.List;
import java.util.stream.Collectors;
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

    /** Every error of the policy file at once, each with its line and column. */
    @POST
    public FormValidation doCheckPolicyYaml(@QueryParameter String value) {
        checkAdmin();
        if (value == null || value.isBlank()) {
            return FormValidation.ok();
        }
        List<PolicyError> errors = new PolicyFileParser().validate(StepPolicy.GLOBAL, value);
        if (errors.isEmpty()) {
            return FormValidation.ok();
        }
        return FormValidation.error(errors.size() + (errors.size() == 1 ? " problem:\n" : " problems:\n")
                + errors.stream().map(PolicyError::toString).collect(Collectors.joining("\n")));
    }

    @POST
    public FormValidation doCheckMaxDeletions(@QueryParameter int value) {
        checkAdmin();
        return result(ConfigurationChecks.positive(value, 1000));
    }

    @POST
    public ListBoxModel doFillAwsCredentialsIdItems(@QueryParameter String awsCredentialsId) {
        checkAdmin();
        // AWS credentials (aws-credentials plugin) or username/password = access key id/secret access key; the empty
        // entry means the controller's default credential chain.
        ListBoxModel m = credentials(awsCredentialsId, CredentialsMatchers.anyOf(
                CredentialsMatchers.instanceOf(AmazonWebServicesCredentials.class),
                CredentialsMatchers.instanceOf(StandardUsernamePasswordCredentials.class)));
        m.get(0).name = "- default credential chain of the controller -";
        return m;
    }

    @POST
    public ListBoxModel doFillSlackBotTokenCredentialsIdItems(@QueryParameter String slackBotTokenCredentialsId) {
        checkAdmin();
        return credentials(slackBotTokenCredentialsId, CredentialsMatchers.instanceOf(StringCredentials.class));
    }

    @POST
    public ListBoxModel doFillSlackSigningSecretCredentialsIdItems(
            @QueryParameter String slackSigningSecretCredentialsId) {
        checkAdmin();
        return credentials(slackSigningSecretCredentialsId, CredentialsMatchers.instanceOf(StringCredentials.class));
    }

    @POST
    public ListBoxModel doFillSlackAppTokenCredentialsIdItems(@QueryParameter String slackAppTokenCredentialsId) {
        checkAdmin();
        return credentials(slackAppTokenCredentialsId, CredentialsMatchers.instanceOf(StringCredentials.class));
    }

    @POST
    public ListBoxModel doFillJiraCredentialsIdItems(@QueryParameter String jiraCredentialsId) {
        checkAdmin();
        // Username/password (Cloud: email + API token) or Secret text (Data Center personal access token).
        return credentials(jiraCredentialsId, CredentialsMatchers.anyOf(
                CredentialsMatchers.instanceOf(StandardUsernamePasswordCredentials.class),
                CredentialsMatchers.instanceOf(StringCredentials.class)));
    }

    /**
     * The entries of the kind a field takes that the configuration can use (the Jenkins context, as the system, so
     * System-scoped ones too). Each picker names its own field as a parameter, so the page sends the saved id along:
     * it stays selectable even when it is not listed (deleted, or of another kind), so saving never clears it.
     */
    private static ListBoxModel credentials(String current, CredentialsMatcher kind) {
        return new StandardListBoxModel()
                .includeEmptyValue()
                .includeMatchingAs(ACL.SYSTEM2, Jenkins.get(), StandardCredentials.class, List.of(), kind)
                .includeCurrentValue(current);
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
