package io.jenkins.plugins.iamjanitor.integrations.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.iamjanitor.core.model.IamUser;
import io.jenkins.plugins.iamjanitor.core.policy.CredentialKind;
import io.jenkins.plugins.iamjanitor.core.policy.Exemptions;
import io.jenkins.plugins.iamjanitor.core.policy.InactivityPolicy;
import io.jenkins.plugins.iamjanitor.core.policy.Outcome;
import io.jenkins.plugins.iamjanitor.core.policy.PolicySettings;
import io.jenkins.plugins.iamjanitor.core.policy.Verdict;
import io.jenkins.plugins.iamjanitor.core.port.DetailRead;
import io.jenkins.plugins.iamjanitor.core.scan.InactivityScanner;
import io.jenkins.plugins.iamjanitor.core.scan.ScanResult;
import io.jenkins.plugins.iamjanitor.sandbox.Faults;
import io.jenkins.plugins.iamjanitor.sandbox.Scenario;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The two detail paths (bulk reads and per-user reads) through the real SDK against the IAM emulator: same verdicts,
 * the path printed, fewer calls in bulk, and one warning (not one per user) when an optional call keeps failing.
 */
class DetailPathsTest {
    private final IamSandbox sandbox = IamSandbox.defaultScenario();

    @AfterEach
    void close() {
        sandbox.close();
    }

    static InactivityPolicy policy() {
        Exemptions exemptions = new Exemptions(List.of("svc-*", "breakglass-*"), List.of("/system/"),
                List.of(Exemptions.DEFAULT_TAG), List.of("admins-protected"));
        return new InactivityPolicy(new PolicySettings(Duration.ofDays(21), true, exemptions), Clock.systemUTC());
    }

    private ScanResult scan(String path, List<String> progress) {
        AwsIamDirectory directory = sandbox.directory(true, 1000).withDetailReads(1000, 3, path);
        return new InactivityScanner(directory, policy()).scan(progress::add);
    }

    /** What must not depend on the path: outcome, last activity and what drove it, the credentials that count. */
    static String essence(Verdict v) {
        String evidence = v.evidence().stream().filter(e -> e.kind() != CredentialKind.MFA_DEVICE)
                .map(e -> e.kind() + "/" + e.basis() + "/" + e.date() + "/" + e.counts()).sorted()
                .collect(Collectors.joining(","));
        // Keys too (as the report names them: neither path reads their ids; the CloudTrail stage does).
        String keys = v.user().accessKeys().stream().map(k -> String.valueOf(k.accessKeyId())).sorted()
                .collect(Collectors.joining(","));
        return v.outcome() + " " + v.lastActivity() + " " + v.driving().kind() + " " + v.driving().date() + " ["
                + evidence + "] keys " + keys;
    }

    static Map<String, String> essences(ScanResult result) {
        return result.verdicts().stream().collect(Collectors.toMap(v -> v.user().userName(), DetailPathsTest::essence,
                (a, b) -> a, TreeMap::new));
    }

    @Test
    void bulkAndPerUserPathsGiveTheSameVerdictsUserByUser() {
        List<String> perUserLines = new ArrayList<>();
        ScanResult perUser = scan("per-user", perUserLines);
        Map<String, Integer> perUserCalls = sandbox.emulator.callCounts();
        sandbox.emulator.resetCallCounts();
        List<String> bulkLines = new ArrayList<>();
        ScanResult bulk = scan("bulk", bulkLines);
        Map<String, Integer> bulkCalls = sandbox.emulator.callCounts();

        assertThat(essences(bulk)).isEqualTo(essences(perUser));
        assertThat(bulk.flagged()).isNotEmpty();
        assertThat(bulkLines).anyMatch(l -> l.startsWith("IAM: path for the details of ") && l.contains(": bulk reads"));
        assertThat(perUserLines).anyMatch(l -> l.contains(": per-user reads"));
        assertThat(bulkCalls).containsEntry("GetAccountAuthorizationDetails", 1)
                .containsEntry("ListVirtualMFADevices", 1).containsEntry("ListServiceSpecificCredentials", 1)
                .doesNotContainKeys("ListUserTags", "ListGroupsForUser", "ListMFADevices", "ListSigningCertificates");
        assertThat(perUserCalls).doesNotContainKey("GetAccountAuthorizationDetails");
        int candidates = perUserCalls.get("ListUserTags");
        assertThat(bulkCalls.get("ListSSHPublicKeys")).isEqualTo(candidates);
        // Neither path reads key ids: the CloudTrail stage reads them for the users it checks.
        assertThat(bulkCalls).doesNotContainKey("ListAccessKeys");
        assertThat(perUserCalls).doesNotContainKey("ListAccessKeys");
        assertThat(bulk.flagged()).anySatisfy(v -> assertThat(v.user().accessKeys()).isNotEmpty()
                .allSatisfy(k -> assertThat(k.accessKeyId()).isNull()));
    }

