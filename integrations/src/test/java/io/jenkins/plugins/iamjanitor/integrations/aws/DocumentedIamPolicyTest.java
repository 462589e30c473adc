package io.jenkins.plugins.iamjanitor.integrations.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionPlanner;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionStep;
import io.jenkins.plugins.iamjanitor.core.deletion.UserSnapshot;
import io.jenkins.plugins.iamjanitor.core.model.IamUser;
import io.jenkins.plugins.iamjanitor.core.quarantine.QuarantinePlanner;
import io.jenkins.plugins.iamjanitor.core.quarantine.QuarantineStep;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The least-privilege policy in docs/aws.md names exactly the IAM actions the adapters call: every IAM action the
 * emulator sees during a scan (report and per-user paths), a full teardown and a restore is granted by the statement
 * of that stage, and the policy grants nothing the adapters never call.
 */
class DocumentedIamPolicyTest {
    private static final Path DOC = Path.of("..", "docs", "aws.md");
    private static final String ZED = "zed.full-house";
    private final IamSandbox sandbox = IamSandbox.defaultScenario();

    @AfterEach
    void close() {
        sandbox.close();
    }

    @Test
    void policyInAwsDocMatchesTheCallsTheAdaptersMake() throws IOException {
        Map<String, Set<String>> policy = statements(policyJson());

        sandbox.emulator.resetCallCounts();
        AwsIamDirectory report = sandbox.directory(true, 1000);
        for (IamUser u : report.listUsers(line -> { })) {
            report.withDetails(u);
        }
        AwsIamDirectory bulk = report.withDetailReads(1000, 2, "bulk");
        bulk.withDetails(bulk.listUsers(line -> { }), line -> { });
        sandbox.directory(false, 1000).listUsers(line -> { });
        report.fetchLive(ZED);
        AwsIamUserAdmin admin = sandbox.admin();
        UserSnapshot snapshot = admin.snapshot(ZED).orElseThrow();
        Set<String> read = iamCalls();

        sandbox.emulator.resetCallCounts();
        for (DeletionStep step : DeletionPlanner.plan(snapshot)) {
            admin.apply(step);
        }
        Set<String> delete = iamCalls();

        sandbox.emulator.resetCallCounts();
        admin.restore(snapshot);
        admin.restore(snapshot); // a re-run: the user exists, so tags and boundary are put on it separately
        Set<String> restore = iamCalls();
        restore.removeAll(read); // restore re-reads what is already there; those reads are granted by the read statement

        assertThat(policy.get("IamJanitorRead")).containsExactlyInAnyOrderElementsOf(read);
        assertThat(policy.get("IamJanitorDelete")).containsExactlyInAnyOrderElementsOf(delete);
        assertThat(policy.get("IamJanitorRestore")).containsExactlyInAnyOrderElementsOf(restore);
        assertThat(policy.get("IamJanitorCloudTrail")).containsExactly("cloudtrail:LookupEvents");
    }

    /** The quarantine block is separate, so that a delete-only deployment never grants its actions. */
    @Test
    void quarantinePolicyInAwsDocMatchesTheQuarantineAndReleaseCalls() throws IOException {
        Map<String, Set<String>> policy = statements(jsonBlockOf("## Quarantine IAM policy"));
        AwsIamUserAdmin admin = sandbox.admin();
        AwsIamQuarantineAdmin quarantine = new AwsIamQuarantineAdmin(sandbox.iam);
        UserSnapshot before = admin.snapshot(ZED).orElseThrow();

        sandbox.emulator.resetCallCounts();
        for (QuarantineStep step : QuarantinePlanner.quarantine(before, "review-1", Instant.now())) {
            quarantine.apply(step);
        }
        Set<String> quarantined = iamCalls();

        UserSnapshot now = admin.snapshot(ZED).orElseThrow();
        sandbox.emulator.resetCallCounts();
        for (QuarantineStep step : QuarantinePlanner.release(before, now)) {
            quarantine.apply(step);
        }
        quarantine.createLoginProfile(ZED, "Temp-Passw0rd-123!".toCharArray());
        Set<String> released = iamCalls();

        assertThat(quarantined).contains("iam:DeleteLoginProfile", "iam:UpdateAccessKey");
        assertThat(policy.get("IamJanitorQuarantine")).containsExactlyInAnyOrderElementsOf(quarantined);
        assertThat(policy.get("IamJanitorRelease")).containsExactlyInAnyOrderElementsOf(released);
        assertThat(policy).containsOnlyKeys("IamJanitorQuarantine", "IamJanitorRelease");
    }

    private static JsonNode jsonBlockOf(String heading) throws IOException {
        String doc = Files.readString(DOC);
        int section = doc.indexOf(heading);
        assertThat(section).as("docs/aws.md has a '" + heading + "' section").isNotNegative();
        int start = doc.indexOf("```json", section) + "```json".length();
        return new ObjectMapper().readTree(doc.substring(start, doc.indexOf("```", start)));
    }

    private Set<String> iamCalls() {
        Set<String> actions = new TreeSet<>();
        sandbox.emulator.callCounts().forEach((action, n) -> {
            if (n > 0 && !action.equals("AssumeRole") && !action.equals("GetCallerIdentity")) {
                actions.add("iam:" + action);
            }
        });
        return actions;
    }

    /** The one ```json block of the "Least-privilege IAM policy" section. */
    private static JsonNode policyJson() throws IOException {
        String doc = Files.readString(DOC);
        int section = doc.indexOf("## Least-privilege IAM policy");
        assertThat(section).as("docs/aws.md has a 'Least-privilege IAM policy' section").isNotNegative();
        int start = doc.indexOf("```json", section) + "```json".length();
        int end = doc.indexOf("```", start);
        return new ObjectMapper().readTree(doc.substring(start, end));
    }

    private static Map<String, Set<String>> statements(JsonNode policy) {
        Map<String, Set<String>> bySid = new TreeMap<>();
        for (JsonNode s : policy.path("Statement")) {
            Set<String> actions = new TreeSet<>();
            JsonNode a = s.path("Action");
            if (a.isArray()) {
                a.forEach(x -> actions.add(x.asText()));
            } else {
                actions.add(a.asText());
            }
            bySid.put(s.path("Sid").asText(), actions);
        }
        return bySid;
    }
}
