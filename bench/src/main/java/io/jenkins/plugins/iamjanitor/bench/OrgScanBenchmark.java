package io.jenkins.plugins.iamjanitor.bench;

import io.jenkins.plugins.iamjanitor.bench.iam.Population;
import io.jenkins.plugins.iamjanitor.core.org.AccountFilter;
import io.jenkins.plugins.iamjanitor.core.org.AccountOutcome;
import io.jenkins.plugins.iamjanitor.core.org.OrganizationRun;
import io.jenkins.plugins.iamjanitor.core.org.OrganizationRunner;
import io.jenkins.plugins.iamjanitor.core.policy.InactivityPolicy;
import io.jenkins.plugins.iamjanitor.core.policy.PolicySettings;
import io.jenkins.plugins.iamjanitor.core.port.ProgressListener;
import io.jenkins.plugins.iamjanitor.core.scan.InactivityScanner;
import io.jenkins.plugins.iamjanitor.core.scan.ScanResult;
import io.jenkins.plugins.iamjanitor.integrations.aws.AwsClients;
import io.jenkins.plugins.iamjanitor.integrations.aws.AwsCredentialsSource;
import io.jenkins.plugins.iamjanitor.integrations.aws.AwsIamDirectory;
import io.jenkins.plugins.iamjanitor.integrations.aws.AwsSettings;
import io.jenkins.plugins.iamjanitor.integrations.aws.org.AccountRoles;
import io.jenkins.plugins.iamjanitor.integrations.aws.org.AccountSession;
import io.jenkins.plugins.iamjanitor.integrations.aws.org.AwsOrganizationsAccounts;
import io.jenkins.plugins.iamjanitor.sandbox.FaultPlan;
import io.jenkins.plugins.iamjanitor.sandbox.Faults;
import io.jenkins.plugins.iamjanitor.sandbox.Scenario;
import io.jenkins.plugins.iamjanitor.sandbox.iam.IamEmulator;
import io.jenkins.plugins.iamjanitor.sandbox.org.OrgModel;
import io.jenkins.plugins.iamjanitor.sandbox.org.OrganizationSandbox;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.organizations.OrganizationsClient;

/**
 * A whole organisation scanned in one run: N emulated accounts of M users each behind the organisation sandbox, the
 * last account refusing AssumeRole. Runs the same scan with K accounts at a time and one at a time, and checks that
 * every reachable account completed, the denied one failed with its reason, and that each account cost exactly the
 * IAM calls of a single-account scan of the same users.
 */
final class OrgScanBenchmark implements Benchmark {
    static final List<String> HEADERS = List.of("accounts", "users/account", "latency ms", "concurrency",
            "complete", "failed", "IAM calls/account", "single-account calls", "wall s", "speed-up");
    private static final AwsCredentialsSource MANAGEMENT =
            new AwsCredentialsSource.Static("AKIABENCHMANAGEMENT", "bench-not-a-secret", null);

    @Override
    public String name() {
        return "org-scan";
    }

    @Override
    public String usage() {
        return "org-scan [--accounts 100] [--users 200] [--inactive 0.05] [--latency-ms 20] [--concurrency 8]"
                + " [--denied 1] [--markdown FILE]";
    }

    @Override
    public void run(BenchArgs args, PrintStream out, PrintStream log) throws Exception {
        int accounts = args.integer("accounts", 100);
        int users = args.integer("users", 200);
        double inactive = args.decimal("inactive", 0.05);
        int latency = args.integer("latency-ms", 20);
        int concurrency = args.integer("concurrency", 8);
        int denied = args.integer("denied", 1);
        String markdown = args.string("markdown", null);
        if (accounts < 1 || denied < 0 || denied >= accounts) {
            throw new IllegalArgumentException("need --accounts >= 1 and 0 <= --denied < --accounts");
        }
        int single = singleAccountCalls(users, inactive);
        Table table = new Table(HEADERS);
        Result parallel = runOnce(accounts, users, inactive, latency, concurrency, denied, single, log);
        Result sequential = runOnce(accounts, users, inactive, latency, 1, denied, single, log);
        for (Result r : List.of(parallel, sequential)) {
            table.row(accounts, users, latency, r.concurrency, r.complete, r.failed, r.callsPerAccount, single,
                    String.format(Locale.ROOT, "%.1f", r.wall),
                    String.format(Locale.ROOT, "%.1fx", sequential.wall / r.wall));
        }
        out.print(table.text());
        out.println("denied account: " + parallel.failure);
        if (markdown != null) {
            Files.writeString(Path.of(markdown), table.markdown());
            log.println("org-scan: table written to " + markdown);
        }
    }

    private record Result(int concurrency, int complete, int failed, String callsPerAccount, double wall,
            String failure) {
    }

    private static OrgModel model(int accounts, int denied) {
        List<OrgModel.Account> members = new ArrayList<>();
        for (int i = 0; i < accounts; i++) {
            members.add(new OrgModel.Account(String.format("%012d", 200_000_000_000L + i), "bench-" + i, null,
                    "ACTIVE", "r-bench", Map.of(), i >= accounts - denied));
        }
        return new OrgModel("o-bench", "111111111111", "r-bench", List.of(), members);
    }

