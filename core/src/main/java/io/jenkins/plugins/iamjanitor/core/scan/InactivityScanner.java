package io.jenkins.plugins.iamjanitor.core.scan;

import io.jenkins.plugins.iamjanitor.core.model.IamUser;
import io.jenkins.plugins.iamjanitor.core.policy.InactivityPolicy;
import io.jenkins.plugins.iamjanitor.core.policy.Outcome;
import io.jenkins.plugins.iamjanitor.core.policy.Verdict;
import io.jenkins.plugins.iamjanitor.core.port.DetailRead;
import io.jenkins.plugins.iamjanitor.core.port.IamDirectory;
import io.jenkins.plugins.iamjanitor.core.port.ProgressListener;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Lists every user, evaluates each, and fetches details (tags, groups, SSH keys, certificates, service-specific
 * credentials) only for would-be candidates. Read-only.
 */
public final class InactivityScanner {
    private final IamDirectory directory;
    private final InactivityPolicy policy;

    public InactivityScanner(IamDirectory directory, InactivityPolicy policy) {
        this.directory = directory;
        this.policy = policy;
    }

    public ScanResult scan(ProgressListener progress) {
        progress.progress("Listing IAM users...");
        List<IamUser> users = directory.listUsers(progress);
        progress.progress("Evaluating " + users.size() + " user(s) against a "
                + policy.settings().threshold().toDays() + "-day threshold");
        List<Verdict> verdicts = new ArrayList<>(users.size());
        List<Integer> needDetails = new ArrayList<>();
        for (IamUser user : users) {
            Verdict first = policy.evaluate(user);
            if (first.outcome() == Outcome.INACTIVE && !user.detailsKnown()) {
                needDetails.add(verdicts.size());
            }
            verdicts.add(first);
        }
        if (!needDetails.isEmpty()) {
            detail(verdicts, needDetails, progress);
        }
        Instant scannedAt = null;
        for (int i = 0; i < verdicts.size(); i++) {
            Verdict verdict = verdicts.get(i);
            scannedAt = scannedAt == null ? verdict.evaluatedAt() : scannedAt;
            progress.step("Evaluating users", i + 1, users.size(), "[" + (i + 1) + "/" + users.size() + "] "
                    + verdict.user().userName() + ": " + verdict.outcome() + " - " + verdict.reason());
        }
        long flagged = verdicts.stream().filter(Verdict::flagged).count();
        progress.progress("Scan done: " + flagged + " of " + users.size() + " user(s) flagged as inactive");
        return new ScanResult(scannedAt == null ? policy.evaluatedNow() : scannedAt, verdicts,
                policy.settings().threshold());
    }

    /**
     * Details cost calls, so only would-be candidates get them, all in one request to the directory (which may read
     * them in bulk or in parallel). They are fetched whatever the exemptions say: the credential report lists no SSH
     * keys or service-specific credentials, and those can turn a flag into unknown activity.
     */
    private void detail(List<Verdict> verdicts, List<Integer> indexes, ProgressListener progress) {
        List<IamUser> wanted = indexes.stream().map(i -> verdicts.get(i).user()).toList();
        progress.progress("Reading details (tags, groups, other credentials) of " + wanted.size()
                + " would-be candidate(s)");
        List<DetailRead> reads = directory.withDetails(wanted, progress);
        if (reads.size() != wanted.size()) {
            throw new IllegalStateException("the directory returned " + reads.size() + " detail reads for "
                    + wanted.size() + " users");
        }
        for (int n = 0; n < indexes.size(); n++) {
            Verdict first = verdicts.get(indexes.get(n));
            DetailRead read = reads.get(n);
            // Without tags, groups or a credential kind an exemption or a blocker cannot be ruled out: never flag
            // on a guess.
            verdicts.set(indexes.get(n), read.ok() ? policy.evaluate(read.user())
                    : new Verdict(first.user(), Outcome.UNKNOWN_ACTIVITY, "not flagged: " + read.unreadable(),
                            first.evaluatedAt(), first.lastActivity(), first.daysInactive(), first.driving(),
                            first.evidence()));
        }
    }
}
