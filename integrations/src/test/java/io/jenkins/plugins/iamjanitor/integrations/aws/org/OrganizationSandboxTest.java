package io.jenkins.plugins.iamjanitor.integrations.aws.org;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.iamjanitor.core.org.AccountFilter;
import io.jenkins.plugins.iamjanitor.core.org.AccountOutcome;
import io.jenkins.plugins.iamjanitor.core.org.OrgAccount;
import io.jenkins.plugins.iamjanitor.core.org.OrganizationRun;
import io.jenkins.plugins.iamjanitor.core.org.OrganizationRunner;
import io.jenkins.plugins.iamjanitor.core.policy.InactivityPolicy;
import io.jenkins.plugins.iamjanitor.core.policy.PolicySettings;
import io.jenkins.plugins.iamjanitor.core.port.ProgressListener;
import io.jenkins.plugins.iamjanitor.core.port.ServiceException;
import io.jenkins.plugins.iamjanitor.core.scan.InactivityScanner;
import io.jenkins.plugins.iamjanitor.core.scan.ScanResult;
import io.jenkins.plugins.iamjanitor.integrations.aws.AwsClients;
import io.jenkins.plugins.iamjanitor.integrations.aws.AwsCredentialsSource;
import io.jenkins.plugins.iamjanitor.integrations.aws.AwsIamDirectory;
import io.jenkins.plugins.iamjanitor.integrations.aws.AwsSettings;
import io.jenkins.plugins.iamjanitor.sandbox.FaultPlan;
import io.jenkins.plugins.iamjanitor.sandbox.Scenario;
import io.jenkins.plugins.iamjanitor.sandbox.org.OrgModel;
import io.jenkins.plugins.iamjanitor.sandbox.org.OrgScenario;
import io.jenkins.plugins.iamjanitor.sandbox.org.OrganizationSandbox;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.User;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.sts.StsClient;

/** The organisation sandbox and the Organizations/STS adapters, through the real AWS SDK. */
class OrganizationSandboxTest {
    private static final AwsCredentialsSource MANAGEMENT =
            new AwsCredentialsSource.Static("AKIAMANAGEMENT00001", "sandbox-secret", null);

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private <T extends AutoCloseable> T keep(T resource) {
        open.add(resource);
        return resource;
    }

    private AwsSettings settings(OrganizationSandbox org) {
        return new AwsSettings("us-east-1", org.iamEndpoint(), null, MANAGEMENT, 3, Duration.ofMillis(1),
                Duration.ofSeconds(30));
    }

    private AccountRoles roles(String externalId) {
        return new AccountRoles(null, externalId, "iam-janitor-tester", null);
    }

    private OrganizationsClient organizations(OrganizationSandbox org, AwsSettings settings) {
        AwsClients clients = keep(new AwsClients(settings));
        return keep(clients.organizations(org.organizationsEndpoint()));
    }

    @Test
    void listsEveryAccountWithItsOuPathTagsAndStatus() {
        OrganizationSandbox org = keep(OrgScenario.builtIn().start());
        List<String> lines = new ArrayList<>();
        List<OrgAccount> accounts = new AwsOrganizationsAccounts(organizations(org, settings(org)), true)
                .listAccounts(lines::add);

        assertThat(accounts).extracting(a -> a.id() + " " + a.name() + " " + a.status() + " " + a.ouPath() + " "
                + a.tags()).containsExactlyInAnyOrder(
                        "222222222222 prod-payments ACTIVE Root/prod/apps {env=prod}",
                        "333333333333 prod-web ACTIVE Root/prod {env=prod}",
                        "444444444444 dev-sandbox ACTIVE Root/sandboxes {env=dev}",
                        "555555555555 closed-project SUSPENDED Root/sandboxes {env=dev}");
        OrgAccount payments = accounts.stream().filter(a -> a.id().startsWith("2")).findFirst().orElseThrow();
        assertThat(payments.ouIds()).containsExactly("r-sbx0", "ou-sbx0-prod0001", "ou-sbx0-apps0001");
        assertThat(payments.email()).isEqualTo("prod-payments@example.com");
        assertThat(lines).containsExactly("Organizations: 4 account(s) found");
        // A nested OU id selects the accounts below it, wherever they are.
        assertThat(new AccountFilter(Set.of("ou-sbx0-prod0001"), null, null, null).select(accounts).selected())
                .extracting(OrgAccount::id).containsExactly("222222222222", "333333333333");
    }

