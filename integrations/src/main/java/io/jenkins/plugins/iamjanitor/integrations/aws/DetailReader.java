package io.jenkins.plugins.iamjanitor.integrations.aws;

import io.jenkins.plugins.iamjanitor.core.model.IamUser;
import io.jenkins.plugins.iamjanitor.core.port.DetailRead;
import io.jenkins.plugins.iamjanitor.core.port.ProgressListener;
import io.jenkins.plugins.iamjanitor.core.port.ServiceException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the details of would-be candidates by whichever path costs fewer IAM calls for this account: bulk (a few
 * account-wide pages, then SSH public keys per user) or per user (6 calls each). Per-user reads run on a few threads
 * under one shared {@link RequestPacer}; results and progress lines keep the input order. Access key ids are read
 * apart, by {@link #keyIds}, for the users the CloudTrail stage checks.
 */
final class DetailReader {
    /** Calls the per-user path makes per user: tags, groups, SSH keys, certificates, SSCs, MFA devices. */
    static final int PER_USER_CALLS = 6;

    enum Path { AUTO, BULK, PER_USER }

    /**
     * @param rate    most IAM requests per second the detail phase starts (IAM throttles per account)
     * @param burst   requests allowed at once before the rate applies
     * @param threads per-user reads in flight
     * @param budget  wall time after which the users not yet read are reported unreadable (never flagged)
     * @param path    AUTO chooses by estimated calls; BULK or PER_USER force one (tests, benchmarks)
     */
    record Options(double rate, double burst, int threads, Duration budget, Path path) {
        static Options defaults() {
            return new Options(15, 5, 4, Duration.ofMinutes(30), Path.AUTO);
        }
    }

    /**
     * What the credential report told about the account: its user count and, for each user built from it, whether
     * MFA is active. Keyed by the user value itself, not its name, so a user that did not come from this report
     * (created since, an unreadable row, another listing) is never taken for covered: it has no signing-certificate
     * state and is read per user on either path.
     */
    record ReportFacts(int users, Map<IamUser, Boolean> mfaActive) {
        boolean covered(IamUser user) {
            return mfaActive.containsKey(user);
        }
    }

    private final IamReads reads;
    private final Options options;
    private final Sleeper sleeper;

    DetailReader(IamReads reads, Options options, Sleeper sleeper) {
        this.reads = reads;
        this.options = options;
        this.sleeper = sleeper;
    }

    /** @param facts null when the credential report was not used: per-user path */
    List<DetailRead> read(List<IamUser> users, ReportFacts facts, ProgressListener progress) {
        ReadHealth health = new ReadHealth();
        DetailCalls calls = new DetailCalls(reads, new RequestPacer(options.rate(), options.burst(), System::nanoTime,
                sleeper), health);
        BulkDetails bulk = null;
        if (facts != null && choose(users, facts, progress)) {
            List<String> warnings = new ArrayList<>();
            try {
                bulk = BulkDetails.read(calls, reads, warnings);
            } catch (ServiceException e) {
                warnings.add("WARNING: " + e.getMessage() + "; reading details per user instead");
            }
            warnings.forEach(progress::progress);
        } else if (facts == null) {
            progress.progress("IAM: path for details: per-user reads (no credential report), " + users.size()
                    + " user(s) × " + PER_USER_CALLS + " calls");
        }
        BulkDetails data = bulk;
        long deadline = System.nanoTime() + options.budget().toNanos();
        int total = users.size();
        List<IndexedUser> indexed = new ArrayList<>(total);
        for (int i = 0; i < total; i++) {
            indexed.add(new IndexedUser(i + 1, users.get(i)));
        }
        List<DetailRead> out = new OrderedParallel(options.threads()).run(indexed, iu -> {
            DetailRead r = one(iu.user(), data, facts, calls, deadline);
            return new OrderedParallel.Done<>(r, "IAM: details [" + iu.n() + "/" + total + "] "
                    + iu.user().userName() + (r.ok() ? "" : ": " + r.unreadable()));
        }, progress);
        health.warnings().forEach(progress::progress);
        return out;
    }

    private record IndexedUser(int n, IamUser user) {
    }

    /**
     * The ids of each user's access keys (one ListAccessKeys each, paced and on the detail threads like the detail
     * reads), in the order given; empty for a user that no longer exists. Any other failure is thrown: the caller
     * must not check CloudTrail without the ids.
     */
    List<List<String>> keyIds(List<String> userNames, ProgressListener progress) {
        RequestPacer pacer = new RequestPacer(options.rate(), options.burst(), System::nanoTime, sleeper);
        int total = userNames.size();
        List<Integer> indexes = new ArrayList<>(total);
        for (int i = 0; i < total; i++) {
            indexes.add(i);
        }
        return new OrderedParallel(options.threads()).run(indexes, i -> {
            String name = userNames.get(i);
            List<String> ids;
            try {
                ids = pacer.call("ListAccessKeys", () -> reads.accessKeys(name)).stream()
                        .map(k -> k.accessKeyId()).toList();
            } catch (ServiceException e) {
                if (!"NoSuchEntity".equals(e.errorCode())) {
                    throw e;
                }
                ids = List.of();
            }
            return new OrderedParallel.Done<>(ids, "IAM: access key ids [" + (i + 1) + "/" + total + "] " + name
                    + ": " + (ids.isEmpty() ? "none" : String.join(", ", ids)));
        }, progress);
    }

    /** Prints and returns the choice: true for bulk. */
    private boolean choose(List<IamUser> users, ReportFacts facts, ProgressListener progress) {
        long covered = users.stream().filter(facts::covered).count();
        long perUser = (long) PER_USER_CALLS * users.size();
        int page = reads.pageSize();
        long mfa = facts.mfaActive().values().stream().filter(Boolean::booleanValue).count();
        long pages = ceil(facts.users(), page) + Math.max(1, ceil(mfa, page)) + 1;
        long bulk = pages + covered + (long) PER_USER_CALLS * (users.size() - covered);
        boolean useBulk = switch (options.path()) {
            case BULK -> true;
            case PER_USER -> false;
            case AUTO -> bulk < perUser;
        };
        progress.progress("IAM: path for the details of " + users.size() + " user(s): "
                + (useBulk ? "bulk reads" : "per-user reads") + " (estimated IAM calls: bulk " + bulk + " = " + pages
                + " account-wide pages + " + covered + " ListSSHPublicKeys"
                + (covered < users.size() ? " + " + (users.size() - covered) + " users not in the report × "
                        + PER_USER_CALLS : "")
                + "; per-user " + perUser + " = " + users.size() + " × " + PER_USER_CALLS + ")"
                + (options.path() == Path.AUTO ? "" : ", forced"));
        return useBulk;
    }

    private DetailRead one(IamUser user, BulkDetails bulk, ReportFacts facts, DetailCalls calls, long deadline) {
        if (System.nanoTime() - deadline > 0) {
            return DetailRead.failed(user, "details not read: the scan's time budget for detail reads ("
                    + options.budget() + ") ran out");
        }
        try {
            IamUser done = bulk != null && facts.covered(user)
                    ? bulk.complete(user, facts.mfaActive().get(user), calls) : null;
            return DetailRead.ok(done != null ? done : calls.everything(user));
        } catch (ReadHealth.Unreadable e) {
            return DetailRead.failed(user, e.getMessage());
        } catch (ServiceException e) {
            return DetailRead.failed(user, "details could not be read (" + e.getMessage() + ")");
        }
    }

    private static long ceil(long n, int page) {
        return (n + page - 1) / page;
    }
}
