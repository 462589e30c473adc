package io.jenkins.plugins.iamjanitor.plugin.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.List;
import java.util.Map;
import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.WebRequest;
import org.htmlunit.html.HtmlOption;
import org.htmlunit.html.HtmlPage;
import org.htmlunit.html.HtmlSelect;
import org.htmlunit.util.NameValuePair;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The Snippet Generator ({@code /pipeline-syntax}) and the Steps Reference ({@code /pipeline-syntax/html}) in a real
 * Jenkins: each step's form renders with its fields, generating a snippet from the form's values gives the call, and
 * the reference shows every argument's help.
 */
@WithJenkins
class SnippetGeneratorTest {
    /** Per step: its class, one form value per scalar field it offers, and the snippet they generate. */
    record Case(String symbol, String stapler, List<String> fields, String json, String snippet) {
    }

    static final String PKG = "io.jenkins.plugins.iamjanitor.plugin.";
    static final List<Case> CASES = List.of(
            new Case("iamListInactive", PKG + "IamListInactiveStep", List.of("days", "region", "awsCredentialsId",
                    "roleArn"), "{\"days\":\"30\",\"region\":\"eu-west-1\"}",
                    "iamListInactive days: 30, region: 'eu-west-1'"),
            new Case("slackAskApproval", PKG + "SlackAskApprovalStep", List.of("channel", "timeoutMinutes", "message"),
                    null, null),
            new Case("jiraCreateReviewTicket", PKG + "JiraCreateReviewTicketStep", List.of("projectKey", "issueType"),
                    null, null),
            new Case("cloudtrailEnrich", PKG + "CloudtrailEnrichStep", List.of("days"), null, null),
            new Case("iamDeleteUser", PKG + "IamDeleteUserStep", List.of("user", "dryRun", "backupDir"),
                    "{\"user\":\"alice\",\"dryRun\":true,\"backupDir\":\"\"}", "iamDeleteUser user: 'alice'"));

    /** Each argument and a phrase of its help file, as the Steps Reference must show them. */
    static final Map<String, String> HELP = Map.of(
            "exemptPaths", "IAM paths whose users are exempt",
            "timeoutMinutes", "How long to wait for decisions",
            "labels", "Extra labels for the ticket",
            "regions", "Regions to search in addition to",
            "dryRun", "plan and report what would be deleted");

    @Test
    void eachStepRendersInTheSnippetGeneratorAndTheStepsReference(JenkinsRule j) throws Exception {
        JenkinsRule.WebClient wc = j.createWebClient().withThrowExceptionOnFailingStatusCode(false);
        // The war in the test harness lacks the web UI's JavaScript bundles (jsbundles/*.js answer 404; see
        // docs/jenkins.md): their absence and the page chrome's script errors are not what this test checks; the
        // step forms rendered on demand by the classic scripts below are.
        wc.getOptions().setThrowExceptionOnScriptError(false);
        HtmlPage page = wc.goTo("pipeline-syntax");
        assertThat(page.getWebResponse().getStatusCode()).isEqualTo(200);
        HtmlSelect prototype = page.getFirstByXPath("//select[@name='prototype' or contains(@class,'dropdownList')]");
        assertThat(prototype).as("the step picker").isNotNull();
        for (Case c : CASES) {
            HtmlOption option = prototype.getOptions().stream()
                    .filter(o -> o.getText().startsWith(c.symbol() + ":")).findFirst().orElseThrow(
                            () -> new AssertionError(c.symbol() + " is not offered by the Snippet Generator"));
            prototype.setSelectedAttribute(option, true);
            // The form is rendered on demand (an AJAX call of the classic scripts): wait for it, not for a fixed time.
            for (int i = 0; i < 120 && !c.fields().stream().allMatch(f -> !page.getElementsByName("_." + f).isEmpty());
                    i++) {
                if (wc.waitForBackgroundJavaScript(500) == 0) {
                    Thread.sleep(250); // nothing queued yet: let the change handler schedule the request
                }
            }
            for (String field : c.fields()) {
                assertThat(page.getElementsByName("_." + field)).as(c.symbol() + " field " + field).isNotEmpty();
            }
            if (c.json() != null) {
                String json = c.json().replaceFirst("\\{", "{\"stapler-class\":\"" + c.stapler() + "\",\"\\$class\":\""
                        + c.stapler() + "\",");
                WebRequest request = new WebRequest(new URL(j.getURL(), "pipeline-syntax/generateSnippet"),
                        HttpMethod.POST);
                request.setRequestParameters(List.of(new NameValuePair("json", json)));
                assertThat(wc.getPage(wc.addCrumb(request)).getWebResponse().getContentAsString().trim())
                        .isEqualTo(c.snippet());
            }
        }
        Page html = wc.goTo("pipeline-syntax/html");
        assertThat(html.getWebResponse().getStatusCode()).isEqualTo(200);
        String reference = html.getWebResponse().getContentAsString();
        for (Case c : CASES) {
            assertThat(reference).contains(c.symbol());
        }
        HELP.forEach((argument, phrase) -> assertThat(reference).as("help of " + argument).contains(phrase));
    }
}