    @Test
    void pagesThroughLongListsAsTheSdkPaginatorsAsk() {
        List<OrgModel.Account> members = new ArrayList<>();
        for (int i = 0; i < 45; i++) {
            members.add(new OrgModel.Account(String.format("%012d", 700_000_000_000L + i), "member-" + i, null,
                    "ACTIVE", "r-big", Map.of("n", String.valueOf(i)), false));
        }
        OrgModel model = new OrgModel("o-big", "111111111111", "r-big", List.of(), members);
        OrganizationSandbox org = keep(OrganizationSandbox.start(model, Map.of(), FaultPlan.none()));
        List<OrgAccount> accounts = new AwsOrganizationsAccounts(organizations(org, settings(org)), false)
                .listAccounts(ProgressListener.NONE);
        assertThat(accounts).hasSize(45).extracting(OrgAccount::id).doesNotHaveDuplicates();
        assertThat(accounts).allSatisfy(a -> assertThat(a.tags()).isEmpty());
        assertThat(org.organizations().calls("ListAccountsForParent")).isEqualTo(3); // 20 + 20 + 5
        assertThat(org.organizations().calls("ListTagsForResource")).isZero();
    }

    @Test
    void eachAssumedRoleSeesOnlyItsOwnAccount() {
        OrganizationSandbox org = keep(OrgScenario.builtIn().start());
        AwsSettings management = settings(org);
        OrgAccount web = OrgAccount.of("333333333333", "prod-web");
        AccountSession session = keep(AccountSession.open(web, management, roles("ext-42")));

        assertThat(session.iam().listUsers().users()).extracting(User::userName)
                .containsExactlyInAnyOrder("web.deployer", "web.old-contractor");
        StsClient sts = keep(session.clients().sts());
        assertThat(sts.getCallerIdentity().arn())
                .isEqualTo("arn:aws:sts::333333333333:assumed-role/OrganizationAccountAccessRole/iam-janitor-tester");
        assertThat(org.account("333333333333").state().assumeRoleCalls()).singleElement().satisfies(c -> {
            assertThat(c.roleArn()).isEqualTo("arn:aws:iam::333333333333:role/OrganizationAccountAccessRole");
            assertThat(c.externalId()).isEqualTo("ext-42");
            assertThat(c.roleSessionName()).isEqualTo("iam-janitor-tester");
        });

        AccountSession payments = keep(AccountSession.open(OrgAccount.of("222222222222", null), management,
                roles(null)));
        assertThat(payments.iam().listUsers().users()).extracting(User::userName)
                .doesNotContain("web.deployer", "web.old-contractor").isNotEmpty();
        // Calls without an assumed role act in the management account, which has no users here.
        IamClient managementIam = keep(keep(new AwsClients(management)).iam());
        assertThat(managementIam.listUsers().users()).isEmpty();
    }

    @Test
    void aFreshlyAssumedKeyActsInItsAccountFromItsVeryFirstCall() {
        OrganizationSandbox org = keep(OrgScenario.builtIn().start());
        // The sandbox learns which account a key belongs to from AssumeRole's answer; a client calling at once must
        // never land in the management account (it did, now and then, before the answer was held back).
        for (int i = 0; i < 25; i++) {
            try (AccountSession s = AccountSession.open(OrgAccount.of("333333333333", null), settings(org),
                    roles(null))) {
                assertThat(s.iam().listUsers().users()).as("session " + i).hasSize(2);
            }
        }
        assertThat(org.account("111111111111").calls("ListUsers")).isZero();
    }

