package io.jenkins.plugins.iamjanitor.plugin.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.domains.Domain;
import hudson.util.Secret;
import io.jenkins.plugins.casc.ConfigurationAsCode;
import io.jenkins.plugins.casc.ConfigurationContext;
import io.jenkins.plugins.casc.ConfiguratorRegistry;
import io.jenkins.plugins.casc.misc.Util;
import io.jenkins.plugins.iamjanitor.plugin.IamJanitorConfiguration;
import io.jenkins.plugins.iamjanitor.plugin.IamJanitorConfigurationForm;
import java.lang.reflect.Method;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jenkins.model.Jenkins;
import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.WebRequest;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Manage Jenkins → System → IAM Janitor in a real Jenkins: the page renders, saving it keeps every field (an unlisted
 * credentials id included), the saved file reloads, JCasC exports and re-imports the same values, and every form
 * endpoint is POST-only and for administrators only.
 */
@WithJenkins
class ConfigurationPageTest {
    static final String APP_TOKEN_ID = "slack-app-system";

    @Test
    void everyFieldRoundTripsThroughThePageTheDiskAndJcasc(JenkinsRule j) throws Exception {
        try (SandboxJenkins s = SandboxJenkins.start(j)) {
            // A System-scoped entry (only the global configuration may use it) and an id whose entry was deleted.
            CredentialsProvider.lookupStores(j.jenkins).iterator().next().addCredentials(Domain.global(),
                    new StringCredentialsImpl(CredentialsScope.SYSTEM, APP_TOKEN_ID, "Slack app token",
                            Secret.fromString("xapp-sandbox-app-token")));
            IamJanitorConfiguration c = IamJanitorConfiguration.get();
            c.setAwsCredentialsId("deleted-aws-keys");
            c.setAwsRegion("eu-west-1");
            c.setAwsRoleArn("arn:aws:iam::123456789012:role/iam-janitor");
            c.setAwsExternalId("ext-42");
            c.setSlackAppTokenCredentialsId(APP_TOKEN_ID);
            c.setJiraFlavour("datacenter");
            c.setJiraProjectKey("OPS");
            c.setJiraIssueType("Bug");
            c.setPolicyDays(45);
            c.setExemptTag("keep-me");
            c.setMaxDeletions(3);
            c.setAwsRoleOverrideJobs("security/iam-*");
            c.setAwsUseDefaultChain(true);
            c.setJenkinsApprovers("alice iam-admins");
            // A multi-line text area: the global policy file keeps its lines through the page, the disk and JCasC.
            c.setPolicyYaml("thresholdDays: 30\nexemptions:\n  users:\n    - glob: \"svc-*\"\n"
                    + "      reason: CI service accounts\n");
            c.setOrganizationsEndpointUrl("https://organizations.us-east-1.amazonaws.com");
            Map<String, Object> expected = fields(c);

            // The test war has no web UI JavaScript bundles (jsbundles/*.js answer 404; see docs/jenkins.md): the
            // page must work with the classic scripts alone, so missing bundles and their script errors are ignored.
            JenkinsRule.WebClient wc = j.createWebClient().withThrowExceptionOnFailingStatusCode(false);
            wc.getOptions().setThrowExceptionOnScriptError(false);
            HtmlPage page = wc.goTo("manage/configure");
            assertThat(page.getWebResponse().getStatusCode()).isEqualTo(200);
            assertThat(page.asNormalizedText()).contains("IAM Janitor", "Test AWS connection", "Slack Web API URL");
            HtmlForm form = page.getFormByName("config");
            j.submit(form);
            assertThat(fields(IamJanitorConfiguration.get())).as("after saving the page").isEqualTo(expected);
            // The System-scoped entry is offered by its picker; the deleted id stays selected instead of being
            // replaced by the first entry.
            assertThat(page.asXml()).contains(APP_TOKEN_ID);

            IamJanitorConfiguration reloaded = new IamJanitorConfiguration(); // reads the saved XML
            assertThat(fields(reloaded)).as("reloaded from disk").isEqualTo(expected);

            ConfigurationContext context = new ConfigurationContext(ConfiguratorRegistry.get());
            String yaml = Util.toYamlString(Util.getUnclassifiedRoot(context).get("iamJanitor"));
            assertThat(yaml).contains("awsRoleArn: \"arn:aws:iam::123456789012:role/iam-janitor\"", "policyDays: 45",
                    "slackApiUrl:", "awsEndpointUrl:", "cloudTrailEndpointUrl:", "organizationsEndpointUrl:");
            c.setPolicyDays(99);
            c.setJiraProjectKey("XX");
            c.setAwsEndpointUrl(null);
            Path file = Files.createTempFile(j.jenkins.getRootDir().toPath(), "casc", ".yaml");
            Files.writeString(file, "unclassified:\n  iamJanitor:\n" + yaml.indent(4));
            ConfigurationAsCode.get().configure(file.toString());
            assertThat(fields(IamJanitorConfiguration.get())).as("after a JCasC export and import")
                    .isEqualTo(expected);
        }
    }

