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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The least-privilege policies in docs/aws.md name exactly the IAM actions the adapters call, each granted on the
 * resource type AWS authorises it against: every IAM action the emulator sees during a scan (report and per-user
 * paths) and a full teardown is in the scan and delete policy, every one a restore makes is in the restore policy,
 * neither grants anything more, and neither grants the other's writes.
 */
class DocumentedIamPolicyTest {
    private static final Path DOC = Path.of("..", "docs", "aws.md");
    private static final String ZED = "zed.full-house";
    private static final String EXEMPT_TAG = "aws:ResourceTag/iam-janitor:exempt";

    /**
     * The resource type each action is authorised against, from AWS's Service Authorization Reference for IAM
     * (https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsidentityandaccessmanagementiam.html,
     * "Resource types (*required)" column). "*" means the action has no resource type: only "Resource": "*" works.
     */
    private static final Map<String, String> RESOURCE_TYPE = Map.ofEntries(
            Map.entry("iam:GenerateCredentialReport", "*"),
            Map.entry("iam:GetCredentialReport", "*"),
            Map.entry("iam:ListUsers", "*"),
            Map.entry("iam:GetAccountAuthorizationDetails", "*"),
            Map.entry("iam:ListVirtualMFADevices", "*"),
            Map.entry("iam:ListAccountAliases", "*"),
            Map.entry("iam:GetUser", "user"),
            Map.entry("iam:ListUserTags", "user"),
            Map.entry("iam:ListGroupsForUser", "user"),
            Map.entry("iam:GetLoginProfile", "user"),
            Map.entry("iam:ListAccessKeys", "user"),
            Map.entry("iam:GetAccessKeyLastUsed", "user"),
            Map.entry("iam:ListSSHPublicKeys", "user"),
            Map.entry("iam:GetSSHPublicKey", "user"),
            Map.entry("iam:ListSigningCertificates", "user"),
            Map.entry("iam:ListServiceSpecificCredentials", "user"),
            Map.entry("iam:ListMFADevices", "user"),
            Map.entry("iam:ListUserPolicies", "user"),
            Map.entry("iam:GetUserPolicy", "user"),
            Map.entry("iam:ListAttachedUserPolicies", "user"),
            Map.entry("iam:DeleteLoginProfile", "user"),
            Map.entry("iam:DeleteAccessKey", "user"),
            Map.entry("iam:DeleteSigningCertificate", "user"),
            Map.entry("iam:DeleteSSHPublicKey", "user"),
            Map.entry("iam:DeleteServiceSpecificCredential", "user"),
            Map.entry("iam:DeactivateMFADevice", "user"),
            Map.entry("iam:DeleteVirtualMFADevice", "mfa"),
            Map.entry("iam:DetachUserPolicy", "user"),
            Map.entry("iam:DeleteUserPolicy", "user"),
            Map.entry("iam:RemoveUserFromGroup", "group"),
            Map.entry("iam:DeleteUserPermissionsBoundary", "user"),
            Map.entry("iam:DeleteUser", "user"),
            Map.entry("iam:CreateUser", "user"),
            Map.entry("iam:TagUser", "user"),
            Map.entry("iam:PutUserPermissionsBoundary", "user"),
            Map.entry("iam:AddUserToGroup", "group"),
            Map.entry("iam:AttachUserPolicy", "user"),
            Map.entry("iam:PutUserPolicy", "user"),
            Map.entry("iam:UploadSSHPublicKey", "user"),
            Map.entry("iam:UpdateSSHPublicKey", "user"),
            Map.entry("iam:UploadSigningCertificate", "user"),
            Map.entry("iam:UpdateSigningCertificate", "user"),
            Map.entry("cloudtrail:LookupEvents", "*"));

    /** The ARN format of each resource type, from the same reference. */
    private static final Map<String, Pattern> ARN = Map.of(
            "user", Pattern.compile("arn:aws:iam::\\d{12}:user/.+"),
            "group", Pattern.compile("arn:aws:iam::\\d{12}:group/.+"),
            "mfa", Pattern.compile("arn:aws:iam::\\d{12}:mfa/.+"));

    /** Restore actions that can hand out permissions: only allowed for users carrying the restore boundary. */
    private static final Set<String> GRANTING = Set.of("iam:CreateUser", "iam:AttachUserPolicy", "iam:PutUserPolicy",
            "iam:PutUserPermissionsBoundary");

    private final IamSandbox sandbox = IamSandbox.defaultScenario();

    @AfterEach
    void close() {
        sandbox.close();
    }

    @Test
    void thePoliciesGrantExactlyTheCallsTheAdaptersMake() throws IOException {
        sandbox.emulator.resetCallCounts();
        AwsIamDirectory report = sandbox.directory(true, 1000);
        for (IamUser u : report.listUsers(line -> { })) {
            report.withDetails(u);
        }
        AwsIamDirectory bulk = report.withDetailReads(1000, 2, "bulk");
        bulk.withDetails(bulk.listUsers(line -> { }), line -> { });
        sandbox.directory(false, 1000).listUsers(line -> { });
        report.fetchLive(ZED);
        report.accountAlias();
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

        Set<String> scanAndDelete = new TreeSet<>(read);
        scanAndDelete.addAll(delete);
        scanAndDelete.add("cloudtrail:LookupEvents");
        assertThat(allowed(policy("### Scan and delete policy"))).containsExactlyInAnyOrderElementsOf(scanAndDelete);
        assertThat(allowed(policy("### Restore policy"))).containsExactlyInAnyOrderElementsOf(restore);
        assertThat(delete).as("the teardown removes a group membership, so the group statement is exercised")
                .contains("iam:RemoveUserFromGroup");
    }