    @Test
    void theCheaperPathIsChosenFromTheReportsCounts() {
        List<String> lines = new ArrayList<>();
        new InactivityScanner(sandbox.directory(true, 1000).withDetailReads(1000, 2, "auto"), policy())
                .scan(lines::add);

        // 40 users: bulk costs 3 pages + one call per candidate, per-user 6 per candidate.
        assertThat(lines).anyMatch(l -> l.contains(": bulk reads (estimated IAM calls: bulk "));
        assertThat(sandbox.emulator.calls("GetAccountAuthorizationDetails")).isEqualTo(1);
    }

    @Test
    void progressAndResultsKeepTheUsersOrderWhateverThreadFinishesFirst() {
        AwsIamDirectory directory = sandbox.directory(true, 1000).withDetailReads(1000, 8, "per-user");
        List<IamUser> users = directory.listUsers(line -> { });
        List<String> lines = new ArrayList<>();

        List<DetailRead> reads = directory.withDetails(users, lines::add);

        assertThat(reads).extracting(r -> r.user().userName())
                .containsExactlyElementsOf(users.stream().map(IamUser::userName).toList());
        List<String> detailLines = lines.stream().filter(l -> l.startsWith("IAM: details [")).toList();
        assertThat(detailLines).hasSize(users.size());
        for (int i = 0; i < users.size(); i++) {
            assertThat(detailLines.get(i)).startsWith("IAM: details [" + (i + 1) + "/" + users.size() + "] "
                    + users.get(i).userName());
        }
    }

    @Test
    void anOptionalCallThatKeepsFailingIsTriedOnceAndGivesOneWarning() {
        sandbox.emulator.faults().failNext("ListServiceSpecificCredentials", Faults.Kind.SERVER_ERROR, 1_000_000);
        List<String> lines = new ArrayList<>();

        ScanResult result = scan("per-user", lines);

        // The SDK's bounded attempts (4 in this sandbox) for the first candidate, then never again.
        assertThat(sandbox.emulator.calls("ListServiceSpecificCredentials")).isEqualTo(4);
        List<String> warnings = lines.stream().filter(l -> l.startsWith("WARNING")).toList();
        assertThat(warnings).singleElement().satisfies(w -> assertThat(w)
                .startsWith("WARNING: ListServiceSpecificCredentials keeps failing (")
                .containsPattern("HTTP 50[03]").contains("service-specific credentials marked unreadable for "));
        List<Verdict> candidates = result.verdicts().stream()
                .filter(v -> v.reason().contains("service-specific credentials unreadable")).toList();
        assertThat(candidates).isNotEmpty()
                .allSatisfy(v -> assertThat(v.outcome()).isEqualTo(Outcome.UNKNOWN_ACTIVITY));
        assertThat(result.flagged()).isEmpty();
        assertThat(warnings.get(0)).contains("unreadable for " + candidates.size() + " user(s)");
    }

    @Test
    void throttlingThatOutlastsTheSdksRetriesSlowsTheScanAndIsRetriedInsteadOfFailingTheUser() {
        // The sandbox's SDK makes 4 attempts; 6 throttled answers in a row get through it once.
        sandbox.emulator.faults().failNext("ListSSHPublicKeys", Faults.Kind.THROTTLE, 6);
        List<String> lines = new ArrayList<>();

        ScanResult throttled = scan("bulk", lines);

        assertThat(lines).noneMatch(l -> l.startsWith("WARNING"));
        assertThat(throttled.verdicts()).noneMatch(v -> v.reason().contains("could not be read"));
        sandbox.emulator.resetCallCounts();
        assertThat(essences(throttled)).isEqualTo(essences(scan("bulk", new ArrayList<>())));
    }