    private static Result runOnce(int accounts, int users, double inactive, int latency, int concurrency,
            int denied, int single, PrintStream log) {
        OrgModel model = model(accounts, denied);
        FaultPlan faults = new FaultPlan(Duration.ofMillis(latency), 0, 0, 0, 7);
        try (OrganizationSandbox org = OrganizationSandbox.start(model, Map.of(), faults)) {
            for (OrgModel.Account a : model.accounts()) {
                new Population(org.account(a.id()).state(), 42).scanUsers("user", users, inactive);
            }
            AwsSettings management = settings(org.iamEndpoint());
            AccountRoles roles = new AccountRoles(null, null, "iam-janitor-bench", null);
            InactivityPolicy policy = new InactivityPolicy(PolicySettings.defaults(), Clock.systemUTC());
            log.printf(Locale.ROOT, "org-scan: %d accounts x %d users, %d at a time%n", accounts, users, concurrency);
            long start = System.nanoTime();
            OrganizationRun<ScanResult> run;
            try (AwsClients clients = new AwsClients(management);
                 OrganizationsClient organizations = clients.organizations(org.organizationsEndpoint())) {
                run = new OrganizationRunner(new AwsOrganizationsAccounts(organizations, false), AccountFilter.all(),
                        concurrency, Duration.ofMinutes(10)).run((account, progress) -> {
                            try (AccountSession s = AccountSession.open(account, management, roles)) {
                                return new InactivityScanner(directory(s.iam()), policy).scan(ProgressListener.NONE);
                            }
                        }, line -> {
                            if (line.startsWith("Account ") || line.startsWith("Organization")) {
                                log.println("  " + line);
                            }
                        });
            }
            double wall = (System.nanoTime() - start) / 1e9;
            check(run, accounts, users, denied);
            TreeMap<Integer, Integer> perAccount = new TreeMap<>();
            for (AccountOutcome<ScanResult> o : run.completed()) {
                perAccount.merge(iamCalls(org.account(o.account().id()).callCounts()), 1, Integer::sum);
            }
            if (!perAccount.keySet().equals(java.util.Set.of(single))) {
                throw new IllegalStateException("IAM calls per account " + perAccount + " differ from a single-account"
                        + " scan's " + single);
            }
            String failure = run.failures().isEmpty() ? "none" : run.failures().get(0).account().id() + ": "
                    + run.failures().get(0).failure();
            return new Result(concurrency, run.completed().size(), run.failures().size(),
                    String.valueOf(perAccount.firstKey()), wall, failure);
        }
    }

    private static void check(OrganizationRun<ScanResult> run, int accounts, int users, int denied) {
        if (run.completed().size() != accounts - denied || run.failures().size() != denied) {
            throw new IllegalStateException("expected " + (accounts - denied) + " complete and " + denied
                    + " failed accounts, got " + run.completed().size() + " and " + run.failures().size() + ": "
                    + run.failures().stream().map(AccountOutcome::failure).toList());
        }
        for (AccountOutcome<ScanResult> f : run.failures()) {
            if (!"AccessDenied".equals(f.errorCode())) {
                throw new IllegalStateException("account " + f.account().id() + " failed for another reason: "
                        + f.failure());
            }
        }
        for (AccountOutcome<ScanResult> o : run.completed()) {
            if (o.result().verdicts().size() != users) {
                throw new IllegalStateException("account " + o.account().id() + " scanned "
                        + o.result().verdicts().size() + " users, expected " + users);
            }
        }
    }

    /** The same users in a stand-alone account, scanned the single-account way. */
    private static int singleAccountCalls(int users, double inactive) {
        Scenario empty = Scenario.parse("bench", "{\"iam\":{\"users\":[]}}");
        try (IamEmulator.Running iam = IamEmulator.start(empty, new Faults(FaultPlan.none()));
             AwsClients clients = new AwsClients(settings(iam.emulator().endpoint()));
             IamClient client = clients.iam()) {
            new Population(iam.emulator().state(), 42).scanUsers("user", users, inactive);
            new InactivityScanner(directory(client), new InactivityPolicy(PolicySettings.defaults(),
                    Clock.systemUTC())).scan(ProgressListener.NONE);
            return iamCalls(iam.emulator().callCounts());
        }
    }

    private static int iamCalls(Map<String, Integer> counts) {
        return counts.entrySet().stream().filter(e -> !e.getKey().equals("AssumeRole"))
                .mapToInt(Map.Entry::getValue).sum();
    }

    private static AwsSettings settings(java.net.URI endpoint) {
        return new AwsSettings("us-east-1", endpoint, null, MANAGEMENT, 10, Duration.ofMillis(20),
                Duration.ofMinutes(5));
    }

    private static AwsIamDirectory directory(IamClient iam) {
        // The credential report poll pacing of the CLI's sandbox mode: the emulator is ready within a poll or two.
        return new AwsIamDirectory(iam, new AwsIamDirectory.Options(true, 1000, 30, Duration.ofMillis(50)),
                d -> Thread.sleep(d.toMillis()));
    }
}
