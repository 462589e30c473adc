package io.jenkins.plugins.iamjanitor.plugin.jenkins;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.domains.Domain;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
import hudson.util.Secret;
import io.jenkins.plugins.iamjanitor.plugin.IamJanitorConfiguration;
import io.jenkins.plugins.iamjanitor.sandbox.Sandbox;
import io.jenkins.plugins.iamjanitor.sandbox.Scenario;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jvnet.hudson.test.JenkinsRule;

/**
 * A real Jenkins pointed at the sandbox's emulators through the global configuration (endpoint overrides) and real
 * Credentials-plugin entries: what an administrator would configure, with loopback URLs. Close it after the test.
 */
public final class SandboxJenkins implements AutoCloseable {
    public static final String AWS_ID = "aws-sandbox";
    public static final String SLACK_BOT_ID = "slack-bot";
    public static final String SLACK_SIGNING_ID = "slack-signing";
    public static final String JIRA_ID = "jira";
    public static final String AWS_SECRET = "sandbox-secret-key";
    public static final String SLACK_BOT = "xoxb-sandbox-bot-token";
    public static final String SLACK_SIGNING = "sandbox-signing-secret";
    public static final String JIRA_TOKEN = "sandbox-jira-api-token";
    public static final String APPROVER = "U0SECLEAD";

    public final JenkinsRule j;
    public final Sandbox sandbox;

    private SandboxJenkins(JenkinsRule j, Sandbox sandbox) {
        this.j = j;
        this.sandbox = sandbox;
    }

    /** The built-in 40-user scenario behind a fully configured IAM Janitor. */
    public static SandboxJenkins start(JenkinsRule j) throws Exception {
        return start(j, Scenario.builtIn());
    }

    public static SandboxJenkins start(JenkinsRule j, Scenario scenario) throws Exception {
        SandboxJenkins s = new SandboxJenkins(j, Sandbox.start(scenario, 0));
        s.configure();
        return s;
    }

    private void configure() throws Exception {
        var store = CredentialsProvider.lookupStores(j.jenkins).iterator().next();
        store.addCredentials(Domain.global(), new UsernamePasswordCredentialsImpl(CredentialsScope.GLOBAL, AWS_ID,
                "sandbox AWS keys", "AKIASANDBOX", AWS_SECRET));
        store.addCredentials(Domain.global(), new StringCredentialsImpl(CredentialsScope.GLOBAL, SLACK_BOT_ID,
                "Slack bot", Secret.fromString(SLACK_BOT)));
        store.addCredentials(Domain.global(), new StringCredentialsImpl(CredentialsScope.GLOBAL, SLACK_SIGNING_ID,
                "Slack signing", Secret.fromString(SLACK_SIGNING)));
        store.addCredentials(Domain.global(), new UsernamePasswordCredentialsImpl(CredentialsScope.GLOBAL, JIRA_ID,
                "Jira", "janitor@example.com", JIRA_TOKEN));
        IamJanitorConfiguration c = IamJanitorConfiguration.get();
        c.setAwsCredentialsId(AWS_ID);
        c.setAwsRegion("us-east-1");
        c.setAwsEndpointUrl(sandbox.iamEndpoint().toString());
        c.setCloudTrailEndpointUrl(sandbox.endpoints().get(Sandbox.CLOUDTRAIL).toString());
        c.setSlackApiUrl(sandbox.slack().apiBase().toString());
        c.setSlackBotTokenCredentialsId(SLACK_BOT_ID);
        c.setSlackSigningSecretCredentialsId(SLACK_SIGNING_ID);
        c.setSlackDefaultChannel("#iam-review");
        c.setSlackApprovers(APPROVER);
        // Every test job may use the sandbox's AWS identity; job-authority tests narrow this.
        c.setAwsAllowedJobs("**");
        c.setJiraBaseUrl(sandbox.jira().baseUrl().toString());
        c.setJiraFlavour("cloud");
        c.setJiraCredentialsId(JIRA_ID);
        c.setJiraProjectKey("SEC");
        c.setJiraIssueType("Task");
    }

    @Override
    public void close() {
        sandbox.close();
    }
}
