package io.jenkins.plugins.iamjanitor.plugin.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.List;
import java.util.Map;
import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.WebRequest;
import org.htmlunit.html.HtmlElement;
import org.htmlunit.html.HtmlPage;
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
            "exemptPaths", "whose users are never flagged",
            "timeoutMinutes", "How long to wait for decisions",
            "labels", "extra labels for the ticket",
            "regions", "List of regions to query",
            "dryRun", "nothing changes in AWS");

    /** The form of one step's block: what the page's "render on demand" script fetches when the step is picked. */
    static String renderOnDemand(JenkinsRule j, JenkinsRule.WebClient wc, HtmlPage page, String stapler)
            throws Exception {
        HtmlElement lazy = page.getFirstByXPath("//input[@name='stapler-class' and @value='" + stapler
                + "']/preceding::div[contains(@class,'render-on-demand')][1]");
        assertThat(lazy).as("the on-demand block of " + stapler).isNotNull();
        // data-proxy-method names the JS proxy factory; the bound object's method is render. Jenkins' crumb goes in the
        // query, Stapler's per-binding crumb in its header.
        URL url = wc.createCrumbedUrl(lazy.getAttribute("data-proxy-url").replaceFirst("^" + j.contextPath + "/", "")
                + "/render");
        WebRequest request = new WebRequest(url, HttpMethod.POST);
        request.setAdditionalHeader("Content-Type", "application/x-stapler-method-invocation;charset=UTF-8");
        request.setAdditionalHeader("Crumb", lazy.getAttribute("data-proxy-crumb"));
        request.setRequestBody("[]");
        Page rendered = wc.getPage(request);
        assertThat(rendered.getWebResponse().getStatusCode()).as("rendering " + stapler).isEqualTo(200);
        return rendered.getWebResponse().getContentAsString();
    }

    @Test
    void eachStepRendersInTheSnippetGeneratorAndTheStepsReference(JenkinsRule j) throws Exception {
        JenkinsRule.WebClient wc = j.createWebClient().withThrowExceptionOnFailingStatusCode(false);
        // The war in the test harness lacks the web UI's JavaScript bundles (jsbundles/*.js answer 404; see
        // docs/jenkins.md), so the page's scripts are not run here. The page offers every step as a block whose form
        // is rendered on demand; the test makes the same call the page's script makes when a step is picked.
        wc.getOptions().setJavaScriptEnabled(false);
        HtmlPage page = wc.goTo("pipeline-syntax");
        assertThat(page.getWebResponse().getStatusCode()).isEqualTo(200);
        for (Case c : CASES) {
            assertThat(page.getWebResponse().getContentAsString()).as("offered by the Snippet Generator")
                    .contains(">" + c.symbol() + ": ");
            String form = renderOnDemand(j, wc, page, c.stapler());
            for (String field : c.fields()) {
                assertThat(form).as(c.symbol() + " field " + field).contains("name=\"_." + field + "\"");
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
