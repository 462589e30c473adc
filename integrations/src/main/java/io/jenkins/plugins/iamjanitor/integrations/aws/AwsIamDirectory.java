package io.jenkins.plugins.iamjanitor.integrations.aws;

import io.jenkins.plugins.iamjanitor.core.model.AccessKey;
import io.jenkins.plugins.iamjanitor.core.model.ConsolePassword;
import io.jenkins.plugins.iamjanitor.core.model.CredentialStatus;
import io.jenkins.plugins.iamjanitor.core.model.IamUser;
import io.jenkins.plugins.iamjanitor.core.model.SigningCertificate;
import io.jenkins.plugins.iamjanitor.core.port.DetailRead;
import io.jenkins.plugins.iamjanitor.core.port.IamDirectory;
import io.jenkins.plugins.iamjanitor.core.port.ProgressListener;
import io.jenkins.plugins.iamjanitor.core.port.ServiceException;
import io.jenkins.plugins.iamjanitor.integrations.aws.CredentialReportParser.Row;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKeyLastUsed;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;
import software.amazon.awssdk.services.iam.model.User;

/**
 * {@link IamDirectory} on AWS IAM. Discovery reads the credential report joined with ListUsers (a handful of calls
 * for any number of users); users the report does not cover, or everyone when the report cannot be had, get per-user
 * calls (GetLoginProfile, ListAccessKeys, GetAccessKeyLastUsed). Details of would-be candidates come from
 * {@link DetailReader}: bulk or per-user reads, whichever the report's counts make cheaper. Access key ids, which the
 * report does not give, are read by {@link #accessKeyIds} for the users the CloudTrail stage checks. {@link #fetchLive}
 * always uses per-user calls.
 */
public final class AwsIamDirectory implements IamDirectory {

    /**
     * @param useCredentialReport false forces the per-user path
     * @param pageSize            MaxItems for list calls (1..1000)
     * @param reportMaxPolls      polls of GetCredentialReport before falling back
     * @param reportPollDelay     first delay between polls, doubled each time
     */
    public record Options(boolean useCredentialReport, int pageSize, int reportMaxPolls, Duration reportPollDelay) {
        public Options {
            if (pageSize < 1 || pageSize > 1000) {
                throw new IllegalArgumentException("pageSize must be between 1 and 1000, got " + pageSize);
            }
        }

        public static Options defaults() {
            return new Options(true, 1000, 20, Duration.ofSeconds(2));
        }
    }

    /** A report older than this is regenerated before use (AWS itself serves one for up to four hours). */
    static final Duration MAX_REPORT_AGE = Duration.ofHours(4);

    private final IamReads reads;
    private final Options options;
    private final CredentialReportFetcher reports;
    private final DetailReader details;
    private final Clock clock;
    /** What the last {@link #listUsers} learnt from the credential report, for {@link #withDetails(List, ProgressListener)}. */
    private volatile DetailReader.ReportFacts facts;

    public AwsIamDirectory(IamClient iam) {
        this(iam, Options.defaults(), Sleeper.THREAD);
    }

    public AwsIamDirectory(IamClient iam, Options options, Sleeper sleeper) {
        this(iam, options, DetailReader.Options.defaults(), sleeper, Clock.systemUTC());
    }

    AwsIamDirectory(IamClient iam, Options options, DetailReader.Options detailOptions, Sleeper sleeper,
            Clock clock) {
        this.reads = new IamReads(iam, options.pageSize());
        this.options = options;
        this.reports = new CredentialReportFetcher(iam, options.reportMaxPolls(), options.reportPollDelay(), sleeper);
        this.details = new DetailReader(reads, detailOptions, sleeper);
        this.clock = clock;
    }

