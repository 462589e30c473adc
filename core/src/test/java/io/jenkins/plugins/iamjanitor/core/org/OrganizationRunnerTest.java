package io.jenkins.plugins.iamjanitor.core.org;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.iamjanitor.core.port.ServiceException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OrganizationRunnerTest {

    private static OrgAccount account(String id, String status, List<String> ous, Map<String, String> tags) {
        return new OrgAccount(id, "acct-" + id.substring(0, 3), id + "@example.com", status, ous,
                String.join("/", ous), tags);
    }

    private final List<OrgAccount> org = List.of(
            account("333333333333", "ACTIVE", List.of("r-1", "ou-prod"), Map.of("env", "prod")),
            account("222222222222", "ACTIVE", List.of("r-1", "ou-prod", "ou-apps"), Map.of("env", "prod")),
            account("444444444444", "ACTIVE", List.of("r-1", "ou-dev"), Map.of("env", "dev")),
            account("555555555555", "SUSPENDED", List.of("r-1", "ou-dev"), Map.of("env", "dev")));

    @Test
    void filterSelectsNestedUnitsTagsAndListsAndSkipsSuspendedWithReasons() {
        AccountFilter.Selection prod = new AccountFilter(Set.of("ou-prod"), null, null, null).select(org);
        assertThat(prod.selected()).extracting(OrgAccount::id).containsExactly("222222222222", "333333333333");
        assertThat(prod.skipped()).extracting(s -> s.account().id() + ": " + s.reason()).containsExactly(
                "444444444444: not under OU ou-prod", "555555555555: account status is SUSPENDED");

        AccountFilter.Selection dev = new AccountFilter(null, null, null, Map.of("env", "dev")).select(org);
        assertThat(dev.selected()).extracting(OrgAccount::id).containsExactly("444444444444");

        AccountFilter.Selection listed = new AccountFilter(null, Set.of("222222222222", "555555555555"),
                Set.of("222222222222"), null).select(org);
        assertThat(listed.selected()).isEmpty();
        assertThat(listed.skipped()).extracting(AccountFilter.Skipped::reason).containsExactly(
                "excluded by the account deny list", "not in the account allow list", "not in the account allow list",
                "account status is SUSPENDED");

        assertThat(AccountFilter.all().select(org).selected()).hasSize(3);
        assertThatThrownBy(() -> new AccountFilter(null, Set.of("12345"), null, null))
                .hasMessageContaining("12 digits");
    }

    @Test
    void oneFailingAccountIsReportedWithItsReasonAndTheOthersFinishInIdOrder() {
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        OrganizationRun<String> run = new OrganizationRunner(p -> org, AccountFilter.all(), 3, null)
                .run((account, progress) -> {
                    progress.progress("scanning");
                    if (account.id().startsWith("3")) {
                        throw new ServiceException("STS", "AssumeRole", "AccessDenied", "not authorized");
                    }
                    if (account.id().startsWith("4")) {
                        throw new IllegalStateException("boom\nsecond line");
                    }
                    return "ok " + account.id();
                }, lines::add);

        assertThat(run.outcomes()).extracting(o -> o.account().id())
                .containsExactly("222222222222", "333333333333", "444444444444");
        assertThat(run.completed()).extracting(AccountOutcome::result).containsExactly("ok 222222222222");
        assertThat(run.failures()).extracting(AccountOutcome::errorCode).containsExactly("AccessDenied", null);
        assertThat(run.failures()).extracting(AccountOutcome::failure).containsExactly(
                "STS AssumeRole failed (AccessDenied): not authorized", "IllegalStateException: boom");
        assertThat(run.skipped()).extracting(s -> s.account().id()).containsExactly("555555555555");
        assertThat(lines).contains("[222222222222 (acct-222)] scanning",
                "Organization: 1 account(s) done, 2 failed");
        assertThat(lines).anyMatch(l -> l.matches("Account \\d/3 333333333333 \\(acct-333\\): FAILED - STS AssumeRole"
                + " failed \\(AccessDenied\\): not authorized in \\d+ ms"));
    }

    @Test
    void neverRunsMoreAccountsAtOnceThanTheBound() {
        List<OrgAccount> many = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            many.add(OrgAccount.of(String.format("%012d", 100 + i), null));
        }
        AtomicInteger running = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        CountDownLatch firstWave = new CountDownLatch(3);
        OrganizationRun<Integer> run = new OrganizationRunner(new ExplicitAccounts(many), AccountFilter.all(), 3,
                null).run((account, progress) -> {
                    int now = running.incrementAndGet();
                    peak.accumulateAndGet(now, Math::max);
                    firstWave.countDown();
                    // The first three wait for each other, so the bound is reached before anyone finishes.
                    firstWave.await(10, TimeUnit.SECONDS);
                    running.decrementAndGet();
                    return now;
                }, line -> { });
        assertThat(run.failures()).isEmpty();
        assertThat(peak.get()).isEqualTo(3);
    }

    @Test
    void anAccountPastItsTimeoutIsInterruptedAndReportedWhileTheOthersFinish() {
        List<OrgAccount> two = List.of(OrgAccount.of("000000000001", "stuck"), OrgAccount.of("000000000002", null));
        OrganizationRun<String> run = new OrganizationRunner(new ExplicitAccounts(two), AccountFilter.all(), 1,
                Duration.ofMillis(200)).run((account, progress) -> {
                    if (account.name().equals("stuck")) {
                        new CountDownLatch(1).await(); // only an interrupt ends this
                    }
                    return "ok";
                }, line -> { });
        assertThat(run.outcomes()).extracting(AccountOutcome::failure).containsExactly("timed out after 0 s", null);
        assertThat(run.outcomes().get(0).errorCode()).isEqualTo("Timeout");
        assertThat(run.outcomes().get(1).result()).isEqualTo("ok");
    }
}
