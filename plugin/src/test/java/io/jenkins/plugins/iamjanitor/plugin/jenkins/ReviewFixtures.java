package io.jenkins.plugins.iamjanitor.plugin.jenkins;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import hudson.model.User;
import hudson.security.ACL;
import hudson.security.ACLContext;
import io.jenkins.plugins.iamjanitor.core.review.ReviewRecord;
import io.jenkins.plugins.iamjanitor.plugin.review.BuildReview;
import io.jenkins.plugins.iamjanitor.sandbox.Scenario;
import java.io.InputStream;
import java.util.Set;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.support.steps.input.InputAction;
import org.jenkinsci.plugins.workflow.support.steps.input.InputStepExecution;
import org.jvnet.hudson.test.JenkinsRule;

/** Shared pieces of the review tests: the scenario, the approval stand-in, the input gate, the recorded review. */
final class ReviewFixtures {
    /** Flagged by the built-in scenario at 21 days, deletable (no exemption), as the CLI's review test approves. */
    static final String GRACE = "grace.stale-keys";
    static final String FRANK = "frank.password-only";
    static final String ZED = "zed.full-house";
    static final String CONTRACTOR = "contractor-2019";
    /** Active: never flagged. */
    static final String ACTIVE = "alice.active-console";

    private ReviewFixtures() {
    }

    /** The built-in scenario with CloudTrail's emulated rate limit raised, so lookups of every candidate are quick. */
    static Scenario fastScenario() throws Exception {
        return Scenario.parse("default (fast CloudTrail)", fastScenarioJson().toString());
    }

    /** {@link #fastScenario()} as JSON, for tests that change more of it. */
    static ObjectNode fastScenarioJson() throws Exception {
        try (InputStream in = Scenario.class.getResourceAsStream(Scenario.DEFAULT_RESOURCE)) {
            ObjectNode root = (ObjectNode) new ObjectMapper().readTree(in);
            ((ObjectNode) root.path("cloudtrail")).put("requestsPerSecond", 500).put("burst", 100);
            return root;
        }
    }

    /** What the stand-in approval step will record: these users approved by that approver, the rest kept. */
    static void decide(JenkinsRule j, String approver, String... approved) {
        j.jenkins.getDescriptorByType(RecordDecisionsStep.DescriptorImpl.class).decide(approver, Set.of(approved));
    }

    static InputStepExecution waitForInput(WorkflowRun b, String id) throws Exception {
        while (true) {
            InputAction a = b.getAction(InputAction.class);
            if (a != null && !a.getExecutions().isEmpty()) {
                return a.getExecution(id);
            }
            if (!b.isBuilding()) {
                throw new AssertionError("the build ended before input " + id + ": " + b.getLog());
            }
            Thread.sleep(100);
        }
    }

    /** Approves the input as that Jenkins user (the security realm must know the user). */
    static void approveAs(WorkflowRun b, String id, String user) throws Exception {
        InputStepExecution input = waitForInput(b, id);
        try (ACLContext ignored = ACL.as2(User.getById(user, true).impersonate2())) {
            input.proceed((Object) null);
        }
    }

    static ReviewRecord record(WorkflowRun b) {
        return b.getAction(BuildReview.class).record();
    }

    static boolean inIam(SandboxJenkins s, String user) {
        return s.sandbox.iam().state().hasUser(user);
    }
}