    /**
     * Detail reads at {@code rate} IAM requests per second at most, {@code threads} at a time; {@code path} is
     * "auto" (fewest estimated calls), "bulk" or "per-user".
     */
    public AwsIamDirectory withDetailReads(double rate, int threads, String path) {
        DetailReader.Path p = switch (path) {
            case "auto" -> DetailReader.Path.AUTO;
            case "bulk" -> DetailReader.Path.BULK;
            case "per-user" -> DetailReader.Path.PER_USER;
            default -> throw new IllegalArgumentException("path must be auto, bulk or per-user, got " + path);
        };
        DetailReader.Options d = DetailReader.Options.defaults();
        return new AwsIamDirectory(reads, options, reports, new DetailReader(reads,
                new DetailReader.Options(rate, Math.max(1, Math.min(d.burst(), rate)), threads, d.budget(), p),
                Sleeper.THREAD), clock);
    }

    private AwsIamDirectory(IamReads reads, Options options, CredentialReportFetcher reports, DetailReader details,
            Clock clock) {
        this.reads = reads;
        this.options = options;
        this.reports = reports;
        this.details = details;
        this.clock = clock;
    }

    @Override
    public List<IamUser> listUsers(ProgressListener progress) {
        facts = null;
        ReportRows report = options.useCredentialReport() ? report(progress) : null;
        List<User> users = reads.users();
        progress.progress("IAM: ListUsers returned " + users.size() + " users");
        List<IamUser> out = new ArrayList<>(users.size());
        Map<IamUser, Boolean> mfa = new HashMap<>();
        List<String> notCovered = new ArrayList<>();
        for (User user : users) {
            Row row = report == null ? null : report.byName().get(user.userName());
            // The same name with another ARN or creation time is a user deleted and re-created since the report.
            if (row != null && row.arn().equals(user.arn()) && sameSecond(row.created(), user.createDate())) {
                IamUser fromReport = fromReport(user, row);
                out.add(fromReport);
                mfa.put(fromReport, row.mfaActive());
            } else {
                notCovered.add(user.userName());
                out.add(null);
            }
        }
        if (report != null && !notCovered.isEmpty()) {
            progress.progress("IAM: " + notCovered.size() + " user(s) not covered by the credential report (created"
                    + " after it, re-created, or an unreadable row), read with per-user calls: "
                    + abbreviate(notCovered));
        }
        for (int i = 0; i < users.size(); i++) {
            if (out.get(i) == null) {
                out.set(i, perUser(users.get(i)));
            }
        }
        if (report != null) {
            facts = new DetailReader.ReportFacts(users.size(), mfa);
        }
        return out;
    }

    private record ReportRows(Map<String, Row> byName) {
    }

    /** The report's rows by user name, or null (with a line saying why) when the report cannot be had or read. */
    private ReportRows report(ProgressListener progress) {
        try {
            CredentialReportFetcher.Report report = reports.fetch(progress);
            Duration age = Duration.between(report.generated(), clock.instant());
            if (age.compareTo(MAX_REPORT_AGE) > 0) {
                progress.progress("IAM: credential report is " + describe(age) + " old, asking for a new one");
                report = reports.regenerate(progress);
                age = Duration.between(report.generated(), clock.instant());
            }
            CredentialReportParser.Parsed parsed = new CredentialReportParser().parseLenient(report.csv());
            Map<String, Row> byName = new HashMap<>();
            parsed.rows().stream().filter(r -> !r.isRoot()).forEach(r -> byName.put(r.user(), r));
            progress.progress("IAM: credential report generated " + report.generated() + " (" + describe(age)
                    + " old), " + byName.size() + " users");
            if (age.compareTo(MAX_REPORT_AGE) > 0) {
                progress.progress("WARNING: the credential report is still " + describe(age) + " old; last-use"
                        + " dates may be that much behind (the re-check before any deletion reads live)");
            }
            for (CredentialReportParser.Skipped s : parsed.skipped()) {
                progress.progress("WARNING: " + s.reason() + (s.user() == null ? "" : " (user " + s.user() + ")")
                        + "; that user is read with per-user calls");
            }
            return new ReportRows(byName);
        } catch (IllegalArgumentException e) {
            progress.progress("WARNING: credential report unreadable (" + e.getMessage()
                    + "); falling back to per-user calls");
        } catch (ServiceException e) {
            progress.progress("IAM: credential report unavailable (" + e.getMessage()
                    + "); falling back to per-user calls");
        }
        return null;
    }

