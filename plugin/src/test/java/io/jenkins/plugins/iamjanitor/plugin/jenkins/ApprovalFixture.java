package io.jenkins.plugins.iamjanitor.plugin.jenkins;

import io.jenkins.plugins.iamjanitor.core.approval.UserDecision;
import io.jenkins.plugins.iamjanitor.core.review.ReviewRecord;
import io.jenkins.plugins.iamjanitor.plugin.review.BuildReview;
import io.jenkins.plugins.iamjanitor.sandbox.Scenario;
import io.jenkins.plugins.iamjanitor.sandbox.slack.SlackEmulator;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jvnet.hudson.test.JenkinsRule;

/** What the approval tests share: a four-user scenario, Slack clicks through the running Jenkins, waiting. */
final class ApprovalFixture {
    private ApprovalFixture() {
    }

    /** alice.active is active; frank.old, grace.stale and sec.lead (tagged as Slack U0SECLEAD) are flagged. */
    static Scenario scenario() throws IOException {
        try (InputStream in = ApprovalFixture.class.getResourceAsStream("approval-scenario.json")) {
            return Scenario.parse("approval test", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    static URI callback(JenkinsRule j) throws IOException {
        return URI.create(j.getURL() + "iam-janitor/slack/actions");
    }

    /** Waits (bounded by the test's timeout) until the condition holds. */
    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long until = System.nanoTime() + 120_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("gave up waiting for " + what);
            }
            Thread.sleep(100);
        }
    }

    static void awaitLog(WorkflowRun b, String text) throws InterruptedException {
        await("'" + text + "' in the build log", () -> {
            try {
                return JenkinsRule.getLog(b).contains(text);
            } catch (IOException e) {
                return false;
            }
        });
    }

    static ReviewRecord record(WorkflowRun b) {
        return b.getAction(BuildReview.class).record();
    }

    static UserDecision decision(WorkflowRun b, String user) {
        return record(b).decisionFor(user).orElse(null);
    }

    /** The timestamp of the (single) review message posted to Slack. */
    static String reviewMessage(SlackEmulator slack) {
        return slack.messages().get(0).ts();
    }

    /** A click signed as Slack would sign it, POSTed to the running Jenkins; returns the HTTP status. */
    static int click(SandboxJenkins s, String slackUser, String action) throws IOException {
        return s.sandbox.slack().clicks().viaHttp(callback(s.j), slackUser, reviewMessage(s.sandbox.slack()), action)
                .httpStatus();
    }

    static Map<String, String> signed(SlackEmulator slack, String timestamp, String body) {
        return Map.of("X-Slack-Request-Timestamp", timestamp, "X-Slack-Signature",
                slack.clicks().sign(timestamp, body));
    }
}