    @Test
    void formEndpointsArePostOnlyAndForAdministratorsOnly(JenkinsRule j) throws Exception {
        try (SandboxJenkins s = SandboxJenkins.start(j)) {
            j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
            j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                    .grant(Jenkins.ADMINISTER).everywhere().to("admin")
                    .grant(Jenkins.READ).everywhere().to("reader"));
            List<String> endpoints = new ArrayList<>();
            for (Method m : IamJanitorConfigurationForm.class.getDeclaredMethods()) {
                String n = m.getName();
                if (n.startsWith("doCheck") || n.startsWith("doFill") || n.startsWith("doTest")) {
                    endpoints.add(Character.toLowerCase(n.charAt(2)) + n.substring(3));
                }
            }
            assertThat(endpoints).hasSizeGreaterThanOrEqualTo(18);
            String base = "descriptorByName/" + IamJanitorConfiguration.class.getName() + "/";
            JenkinsRule.WebClient reader = j.createWebClient().withThrowExceptionOnFailingStatusCode(false)
                    .login("reader");
            JenkinsRule.WebClient admin = j.createWebClient().withThrowExceptionOnFailingStatusCode(false)
                    .login("admin");
            for (String e : endpoints) {
                assertThat(post(j, reader, base + e).getWebResponse().getStatusCode()).as("reader POST " + e)
                        .isEqualTo(403);
                // Stapler does not dispatch a GET to a @POST method: not found, nothing runs.
                assertThat(admin.goTo(base + e, null).getWebResponse().getStatusCode()).as("admin GET " + e)
                        .isIn(404, 405);
            }
            assertThat(post(j, admin, base + "checkAwsRegion?value=Frankfurt").getWebResponse().getContentAsString())
                    .contains("Not an AWS region");
            assertThat(post(j, admin, base + "fillSlackAppTokenCredentialsIdItems?slackAppTokenCredentialsId=gone")
                    .getWebResponse().getContentAsString()).contains("gone", SandboxJenkins.SLACK_BOT_ID)
                    .doesNotContain(SandboxJenkins.AWS_ID);
            // The buttons, against the emulators, as an administrator.
            assertThat(post(j, admin, base + "testAwsConnection?awsCredentialsId=" + SandboxJenkins.AWS_ID
                    + "&awsRegion=us-east-1").getWebResponse().getContentAsString()).contains("Connected to account");
            assertThat(post(j, admin, base + "testSlackConnection?slackBotTokenCredentialsId="
                    + SandboxJenkins.SLACK_BOT_ID + "&slackDefaultChannel=%23iam-review").getWebResponse()
                    .getContentAsString()).contains("Connected to Slack workspace");
            assertThat(post(j, admin, base + "testJiraConnection?jiraBaseUrl=" + s.sandbox.jira().baseUrl()
                    + "&jiraFlavour=cloud&jiraCredentialsId=" + SandboxJenkins.JIRA_ID + "&jiraProjectKey=SEC")
                    .getWebResponse().getContentAsString()).contains("Connected to Jira Cloud");
        }
    }

    private static Page post(JenkinsRule j, JenkinsRule.WebClient wc, String path) throws Exception {
        WebRequest request = new WebRequest(new URL(j.getURL(), path), HttpMethod.POST);
        return wc.getPage(wc.addCrumb(request));
    }

    /** Every property of the configuration, by getter. */
    static Map<String, Object> fields(IamJanitorConfiguration c) throws Exception {
        Map<String, Object> out = new LinkedHashMap<>();
        Method[] methods = IamJanitorConfiguration.class.getDeclaredMethods();
        Arrays.sort(methods, (a, b) -> a.getName().compareTo(b.getName()));
        for (Method m : methods) {
            boolean getter = m.getName().startsWith("get")
                    || m.getName().startsWith("is") && m.getReturnType() == boolean.class;
            if (getter && m.getParameterCount() == 0
                    && java.lang.reflect.Modifier.isPublic(m.getModifiers())
                    && !java.lang.reflect.Modifier.isStatic(m.getModifiers()) && !m.getName().equals("getDisplayName")) {
                out.put(m.getName().substring(m.getName().startsWith("is") ? 2 : 3), m.invoke(c));
            }
        }
        assertThat(out).hasSizeGreaterThanOrEqualTo(20).doesNotContainValue(null);
        return out;
    }
}
