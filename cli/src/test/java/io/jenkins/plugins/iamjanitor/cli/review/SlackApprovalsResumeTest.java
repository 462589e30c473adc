package io.jenkins.plugins.iamjanitor.cli.review;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.iamjanitor.core.approval.ApprovalHandle;
import io.jenkins.plugins.iamjanitor.core.approval.ApprovalOutcome;
import io.jenkins.plugins.iamjanitor.core.approval.ApprovalRequest;
import io.jenkins.plugins.iamjanitor.core.approval.Decision;
import io.jenkins.plugins.iamjanitor.core.approval.UserDecision;
import io.jenkins.plugins.iamjanitor.core.model.IamUser;
import io.jenkins.plugins.iamjanitor.core.policy.ActivityBasis;
import io.jenkins.plugins.iamjanitor.core.policy.CredentialEvidence;
import io.jenkins.plugins.iamjanitor.core.policy.CredentialKind;
import io.jenkins.plugins.iamjanitor.core.policy.Outcome;
import io.jenkins.plugins.iamjanitor.core.policy.Verdict;
import io.jenkins.plugins.iamjanitor.integrations.slack.SlackSecret;
import io.jenkins.plugins.iamjanitor.sandbox.Sandbox;
import io.jenkins.plugins.iamjanitor.sandbox.Scenario;
import io.jenkins.plugins.iamjanitor.sandbox.slack.SlackSettings;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A review that stopped while waiting is picked up by a new process: the new Slack connection re-registers the
 * messages posted by the old one, and a click on them is counted, without anything being posted again.
 */
class SlackApprovalsResumeTest {

    @Test
    void aNewConnectionWaitsOnTheMessagesAnEarlierOnePosted() throws Exception {
        try (Sandbox sandbox = Sandbox.start(scenarioWithoutScriptedApprover(), 0)) {
            SlackSettings s = sandbox.slack().settings();
            ApprovalRequest request = new ApprovalRequest("rev-resume", "123456789012",
                    List.of(verdict("zed.full-house"), verdict("walt.boundary")), "C0IAMREVIEW", List.of("U0SECLEAD"),
                    null, null, null);
            ApprovalHandle handle;
            try (SlackConnection first = connect(sandbox, s)) {
                handle = first.approvals().post(request);
            }
            int posts = sandbox.slack().callCount("chat.postMessage");

            try (SlackConnection second = connect(sandbox, s)) {
                second.approvals().resume(request, handle);
                String ts = handle.messageIds().get(0);
                sandbox.slack().clicks().viaSocket("U0SECLEAD", ts, "iamj:approve:zed.full-house");
                sandbox.slack().clicks().viaSocket("U0SECLEAD", ts, "iamj:keep:walt.boundary");
                ApprovalOutcome outcome = second.approvals().await(handle, Duration.ofSeconds(20));

                assertThat(outcome.timedOut()).isFalse();
                assertThat(outcome.approved()).extracting(UserDecision::userName).containsExactly("zed.full-house");
                assertThat(outcome.kept()).extracting(UserDecision::decision).containsExactly(Decision.KEEP);
                assertThat(sandbox.slack().callCount("chat.postMessage")).isEqualTo(posts);
            }
        }
    }

    private static SlackConnection connect(Sandbox sandbox, SlackSettings s) {
        return new SlackConnection(sandbox.slack().apiBase(), SlackSecret.of(s.botToken()),
                SlackSecret.of(s.appToken()), SlackSecret.of(s.signingSecret()), Clock.systemUTC())
                .connect(Duration.ofSeconds(10));
    }

    private static Scenario scenarioWithoutScriptedApprover() throws Exception {
        try (InputStream in = Scenario.class.getResourceAsStream(Scenario.DEFAULT_RESOURCE)) {
            ObjectNode root = (ObjectNode) new ObjectMapper().readTree(in);
            ((ObjectNode) root.path("slack")).remove("approver");
            return Scenario.parse("no scripted approver", root.toString());
        }
    }

    private static Verdict verdict(String name) {
        Instant now = Instant.now();
        Instant last = now.minus(Duration.ofDays(60));
        IamUser user = new IamUser(name, "AIDA" + name.length(), "arn:aws:iam::123456789012:user/" + name, "/",
                now.minus(Duration.ofDays(400)), List.of(), List.of(), null, List.of(), List.of(), List.of(),
                List.of(), List.of());
        CredentialEvidence e = new CredentialEvidence(CredentialKind.CONSOLE_PASSWORD, null, ActivityBasis.LAST_USED,
                last, true, "console sign-in");
        return new Verdict(user, Outcome.INACTIVE, "inactive", now, last, 60, e, List.of(e));
    }
}
