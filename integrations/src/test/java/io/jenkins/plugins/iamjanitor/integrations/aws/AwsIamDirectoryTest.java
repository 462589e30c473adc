package io.jenkins.plugins.iamjanitor.integrations.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.iamjanitor.core.model.AccessKey;
import io.jenkins.plugins.iamjanitor.core.model.CredentialStatus;
import io.jenkins.plugins.iamjanitor.core.model.IamUser;
import io.jenkins.plugins.iamjanitor.core.model.Tag;
import io.jenkins.plugins.iamjanitor.core.port.ServiceException;
import io.jenkins.plugins.iamjanitor.sandbox.FaultPlan;
import io.jenkins.plugins.iamjanitor.sandbox.Faults;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AwsIamDirectoryTest {
    private IamSandbox sandbox = IamSandbox.defaultScenario();

    @AfterEach
    void close() {
        sandbox.close();
    }

    /** What both discovery paths must agree on (the report names keys by slot, the per-user path by id). */
    private static String essence(IamUser u) {
        List<String> keys = u.accessKeys().stream()
                .map(k -> k.status() + "/" + k.created() + "/" + k.lastUsed() + "/" + k.lastUsedService() + "/"
                        + k.lastUsedRegion())
                .sorted().toList();
        return String.join("|", u.userName(), u.userId(), u.arn(), u.path(), String.valueOf(u.createDate()),
                String.valueOf(u.password()), keys.toString());
    }

    @Test
    void theAccountAliasComesFromIamAndAnAccessDeniedIsAClearServiceException() {
        sandbox.close();
        sandbox = new IamSandbox(io.jenkins.plugins.iamjanitor.sandbox.Scenario.parse("alias",
                "{\"account\": {\"id\": \"210987654321\", \"alias\": \"acme-prod\"}, \"iam\": {\"users\": []}}"));
        AwsIamDirectory directory = sandbox.directory(true, 1000);

        assertThat(directory.accountAlias()).contains("acme-prod");
        assertThat(sandbox.emulator.calls("ListAccountAliases")).isEqualTo(1);

        sandbox.emulator.state().accountAlias(null);
        assertThat(directory.accountAlias()).isEmpty();

        sandbox.emulator.state().deny("ListAccountAliases");
        assertThatThrownBy(directory::accountAlias).isInstanceOf(ServiceException.class)
                .hasMessageContaining("AccessDenied").hasMessageContaining("iam:ListAccountAliases");
    }

    @Test
    void reportPathAndPerUserPathGiveTheSameUsers() {
        List<String> progress = new ArrayList<>();
        List<IamUser> viaReport = sandbox.directory(true, 1000).listUsers(progress::add);
        assertThat(sandbox.emulator.calls("ListAccessKeys")).isZero();
        assertThat(sandbox.emulator.calls("GetCredentialReport")).isPositive();
        List<IamUser> perUser = sandbox.directory(false, 1000).listUsers(line -> { });
        assertThat(sandbox.emulator.calls("ListAccessKeys")).isEqualTo(40);

        assertThat(viaReport).hasSize(40);
        assertThat(viaReport.stream().map(AwsIamDirectoryTest::essence))
                .containsExactlyElementsOf(perUser.stream().map(AwsIamDirectoryTest::essence).toList());
        assertThat(progress).anyMatch(l -> l.contains("credential report generated") && l.contains("40 users"));

        Map<String, IamUser> byName = viaReport.stream().collect(Collectors.toMap(IamUser::userName, Function.identity()));
        IamUser nina = byName.get("nina.disabled-password");
        assertThat(nina.password().enabled()).isFalse();
        assertThat(nina.password().lastUsed()).isAfter(Instant.now().minus(Duration.ofDays(4)));
        IamUser victor = byName.get("victor.no-information");
        assertThat(victor.password().enabled()).isTrue();
        assertThat(byName.get("judy.never-used-password").password().lastUsed()).isNull();
        assertThat(byName.get("mallory.deactivated-key-recent").accessKeys()).singleElement()
                .satisfies(k -> assertThat(k.status()).isEqualTo(CredentialStatus.INACTIVE));
        assertThat(byName.get("trent.signing-cert").signingCertificates()).hasSize(1);
        assertThat(byName.get("monitoring-agent").path()).isEqualTo("/system/");
        assertThat(viaReport).allMatch(u -> !u.detailsKnown());
    }

    @Test
    void everyListCallIsPaginated() {
        StringBuilder users = new StringBuilder("{\"users\":[");
        for (int i = 0; i < 60; i++) {
            users.append(i == 0 ? "" : ",").append("{\"name\":\"bulk-").append(i)
                    .append("\",\"accessKeys\":[{\"createdDaysAgo\":50},{\"createdDaysAgo\":40,\"lastUsedDaysAgo\":3}]}");
        }
        sandbox.emulator.seed(users.append("]}").toString());

        List<IamUser> all = sandbox.directory(false, 7).listUsers(line -> { });

        assertThat(all).hasSize(100);
        assertThat(sandbox.emulator.calls("ListUsers")).isEqualTo(15); // ceil(100 / 7)
        assertThat(all.stream().filter(u -> u.userName().startsWith("bulk-"))).allMatch(u -> u.accessKeys().size() == 2);

        sandbox.emulator.resetCallCounts();
        IamUser zed = new AwsIamDirectory(sandbox.iam, new AwsIamDirectory.Options(true, 1, 5, Duration.ZERO),
                d -> { }).withDetails(all.stream().filter(u -> u.userName().equals("zed.full-house")).findFirst()
                .orElseThrow());
        assertThat(zed.groups()).containsExactly("developers", "readonly");
        assertThat(sandbox.emulator.calls("ListGroupsForUser")).isEqualTo(2);
        assertThat(zed.tags()).containsExactly(new Tag("team", "platform"), new Tag("cost-center", "42"));
        assertThat(sandbox.emulator.calls("ListUserTags")).isEqualTo(2);
        assertThat(zed.mfaDevices()).hasSize(2).anyMatch(m -> m.virtual()).anyMatch(m -> !m.virtual());
        assertThat(sandbox.emulator.calls("ListMFADevices")).isEqualTo(2);
    }

    @Test
    void withDetailsFillsCandidatesOnlyAndLeavesKeyIdsToTheCloudTrailStage() {
        AwsIamDirectory directory = sandbox.directory(true, 100);
        IamUser zed = directory.listUsers(line -> { }).stream()
                .filter(u -> u.userName().equals("zed.full-house")).findFirst().orElseThrow();
        assertThat(zed.accessKeys()).allMatch(k -> k.accessKeyId() == null);
        assertThat(sandbox.emulator.calls("ListUserTags")).isZero();

        IamUser detailed = directory.withDetails(zed);

        assertThat(detailed.detailsKnown()).isTrue();
        // The report's keys as they were (by slot, last use included): no ListAccessKeys in the scan.
        assertThat(detailed.accessKeys()).isEqualTo(zed.accessKeys()).hasSize(2);
        assertThat(detailed.accessKeys().stream().map(AccessKey::lastUsed).filter(d -> d != null)).hasSize(1);
        assertThat(sandbox.emulator.calls("ListAccessKeys")).isZero();
        assertThat(sandbox.emulator.calls("GetAccessKeyLastUsed")).isZero();
        // The ids, when the CloudTrail stage asks: one call.
        assertThat(directory.accessKeyIds(List.of("zed.full-house"), line -> { })).singleElement()
                .satisfies(ids -> assertThat(ids).hasSize(2).allMatch(id -> id.startsWith("AKIA")));
        assertThat(sandbox.emulator.calls("ListAccessKeys")).isEqualTo(1);
        assertThat(detailed.sshPublicKeys()).singleElement()
                .satisfies(k -> assertThat(k.status()).isEqualTo(CredentialStatus.INACTIVE));
        assertThat(detailed.signingCertificates()).singleElement().satisfies(c -> assertThat(c.certificateId()).isNotNull());
        assertThat(detailed.serviceSpecificCredentials()).singleElement()
                .satisfies(c -> assertThat(c.serviceName()).isEqualTo("codecommit.amazonaws.com"));
    }

    @Test
    void reportInProgressIsPolledWithBackoff() {
        sandbox.emulator.state().reports().setPollsUntilComplete(4);
        List<String> progress = new ArrayList<>();

        assertThat(sandbox.directory(true, 1000).listUsers(progress::add)).hasSize(40);

        assertThat(sandbox.emulator.calls("ListAccessKeys")).isZero();
        assertThat(progress).anyMatch(l -> l.contains("in progress"));
        assertThat(sandbox.sleeps).hasSizeGreaterThanOrEqualTo(2);
        assertThat(sandbox.sleeps.get(1)).isEqualTo(sandbox.sleeps.get(0).multipliedBy(2));
    }

    @Test
    void expiredReportIsRegenerated() {
        AwsIamDirectory directory = sandbox.directory(true, 1000);
        directory.listUsers(line -> { });
        int generations = sandbox.emulator.calls("GenerateCredentialReport");
        sandbox.emulator.state().reports().expire();
        List<String> progress = new ArrayList<>();

        assertThat(directory.listUsers(progress::add)).hasSize(40);

        assertThat(progress).anyMatch(l -> l.contains("credential report expired"));
        assertThat(sandbox.emulator.calls("GenerateCredentialReport")).isGreaterThan(generations);
        assertThat(sandbox.emulator.calls("ListAccessKeys")).isZero();
    }

    @Test
    void reportThatNeverCompletesFallsBackToPerUserCalls() {
        sandbox.emulator.state().reports().setPollsUntilComplete(1000);
        List<String> progress = new ArrayList<>();

        assertThat(sandbox.directory(true, 1000).listUsers(progress::add)).hasSize(40);

        assertThat(progress).anyMatch(l -> l.contains("falling back to per-user calls"));
        assertThat(sandbox.emulator.calls("ListAccessKeys")).isEqualTo(40);
    }

    @Test
    void reportWithoutRequiredColumnsFallsBackToPerUserCallsWithOneClearLine() {
        sandbox.emulator.state().reports().overrideContent("user,arn\nalice,arn:aws:iam::1:user/alice\n");
        List<String> progress = new ArrayList<>();

        assertThat(sandbox.directory(true, 1000).listUsers(progress::add)).hasSize(40);

        assertThat(progress).contains("WARNING: credential report unreadable (credential report header has no column"
                + " 'user_creation_time' (header: user,arn)); falling back to per-user calls");
        assertThat(sandbox.emulator.calls("ListAccessKeys")).isEqualTo(40);
    }

    @Test
    void throttlingServerErrorsAndDroppedConnectionsAreRetried() {
        AwsIamDirectory directory = sandbox.directory(false, 10);
        sandbox.emulator.faults().failNext("ListUsers", Faults.Kind.THROTTLE, 2);
        assertThat(directory.listUsers(line -> { })).hasSize(40);
        sandbox.emulator.faults().failNext("ListAccessKeys", Faults.Kind.SERVER_ERROR, 3);
        assertThat(directory.listUsers(line -> { })).hasSize(40);
        sandbox.emulator.faults().failNext("GetAccessKeyLastUsed", Faults.Kind.DROP, 2);
        assertThat(directory.listUsers(line -> { })).hasSize(40);
        sandbox.emulator.faults().setPlan(new FaultPlan(Duration.ZERO, 0.08, 0.08, 0.04, 42));
        List<IamUser> users = sandbox.directory(true, 5).listUsers(line -> { });
        assertThat(users).hasSize(40);
        assertThat(sandbox.emulator.faults().injected()).isGreaterThan(7);
    }

    @Test
    void persistentFailureGivesAClearServiceException() {
        sandbox.emulator.faults().failNext("ListUsers", Faults.Kind.SERVER_ERROR, 1000);

        assertThatThrownBy(() -> sandbox.directory(false, 100).listUsers(line -> { }))
                .isInstanceOfSatisfying(ServiceException.class, e -> {
                    assertThat(e.operation()).isEqualTo("ListUsers");
                    assertThat(e.errorCode()).isIn("ServiceFailure", "ServiceUnavailable");
                    assertThat(e.getMessage()).startsWith("IAM ListUsers failed (Service").doesNotContain("\n");
                });
        assertThat(sandbox.emulator.calls("ListUsers")).isEqualTo(4); // maxAttempts
    }

    @Test
    void fetchLiveReadsTheCurrentStateNotTheReport() {
        AwsIamDirectory directory = sandbox.directory(true, 1000);
        directory.listUsers(line -> { });
        Instant justNow = Instant.now().minusSeconds(5);
        sandbox.emulator.state().locked(s -> s.user("heidi.never-used-key").accessKeys.get(0).lastUsed = justNow);

        IamUser heidi = directory.fetchLive("heidi.never-used-key").orElseThrow();

        assertThat(heidi.accessKeys()).singleElement().satisfies(k -> {
            assertThat(k.accessKeyId()).startsWith("AKIA");
            assertThat(k.lastUsed()).isEqualTo(justNow.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        });
        assertThat(directory.fetchLive("nobody")).isEmpty();
    }
}
