package io.jenkins.plugins.iamjanitor.integrations.aws;

import io.jenkins.plugins.iamjanitor.core.model.AccessKey;
import io.jenkins.plugins.iamjanitor.core.model.ConsolePassword;
import io.jenkins.plugins.iamjanitor.core.model.CredentialStatus;
import io.jenkins.plugins.iamjanitor.core.model.IamUser;
import io.jenkins.plugins.iamjanitor.core.model.MfaDevice;
import io.jenkins.plugins.iamjanitor.core.model.ServiceSpecificCredential;
import io.jenkins.plugins.iamjanitor.core.model.SigningCertificate;
import io.jenkins.plugins.iamjanitor.core.model.SshPublicKey;
import io.jenkins.plugins.iamjanitor.core.model.Tag;
import io.jenkins.plugins.iamjanitor.core.port.IamDirectory;
import io.jenkins.plugins.iamjanitor.core.port.ProgressListener;
import io.jenkins.plugins.iamjanitor.core.port.ServiceException;
import io.jenkins.plugins.iamjanitor.integrations.aws.CredentialReportParser.Row;
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
import software.amazon.awssdk.services.iam.model.Group;
import software.amazon.awssdk.services.iam.model.User;

/**
 * {@link IamDirectory} on AWS IAM. Discovery reads the credential report joined with ListUsers (a handful of calls
 * for any number of users); when the report cannot be had it falls back to per-user calls (GetLoginProfile,
 * ListAccessKeys, GetAccessKeyLastUsed). {@link #fetchLive} always uses per-user calls.
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

    private final IamReads reads;
    private final Options options;
    private final CredentialReportFetcher reports;

    public AwsIamDirectory(IamClient iam) {
        this(iam, Options.defaults(), Sleeper.THREAD);
    }

    public AwsIamDirectory(IamClient iam, Options options, Sleeper sleeper) {
        this.reads = new IamReads(iam, options.pageSize());
        this.options = options;
        this.reports = new CredentialReportFetcher(iam, options.reportMaxPolls(), options.reportPollDelay(), sleeper);
    }

    @Override
    public List<IamUser> listUsers(ProgressListener progress) {
        List<Row> rows = null;
        if (options.useCredentialReport()) {
            try {
                CredentialReportFetcher.Report report = reports.fetch(progress);
                rows = parse(report.csv());
                progress.progress("IAM: credential report generated " + report.generated() + ", "
                        + (rows.size() - rows.stream().filter(Row::isRoot).count()) + " users");
            } catch (ServiceException e) {
                if ("MalformedCredentialReport".equals(e.errorCode())) {
                    throw e;
                }
                progress.progress("IAM: credential report unavailable (" + e.getMessage()
                        + "); falling back to per-user calls");
            }
        }
        List<User> users = reads.users();
        progress.progress("IAM: ListUsers returned " + users.size() + " users");
        Map<String, Row> byName = new HashMap<>();
        if (rows != null) {
            rows.forEach(r -> byName.put(r.user(), r));
        }
        List<IamUser> out = new ArrayList<>(users.size());
        int i = 0;
        for (User user : users) {
            i++;
            Row row = byName.get(user.userName());
            if (row != null) {
                out.add(fromReport(user, row));
            } else {
                // Created after the report, or no report at all: read this one user directly.
                progress.step("Reading IAM users", i, users.size(), "IAM: [" + i + "/" + users.size() + "] "
                        + user.userName() + " (per-user calls)");
                out.add(perUser(user));
            }
        }
        return out;
    }

    private static List<Row> parse(String csv) {
        try {
            return new CredentialReportParser().parse(csv);
        } catch (IllegalArgumentException e) {
            throw new ServiceException(AwsCalls.IAM, "GetCredentialReport", "MalformedCredentialReport",
                    e.getMessage(), e);
        }
    }

    @Override
    public IamUser withDetails(IamUser user) {
        String name = user.userName();
        List<Tag> tags = reads.tags(name).stream().map(t -> new Tag(t.key(), t.value())).toList();
        List<String> groups = reads.groups(name).stream().map(Group::groupName).toList();
        List<SshPublicKey> ssh = reads.sshKeys(name).stream()
                .map(k -> new SshPublicKey(k.sshPublicKeyId(), status(k.statusAsString()), k.uploadDate())).toList();
        List<SigningCertificate> certs = reads.certificates(name).stream()
                .map(c -> new SigningCertificate(c.certificateId(), status(c.statusAsString()), c.uploadDate()))
                .toList();
        List<ServiceSpecificCredential> sscs = reads.serviceCredentials(name).stream()
                .map(c -> new ServiceSpecificCredential(c.serviceSpecificCredentialId(), c.serviceName(),
                        status(c.statusAsString()), c.createDate())).toList();
        List<MfaDevice> mfa = reads.mfaDevices(name).stream()
                .map(d -> new MfaDevice(d.serialNumber(), d.enableDate(), IamReads.isVirtualMfa(d.serialNumber())))
                .toList();
        return new IamUser(name, user.userId(), user.arn(), user.path(), user.createDate(), tags, groups,
                user.password(), keysWithIds(user), ssh, certs, sscs, mfa);
    }

    /** Gives report keys (known by slot) their ids, matching on creation date; reads last use for the others. */
    private List<AccessKey> keysWithIds(IamUser user) {
        List<AccessKey> out = new ArrayList<>();
        for (AccessKeyMetadata meta : reads.accessKeys(user.userName())) {
            Optional<AccessKey> known = user.accessKeys().stream()
                    .filter(k -> meta.accessKeyId().equals(k.accessKeyId())
                            || (k.accessKeyId() == null && sameSecond(k.created(), meta.createDate())))
                    .findFirst();
            out.add(known.map(k -> new AccessKey(meta.accessKeyId(), 0, status(meta.statusAsString()),
                            meta.createDate(), k.lastUsed(), k.lastUsedService(), k.lastUsedRegion()))
                    .orElseGet(() -> liveKey(meta)));
        }
        return out;
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
        AccessKeyLastUsed used = reads.accessKeyLastUsed(meta.accessKeyId());
        return new AccessKey(meta.accessKeyId(), 0, status(meta.statusAsString()), meta.createDate(),
                used.lastUsedDate(), na(used.serviceName()), na(used.region()));
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
