package io.jenkins.plugins.iamjanitor.plugin.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.jenkins.plugins.awscredentials.AWSCredentialsImpl;
import com.cloudbees.plugins.credentials.Credentials;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.CredentialsStore;
import com.cloudbees.plugins.credentials.domains.Domain;
import hudson.model.Fingerprint;
import hudson.model.Result;
import hudson.util.Secret;
import io.jenkins.plugins.iamjanitor.plugin.IamJanitorConfiguration;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Credentials as a real Jenkins hands them out: the global configuration's ids resolve in the Jenkins context (so
 * System-scoped entries work from builds), an aws-credentials entry drives real IAM calls (the setup that would clash
 * with bundled SDK classes), use is tracked, a script cannot borrow another System-scoped entry, and a secret rotated
 * under the same id takes effect without a restart.
 */
@WithJenkins
class CredentialsInJenkinsTest {
    static final String AWS_SYSTEM_ID = "aws-system-keys";

    @Test
    void systemScopedAwsCredentialsEntryRunsAPipelineAndARotatedSecretTakesEffect(JenkinsRule j) throws Exception {
        try (SandboxJenkins s = SandboxJenkins.start(j)) {
            CredentialsStore store = CredentialsProvider.lookupStores(j.jenkins).iterator().next();
            AWSCredentialsImpl aws = new AWSCredentialsImpl(CredentialsScope.SYSTEM, AWS_SYSTEM_ID, "AKIASANDBOXSYSTEM",
                    "system-secret-key", "sandbox keys (System scope)");
            store.addCredentials(Domain.global(), aws);
            store.addCredentials(Domain.global(), new AWSCredentialsImpl(CredentialsScope.SYSTEM, "aws-other",
                    "AKIASANDBOXOTHER", "other-secret-key", "not for scripts"));
            IamJanitorConfiguration.get().setAwsCredentialsId(AWS_SYSTEM_ID);

            WorkflowJob p = j.createProject(WorkflowJob.class, "scan");
            p.setDefinition(new CpsFlowDefinition("""
                    def users = iamListInactive(days: 21)
                    echo "flagged ${users.size()}"
                    """, true));
            WorkflowRun b = j.buildAndAssertSuccess(p);
            j.assertLogContains("of 40 users are inactive", b);
            j.assertLogNotContains("system-secret-key", b);
            Fingerprint f = CredentialsProvider.getFingerprintOf(aws);
            assertThat(f).as("use of the credentials is tracked").isNotNull();
            assertThat(f.getJobs()).contains("scan");

            // A script naming a System-scoped entry that the administrator did not configure gets nothing.
            p.setDefinition(new CpsFlowDefinition("iamListInactive(days: 21, awsCredentialsId: 'aws-other')", true));
            WorkflowRun refused = j.buildAndAssertStatus(Result.FAILURE, p);
            j.assertLogContains("no AWS credentials with id 'aws-other'", refused);

            // The signing secret is rotated under the same id: the next Slack request signed with the new secret
            // is accepted (400: signature fine, no payload) and one signed with the old secret is refused (401).
            assertThat(slackPost(j, SandboxJenkins.SLACK_SIGNING)).isEqualTo(400);
            Credentials old = CredentialsProvider.lookupCredentialsInItemGroup(StringCredentials.class, j.jenkins,
                    null).stream().filter(c -> c.getId().equals(SandboxJenkins.SLACK_SIGNING_ID)).findFirst()
                    .orElseThrow();
            store.updateCredentials(Domain.global(), old, new StringCredentialsImpl(CredentialsScope.SYSTEM,
                    SandboxJenkins.SLACK_SIGNING_ID, "Slack signing (rotated)", Secret.fromString("rotated-secret")));
            assertThat(slackPost(j, "rotated-secret")).isEqualTo(400);
            assertThat(slackPost(j, SandboxJenkins.SLACK_SIGNING)).isEqualTo(401);
        }
    }

    /** A Slack-signed request without a payload to the interactivity URL; returns the HTTP status. */
    static int slackPost(JenkinsRule j, String signingSecret) throws Exception {
        byte[] body = ("nonce=" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        String ts = Long.toString(Instant.now().getEpochSecond());
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(signingSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update(("v0:" + ts + ":").getBytes(StandardCharsets.UTF_8));
        String signature = "v0=" + HexFormat.of().formatHex(mac.doFinal(body));
        HttpRequest request = HttpRequest.newBuilder(URI.create(j.getURL() + "iam-janitor/slack/actions"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Slack-Request-Timestamp", ts).header("X-Slack-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        }
    }
}
