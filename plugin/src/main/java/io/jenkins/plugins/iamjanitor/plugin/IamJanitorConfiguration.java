package io.jenkins.plugins.iamjanitor.plugin;

import hudson.Extension;
import hudson.ExtensionList;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionSettings;
import io.jenkins.plugins.iamjanitor.core.policy.Exemptions;
import io.jenkins.plugins.iamjanitor.core.policy.PolicySettings;
import io.jenkins.plugins.iamjanitor.core.config.PolicyError;
import io.jenkins.plugins.iamjanitor.core.config.PolicyException;
import io.jenkins.plugins.iamjanitor.integrations.config.PolicyFileParser;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jenkins.util.Timer;
import org.jenkinsci.Symbol;
import net.sf.json.JSONObject;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.StaplerRequest2;

/**
 * Manage Jenkins → System → IAM Janitor (JCasC: {@code unclassified: iamJanitor:}). Secrets are never stored here:
 * only ids of credentials in the Credentials plugin.
 */
@Extension
@Symbol("iamJanitor")
public class IamJanitorConfiguration extends IamJanitorConfigurationForm {
    static final String DEFAULT_REGION = "us-east-1";
    static final String GLOBAL_POLICY = StepPolicy.GLOBAL;

    private String awsCredentialsId;
    private String awsRegion = DEFAULT_REGION;
    private String awsRoleArn;
    private String awsExternalId;
    private String slackBotTokenCredentialsId;
    private String slackSigningSecretCredentialsId;
    private String slackAppTokenCredentialsId;
    private String slackDefaultChannel;
    private String slackApprovers;
    private String jenkinsApprovers;
    private String jiraBaseUrl;
    private String jiraFlavour = "auto";
    private String jiraCredentialsId;
    private String jiraProjectKey;
    private String jiraIssueType = "Task";
    private int policyDays = PolicySettings.DEFAULT_DAYS;
    private String exemptTag = Exemptions.DEFAULT_TAG;
    private int maxDeletions = DeletionSettings.DEFAULT_MAX_DELETIONS;
    // The global policy file (YAML, docs/configuration.md); validated before it is kept.
    private String policyYaml;
    // Advanced: endpoint overrides (VPC/FIPS endpoints, a proxy gateway, an emulator); empty means the public ones.
    private String awsEndpointUrl;
    private String cloudTrailEndpointUrl;
    private String organizationsEndpointUrl;
    private String slackApiUrl;
    // Job authority: which jobs may act with the AWS identity above (nobody until an administrator says so).
    private String awsAllowedJobs;
    private String awsRoleOverrideJobs;
    private boolean awsUseDefaultChain;

    public IamJanitorConfiguration() {
        load();
        if (slackAppTokenCredentialsId != null) {
            // At startup: give Jenkins (and the credentials store) time to come up; reconciling is idempotent.
            Timer.get().schedule(() -> SocketModeLifecycle.reconcileQuietly(this), 30, TimeUnit.SECONDS);
        }
    }

    public static IamJanitorConfiguration get() {
        return ExtensionList.lookupSingleton(IamJanitorConfiguration.class);
    }

    @Override
    public String getDisplayName() {
        return "IAM Janitor";
    }

    /** The values steps fall back to. */
    public JanitorDefaults defaults() {
        return new JanitorDefaults(new AwsTarget(awsCredentialsId, awsRegion, awsRoleArn, awsExternalId), policyDays,
                exemptTag, maxDeletions, slackDefaultChannel, split(slackApprovers), jiraProjectKey, jiraIssueType,
                policyYaml);
    }

    static List<String> split(String list) {
        return list == null ? List.of()
                : Arrays.stream(list.split("[,\\s]+")).filter(s -> !s.isBlank()).map(String::trim).toList();
    }

    static String trim(String v) {
        return v == null || v.isBlank() ? null : v.trim();
    }

    public String getAwsCredentialsId() {
        return awsCredentialsId;
    }

    @DataBoundSetter
    public void setAwsCredentialsId(String awsCredentialsId) {
        this.awsCredentialsId = trim(awsCredentialsId);
        save();
    }

