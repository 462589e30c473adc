package io.jenkins.plugins.iamjanitor.plugin.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.ProxyConfiguration;
import io.jenkins.plugins.iamjanitor.plugin.IamJanitorConfiguration;
import io.jenkins.plugins.iamjanitor.sandbox.proxy.ForwardProxy;
import java.net.URL;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebRequest;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Jenkins' own proxy settings (Manage Jenkins → System → HTTP Proxy Configuration) carry the AWS, Slack and Jira
 * calls, with the proxy's credentials, except to the "No Proxy Host" patterns.
 */
@WithJenkins
class ProxyInJenkinsTest {

    @Test
    void awsSlackAndJiraCallsGoThroughTheJenkinsProxy(JenkinsRule j) throws Exception {
        try (SandboxJenkins s = SandboxJenkins.start(j); ForwardProxy proxy = new ForwardProxy("janitor", "proxy-pw")) {
            j.jenkins.setProxy(new ProxyConfiguration("127.0.0.1", proxy.port(), "janitor", "proxy-pw",
                    "*.internal.example"));
            WorkflowJob p = j.createProject(WorkflowJob.class, "scan");
            p.setDefinition(new CpsFlowDefinition("iamListInactive(days: 21)", true));
            WorkflowRun b = j.buildAndAssertSuccess(p);
            j.assertLogNotContains("proxy-pw", b);
            String iam = s.sandbox.iamEndpoint().toString().replaceAll("/$", "");
            assertThat(proxy.forwarded()).anyMatch(r -> r.startsWith("POST " + iam));
            assertThat(proxy.challenged()).as("the proxy's credentials were asked for and given").isNotEmpty();

            String base = "descriptorByName/" + IamJanitorConfiguration.class.getName() + "/";
            JenkinsRule.WebClient wc = j.createWebClient();
            assertThat(post(j, wc, base + "testSlackConnection?slackBotTokenCredentialsId="
                    + SandboxJenkins.SLACK_BOT_ID)).contains("Connected to Slack workspace");
            assertThat(post(j, wc, base + "testJiraConnection?jiraBaseUrl=" + s.sandbox.jira().baseUrl()
                    + "&jiraFlavour=cloud&jiraCredentialsId=" + SandboxJenkins.JIRA_ID)).contains("Connected to Jira");
            assertThat(proxy.forwarded()).anyMatch(r -> r.contains("auth.test")).anyMatch(r -> r.contains("/myself"));

            // Hosts listed as "No Proxy Host" are reached directly.
            int seen = proxy.forwarded().size();
            j.jenkins.setProxy(new ProxyConfiguration("127.0.0.1", proxy.port(), "janitor", "proxy-pw",
                    "localhost\n127.0.0.*"));
            j.buildAndAssertSuccess(p);
            assertThat(proxy.forwarded()).hasSize(seen);
        }
    }

    private static String post(JenkinsRule j, JenkinsRule.WebClient wc, String path) throws Exception {
        WebRequest request = new WebRequest(new URL(j.getURL(), path), HttpMethod.POST);
        return wc.getPage(wc.addCrumb(request)).getWebResponse().getContentAsString();
    }
}