    @Test
    void bulkPathFallsBackToPerUserServiceCredentialsWhenAllUsersIsRefused() {
        sandbox.emulator.faults().failNext("ListServiceSpecificCredentials", Faults.Kind.SERVER_ERROR, 4);
        List<String> lines = new ArrayList<>();
        ScanResult bulk = scan("bulk", lines);
        sandbox.emulator.resetCallCounts();

        assertThat(lines).anyMatch(l -> l.startsWith("IAM: ListServiceSpecificCredentials with AllUsers is not"
                + " available here"));
        assertThat(essences(bulk)).isEqualTo(essences(scan("per-user", new ArrayList<>())));
    }

    @Test
    void usersCreatedAfterTheReportAreReadPerUserAndTheReportsAgeIsStated() {
        AwsIamDirectory directory = sandbox.directory(true, 1000);
        directory.listUsers(line -> { });
        sandbox.emulator.seed("{\"users\":[{\"name\":\"late.joiner\",\"createdDaysAgo\":0}]}");
        sandbox.emulator.resetCallCounts();
        List<String> lines = new ArrayList<>();

        List<IamUser> users = directory.listUsers(lines::add);

        assertThat(users).extracting(IamUser::userName).contains("late.joiner");
        assertThat(lines).anyMatch(l -> l.matches("IAM: credential report generated .* \\(\\d+ min old\\), 40 users"));
        assertThat(lines).contains("IAM: 1 user(s) not covered by the credential report (created after it,"
                + " re-created, or an unreadable row), read with per-user calls: late.joiner");
        assertThat(sandbox.emulator.calls("GetLoginProfile")).isEqualTo(1);
    }

    @Test
    void aReportOlderThanFourHoursIsRegeneratedAndTheScanSaysSo() {
        sandbox.directory(true, 1000).listUsers(line -> { });
        Clock fiveHoursLater = Clock.offset(Clock.systemUTC(), Duration.ofHours(5));
        AwsIamDirectory directory = new AwsIamDirectory(sandbox.iam,
                new AwsIamDirectory.Options(true, 1000, 10, Duration.ofMillis(5)), DetailReader.Options.defaults(),
                sandbox.sleeps::add, fiveHoursLater);
        int generations = sandbox.emulator.calls("GenerateCredentialReport");
        List<String> lines = new ArrayList<>();

        assertThat(directory.listUsers(lines::add)).hasSize(40);

        assertThat(sandbox.emulator.calls("GenerateCredentialReport")).isEqualTo(generations + 1);
        assertThat(lines).anyMatch(l -> l.startsWith("IAM: credential report is 5 h 0 min old, asking for a new one"));
        assertThat(lines).anyMatch(l -> l.startsWith("WARNING: the credential report is still 5 h "));
    }

    @Test
    void aUserNameWithCommasIsReadFromTheReportAndABadRowCostsOnlyItsUser() {
        sandbox.emulator.seed("{\"users\":[{\"name\":\"ann,lee@corp\",\"createdDaysAgo\":300,"
                + "\"password\":{\"createdDaysAgo\":300,\"lastUsedDaysAgo\":100}}]}");
        AwsIamDirectory directory = sandbox.directory(true, 1000);
        List<String> lines = new ArrayList<>();

        IamUser ann = directory.listUsers(lines::add).stream().filter(u -> u.userName().equals("ann,lee@corp"))
                .findFirst().orElseThrow();

        assertThat(ann.password().lastUsed()).isNotNull();
        assertThat(lines).noneMatch(l -> l.startsWith("WARNING"));
        assertThat(sandbox.emulator.calls("GetLoginProfile")).isZero();

        String csv = sandbox.emulator.state().reports().csvNow();
        String broken = csv.replaceFirst("(\\nalice\\.active-console,[^,]*,[^,]*,)true,", "$1maybe,");
        sandbox.emulator.state().reports().overrideContent(broken);
        lines.clear();
        sandbox.emulator.resetCallCounts();

        assertThat(directory.listUsers(lines::add)).hasSize(41);

        assertThat(lines.stream().filter(l -> l.startsWith("WARNING"))).singleElement().satisfies(w -> assertThat(w)
                .contains("column password_enabled").contains("(user alice.active-console)")
                .endsWith("that user is read with per-user calls"));
        assertThat(sandbox.emulator.calls("GetLoginProfile")).isEqualTo(1);
    }
}