    public String getAwsRegion() {
        return awsRegion;
    }

    @DataBoundSetter
    public void setAwsRegion(String awsRegion) {
        this.awsRegion = trim(awsRegion) == null ? DEFAULT_REGION : awsRegion.trim();
        save();
    }

    public String getAwsRoleArn() {
        return awsRoleArn;
    }

    @DataBoundSetter
    public void setAwsRoleArn(String awsRoleArn) {
        this.awsRoleArn = trim(awsRoleArn);
        save();
    }

    public String getAwsExternalId() {
        return awsExternalId;
    }

    @DataBoundSetter
    public void setAwsExternalId(String awsExternalId) {
        this.awsExternalId = trim(awsExternalId);
        save();
    }

    public String getSlackBotTokenCredentialsId() {
        return slackBotTokenCredentialsId;
    }

    @DataBoundSetter
    public void setSlackBotTokenCredentialsId(String slackBotTokenCredentialsId) {
        this.slackBotTokenCredentialsId = trim(slackBotTokenCredentialsId);
        save();
    }

    public String getSlackSigningSecretCredentialsId() {
        return slackSigningSecretCredentialsId;
    }

    @DataBoundSetter
    public void setSlackSigningSecretCredentialsId(String slackSigningSecretCredentialsId) {
        this.slackSigningSecretCredentialsId = trim(slackSigningSecretCredentialsId);
        save();
    }

    public String getSlackAppTokenCredentialsId() {
        return slackAppTokenCredentialsId;
    }

    /** Socket Mode follows this: set starts the client, cleared stops it. */
    @DataBoundSetter
    public void setSlackAppTokenCredentialsId(String slackAppTokenCredentialsId) {
        this.slackAppTokenCredentialsId = trim(slackAppTokenCredentialsId);
        save();
        SocketModeLifecycle.reconcileQuietly(this);
    }

    public String getSlackDefaultChannel() {
        return slackDefaultChannel;
    }

    @DataBoundSetter
    public void setSlackDefaultChannel(String slackDefaultChannel) {
        this.slackDefaultChannel = trim(slackDefaultChannel);
        save();
    }

    public String getSlackApprovers() {
        return slackApprovers;
    }

    @DataBoundSetter
    public void setSlackApprovers(String slackApprovers) {
        this.slackApprovers = trim(slackApprovers);
        save();
    }

    /** Jenkins user ids and group names who may decide on the build's "IAM review" page; empty means nobody. */
    public String getJenkinsApprovers() {
        return jenkinsApprovers;
    }

    @DataBoundSetter
    public void setJenkinsApprovers(String jenkinsApprovers) {
        this.jenkinsApprovers = trim(jenkinsApprovers);
        save();
    }

    public String getJiraBaseUrl() {
        return jiraBaseUrl;
    }

    @DataBoundSetter
    public void setJiraBaseUrl(String jiraBaseUrl) {
        this.jiraBaseUrl = trim(jiraBaseUrl);
        save();
    }

    public String getJiraFlavour() {
        return jiraFlavour;
    }

    @DataBoundSetter
    public void setJiraFlavour(String jiraFlavour) {
        this.jiraFlavour = trim(jiraFlavour) == null ? "auto" : jiraFlavour.trim();
        save();
    }

    public String getJiraCredentialsId() {
        return jiraCredentialsId;
    }

    @DataBoundSetter
    public void setJiraCredentialsId(String jiraCredentialsId) {
        this.jiraCredentialsId = trim(jiraCredentialsId);
        save();
    }

    public String getJiraProjectKey() {
        return jiraProjectKey;
    }

    @DataBoundSetter
    public void setJiraProjectKey(String jiraProjectKey) {
        this.jiraProjectKey = trim(jiraProjectKey);
        save();
    }

    public String getJiraIssueType() {
        return jiraIssueType;
    }

    @DataBoundSetter
    public void setJiraIssueType(String jiraIssueType) {
        this.jiraIssueType = trim(jiraIssueType) == null ? "Task" : jiraIssueType.trim();
        save();
    }