    @Test
    void everyActionIsGrantedOnTheResourceTypeAwsAuthorisesItAgainst() throws IOException {
        for (String heading : List.of("### Scan and delete policy", "### Restore policy")) {
            for (JsonNode s : policy(heading).path("Statement")) {
                for (String action : strings(s.path("Action"))) {
                    String type = RESOURCE_TYPE.get(action);
                    assertThat(type).as("%s is in the reference data of this test", action).isNotNull();
                    for (String resource : strings(s.path("Resource"))) {
                        if (type.equals("*")) {
                            assertThat(resource).as("%s in %s has no resource type", action, s.path("Sid"))
                                    .isEqualTo("*");
                        } else {
                            assertThat(resource).as("%s in %s is authorised on the %s", action, s.path("Sid"),
                                    type).matches(ARN.get(type));
                        }
                    }
                }
            }
        }
    }

    @Test
    void exemptUsersAreDeniedEveryDeleteCallOnTheUser() throws IOException {
        JsonNode policy = policy("### Scan and delete policy");
        Set<String> userDeletes = new TreeSet<>();
        for (JsonNode s : policy.path("Statement")) {
            if (s.path("Effect").asText().equals("Allow")) {
                strings(s.path("Action")).stream().filter(a -> a.startsWith("iam:Delete") || a.startsWith("iam:Deac")
                        || a.startsWith("iam:Detach")).filter(a -> RESOURCE_TYPE.get(a).equals("user"))
                        .forEach(userDeletes::add);
            }
        }
        JsonNode deny = statements(policy, "Deny").get(0);
        assertThat(strings(deny.path("Action"))).containsExactlyInAnyOrderElementsOf(userDeletes);
        assertThat(deny.path("Condition").path("Null").path(EXEMPT_TAG).asText()).isEqualTo("false");
    }

    @Test
    void theRestorePolicyCannotMakeAnyoneAnAdministrator() throws IOException {
        JsonNode restore = policy("### Restore policy");
        for (JsonNode s : statements(restore, "Allow")) {
            List<String> actions = strings(s.path("Action"));
            if (actions.stream().anyMatch(GRANTING::contains)) {
                assertThat(s.path("Condition").path("StringEquals").path("iam:PermissionsBoundary").asText())
                        .as("%s grants %s only for users with the restore boundary", s.path("Sid"), actions)
                        .matches("arn:aws:iam::\\d{12}:policy/.+");
            }
            if (actions.contains("iam:AddUserToGroup")) {
                assertThat(strings(s.path("Resource"))).as("groups are listed, never a wildcard")
                        .allMatch(r -> !r.contains("*"));
            }
        }
        assertThat(allowed(policy("### Scan and delete policy"))).as("the scheduled role can never restore")
                .doesNotContainAnyElementsOf(allowed(restore).stream().filter(a -> !RESOURCE_TYPE.get(a)
                        .equals("*") && !a.startsWith("iam:Get") && !a.startsWith("iam:List")).toList());
    }

    /** The quarantine block is separate, so that a delete-only deployment never grants its actions. */
    @Test
    void quarantinePolicyInAwsDocMatchesTheQuarantineAndReleaseCalls() throws IOException {
        Map<String, Set<String>> policy = statementsBySid(jsonBlockOf("## Quarantine IAM policy"));
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

    /** The ```json block after the heading, inside the "Least-privilege IAM policy" section. */
    private static JsonNode policy(String heading) throws IOException {
        String doc = Files.readString(DOC);
        int section = doc.indexOf("## Least-privilege IAM policy");
        assertThat(section).as("docs/aws.md has a 'Least-privilege IAM policy' section").isNotNegative();
        int at = doc.indexOf(heading, section);
        assertThat(at).as("docs/aws.md has '%s'", heading).isNotNegative();
        int start = doc.indexOf("```json", at) + "```json".length();
        int end = doc.indexOf("```", start);
        return new ObjectMapper().readTree(doc.substring(start, end));
    }

    private static Set<String> allowed(JsonNode policy) {
        Set<String> out = new TreeSet<>();
        statements(policy, "Allow").forEach(s -> out.addAll(strings(s.path("Action"))));
        return out;
    }

    private static List<JsonNode> statements(JsonNode policy, String effect) {
        List<JsonNode> out = new ArrayList<>();
        policy.path("Statement").forEach(s -> {
            if (s.path("Effect").asText().equals(effect)) {
                out.add(s);
            }
        });
        return out;
    }

    private static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(x -> out.add(x.asText()));
        } else {
            out.add(node.asText());
        }
        return out;
    }

    private static Map<String, Set<String>> statementsBySid(JsonNode policy) {
        Map<String, Set<String>> bySid = new TreeMap<>();
        for (JsonNode s : policy.path("Statement")) {
            bySid.put(s.path("Sid").asText(), new TreeSet<>(strings(s.path("Action"))));
        }
        return bySid;
    }
}