    @Override
    public IamUser withDetails(IamUser user) {
        List<DetailRead> one = details.read(List.of(user), null, ProgressListener.NONE);
        if (!one.get(0).ok()) {
            throw new ServiceException(AwsCalls.IAM, "details", null, one.get(0).unreadable());
        }
        return one.get(0).user();
    }

    @Override
    public List<DetailRead> withDetails(List<IamUser> users, ProgressListener progress) {
        return details.read(users, facts, progress);
    }

    /** One ListAccessKeys per user, paced and bounded-parallel like the detail reads (see {@link DetailReader#keyIds}). */
    @Override
    public List<List<String>> accessKeyIds(List<String> userNames, ProgressListener progress) {
        return details.keyIds(userNames, progress);
    }

    @Override
    public Optional<String> accountAlias() {
        return reads.accountAlias();
    }

    @Override
    public Optional<IamUser> fetchLive(String userName) {
        return reads.user(userName).map(this::perUser);
    }

    private IamUser perUser(User user) {
        String name = user.userName();
        ConsolePassword password = reads.loginProfile(name)
                .map(p -> new ConsolePassword(true, p.createDate(), user.passwordLastUsed()))
                .orElse(user.passwordLastUsed() == null ? null
                        : new ConsolePassword(false, null, user.passwordLastUsed()));
        List<AccessKey> keys = reads.accessKeys(name).stream().map(this::liveKey).toList();
        return new IamUser(name, user.userId(), user.arn(), user.path(), user.createDate(), null, null, password,
                keys, List.of(), List.of(), List.of(), List.of());
    }

    private AccessKey liveKey(AccessKeyMetadata meta) {
        return key(meta, reads.accessKeyLastUsed(meta.accessKeyId()));
    }

    static AccessKey key(AccessKeyMetadata meta, AccessKeyLastUsed used) {
        return new AccessKey(meta.accessKeyId(), 0, status(meta.statusAsString()), meta.createDate(),
                used.lastUsedDate(), na(used.serviceName()), na(used.region()));
    }

    static String describe(Duration age) {
        long minutes = Math.max(0, age.toMinutes());
        return minutes < 120 ? minutes + " min" : minutes / 60 + " h " + minutes % 60 + " min";
    }

    private static String abbreviate(List<String> names) {
        return names.size() <= 10 ? String.join(", ", names)
                : String.join(", ", names.subList(0, 10)) + " and " + (names.size() - 10) + " more";
    }

    private static IamUser fromReport(User user, Row row) {
        // ListUsers' PasswordLastUsed is fresher than the report (which may be up to four hours old).
        Instant lastUsed = latest(user.passwordLastUsed(), row.passwordLastUsed());
        ConsolePassword password = row.passwordEnabled()
                ? new ConsolePassword(true, row.passwordLastChanged(), lastUsed)
                : lastUsed == null ? null : new ConsolePassword(false, null, lastUsed);
        List<AccessKey> keys = row.keys().stream()
                .map(k -> new AccessKey(null, k.slot(), k.active() ? CredentialStatus.ACTIVE : CredentialStatus.INACTIVE,
                        k.lastRotated(), k.lastUsed(), k.service(), k.region()))
                .toList();
        List<SigningCertificate> certs = row.certs().stream()
                .map(c -> new SigningCertificate(null, c.active() ? CredentialStatus.ACTIVE : CredentialStatus.INACTIVE,
                        c.lastRotated()))
                .toList();
        return new IamUser(user.userName(), user.userId(), user.arn(), user.path(), user.createDate(), null, null,
                password, keys, List.of(), certs, List.of(), List.of());
    }

    private static Instant latest(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }

    private static boolean sameSecond(Instant a, Instant b) {
        return a != null && b != null && a.getEpochSecond() == b.getEpochSecond();
    }

    static CredentialStatus status(String aws) {
        return "Active".equalsIgnoreCase(aws) ? CredentialStatus.ACTIVE : CredentialStatus.INACTIVE;
    }

    private static String na(String value) {
        return value == null || "N/A".equals(value) ? null : value;
    }
}