    public int getPolicyDays() {
        return policyDays;
    }

    @DataBoundSetter
    public void setPolicyDays(int policyDays) {
        this.policyDays = policyDays;
        save();
    }

    public String getExemptTag() {
        return exemptTag;
    }

    @DataBoundSetter
    public void setExemptTag(String exemptTag) {
        this.exemptTag = trim(exemptTag);
        save();
    }

    public String getPolicyYaml() {
        return policyYaml;
    }

    /** Refuses an invalid file (every error with line and column) so that a typo never drops an exemption. */
    @DataBoundSetter
    public void setPolicyYaml(String policyYaml) {
        String text = policyYaml == null || policyYaml.isBlank() ? null : policyYaml;
        List<PolicyError> errors = text == null ? List.of() : new PolicyFileParser().validate(GLOBAL_POLICY, text);
        if (!errors.isEmpty()) {
            throw new PolicyException(errors);
        }
        this.policyYaml = text;
        save();
    }

    /** The form's save: an invalid policy file is refused with its errors and nothing is changed. */
    @Override
    public boolean configure(StaplerRequest2 req, JSONObject json) throws FormException {
        String text = json.optString("policyYaml", "");
        List<PolicyError> errors = text.isBlank() ? List.of() : new PolicyFileParser().validate(GLOBAL_POLICY, text);
        if (!errors.isEmpty()) {
            throw new FormException("Policy file: " + new PolicyException(errors).getMessage(), "policyYaml");
        }
        return super.configure(req, json);
    }

    public int getMaxDeletions() {
        return maxDeletions;
    }

    @DataBoundSetter
    public void setMaxDeletions(int maxDeletions) {
        this.maxDeletions = maxDeletions;
        save();
    }

    public String getAwsEndpointUrl() {
        return awsEndpointUrl;
    }

    @DataBoundSetter
    public void setAwsEndpointUrl(String awsEndpointUrl) {
        this.awsEndpointUrl = trim(awsEndpointUrl);
        save();
    }

    public String getCloudTrailEndpointUrl() {
        return cloudTrailEndpointUrl;
    }

    @DataBoundSetter
    public void setCloudTrailEndpointUrl(String cloudTrailEndpointUrl) {
        this.cloudTrailEndpointUrl = trim(cloudTrailEndpointUrl);
        save();
    }

    public String getOrganizationsEndpointUrl() {
        return organizationsEndpointUrl;
    }

    @DataBoundSetter
    public void setOrganizationsEndpointUrl(String organizationsEndpointUrl) {
        this.organizationsEndpointUrl = trim(organizationsEndpointUrl);
        save();
    }

    public String getSlackApiUrl() {
        return slackApiUrl;
    }

    @DataBoundSetter
    public void setSlackApiUrl(String slackApiUrl) {
        this.slackApiUrl = trim(slackApiUrl);
        save();
    }

    public String getAwsAllowedJobs() {
        return awsAllowedJobs;
    }

    /** Full job-name patterns (one per line or comma-separated) that may use the AWS identity; empty: none. */
    @DataBoundSetter
    public void setAwsAllowedJobs(String awsAllowedJobs) {
        this.awsAllowedJobs = trim(awsAllowedJobs);
        save();
    }

    public String getAwsRoleOverrideJobs() {
        return awsRoleOverrideJobs;
    }

    @DataBoundSetter
    public void setAwsRoleOverrideJobs(String awsRoleOverrideJobs) {
        this.awsRoleOverrideJobs = trim(awsRoleOverrideJobs);
        save();
    }

    public boolean isAwsUseDefaultChain() {
        return awsUseDefaultChain;
    }

    @DataBoundSetter
    public void setAwsUseDefaultChain(boolean awsUseDefaultChain) {
        this.awsUseDefaultChain = awsUseDefaultChain;
        save();
    }

    static java.net.URI uriOrNull(String url) {
        return url == null ? null : java.net.URI.create(url);
    }
}