    @Test
    void aDeniedRoleFailsAtOpenWithStsAccessDeniedAndMemberKeysCannotListTheOrganization() {
        OrganizationSandbox org = keep(OrgScenario.builtIn().start());
        assertThatThrownBy(() -> AccountSession.open(OrgAccount.of("444444444444", null), settings(org), roles(null)))
                .isInstanceOfSatisfying(ServiceException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo("AccessDenied");
                    assertThat(e.getMessage()).startsWith("STS AssumeRole failed (AccessDenied): User: ")
                            .contains("not authorized to perform: sts:AssumeRole on resource: "
                                    + "arn:aws:iam::444444444444:role/OrganizationAccountAccessRole")
                            .doesNotContain("sandbox-secret");
                });
        AccountSession member = keep(AccountSession.open(OrgAccount.of("333333333333", null), settings(org),
                roles(null)));
        OrganizationsClient asMember = keep(member.clients().organizations(org.organizationsEndpoint()));
        assertThatThrownBy(() -> new AwsOrganizationsAccounts(asMember, true).listAccounts(ProgressListener.NONE))
                .isInstanceOfSatisfying(ServiceException.class,
                        e -> assertThat(e.errorCode()).isEqualTo("AccessDeniedException"));
    }

    @Test
    void anOrganizationScanCompletesEveryReachableAccountAndReportsTheDeniedOne() {
        OrganizationSandbox org = keep(OrgScenario.builtIn().start());
        AwsSettings management = settings(org);
        InactivityPolicy policy = new InactivityPolicy(PolicySettings.defaults(), Clock.systemUTC());
        List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());
        OrganizationRun<ScanResult> run = new OrganizationRunner(
                new AwsOrganizationsAccounts(organizations(org, management), true), AccountFilter.all(), 2, null)
                .run((account, progress) -> {
                    try (AccountSession s = AccountSession.open(account, management, roles(null))) {
                        return new InactivityScanner(directory(s.iam()), policy).scan(progress);
                    }
                }, lines::add);

        assertThat(run.outcomes()).extracting(o -> o.account().id())
                .containsExactly("222222222222", "333333333333", "444444444444");
        assertThat(run.failures()).singleElement().satisfies(f -> {
            assertThat(f.account().id()).isEqualTo("444444444444");
            assertThat(f.errorCode()).isEqualTo("AccessDenied");
        });
        AccountOutcome<ScanResult> web = run.outcomes().get(1);
        assertThat(web.result().flagged()).extracting(v -> v.user().userName()).containsExactly("web.old-contractor");
        assertThat(run.skipped()).singleElement().satisfies(s -> assertThat(s.reason())
                .isEqualTo("account status is SUSPENDED"));
        assertThat(lines).anyMatch(l -> l.startsWith("[333333333333 (prod-web)] "));
        assertThat(org.account("444444444444").calls("ListUsers")).isZero();

        // The same account scanned alone costs the same IAM calls: the fan-out adds nothing per account.
        Map<String, Integer> inOrg = withoutSts(org.account("222222222222").callCounts());
        Scenario alone = OrganizationSandbox.accountScenario("222222222222", "prod-payments",
                Scenario.builtIn().section("iam"));
        try (var single = io.jenkins.plugins.iamjanitor.sandbox.iam.IamEmulator.start(alone,
                new io.jenkins.plugins.iamjanitor.sandbox.Faults(FaultPlan.none()));
             AwsClients clients = new AwsClients(management.withEndpoint(single.emulator().endpoint()));
             IamClient iam = clients.iam()) {
            new InactivityScanner(directory(iam), policy).scan(ProgressListener.NONE);
            assertThat(inOrg).isEqualTo(withoutSts(single.emulator().callCounts()));
        }
    }

    @Test
    void anAccountThrottledBeyondTheRetriesFailsWithItsReasonWhileTheOthersFinish() {
        OrganizationSandbox org = keep(OrgScenario.builtIn().start());
        AwsSettings management = settings(org);
        // prod-web answers every ListUsers with Throttling: more than the SDK's 3 attempts here.
        org.account("333333333333").faults().failNext("ListUsers",
                io.jenkins.plugins.iamjanitor.sandbox.Faults.Kind.THROTTLE, 1000);
        InactivityPolicy policy = new InactivityPolicy(PolicySettings.defaults(), Clock.systemUTC());
        OrganizationRun<ScanResult> run = new OrganizationRunner(
                new AwsOrganizationsAccounts(organizations(org, management), false),
                new AccountFilter(null, null, Set.of("444444444444"), null), 3, Duration.ofMinutes(2))
                .run((account, progress) -> {
                    try (AccountSession s = AccountSession.open(account, management, roles(null))) {
                        return new InactivityScanner(directory(s.iam()), policy).scan(progress);
                    }
                }, ProgressListener.NONE);

        assertThat(run.completed()).extracting(o -> o.account().id()).containsExactly("222222222222");
        assertThat(run.failures()).singleElement().satisfies(f -> {
            assertThat(f.account().id()).isEqualTo("333333333333");
            assertThat(f.errorCode()).isEqualTo("Throttling");
            assertThat(f.failure()).startsWith("IAM ListUsers failed (Throttling)");
        });
        assertThat(org.account("333333333333").calls("ListUsers")).isEqualTo(3);
    }

    private static AwsIamDirectory directory(IamClient iam) {
        return new AwsIamDirectory(iam, new AwsIamDirectory.Options(true, 1000, 10, Duration.ofMillis(5)), d -> { });
    }

    private static Map<String, Integer> withoutSts(Map<String, Integer> counts) {
        Map<String, Integer> out = new java.util.TreeMap<>(counts);
        out.remove("AssumeRole");
        out.remove("GetCallerIdentity");
        return out;
    }
}
