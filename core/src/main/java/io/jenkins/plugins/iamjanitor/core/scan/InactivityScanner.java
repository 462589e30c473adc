package io.jenkins.plugins.iamjanitor.core.scan;

import io.jenkins.plugins.iamjanitor.core.model.IamUser;
import io.jenkins.plugins.iamjanitor.core.policy.InactivityPolicy;
import io.jenkins.plugins.iamjanitor.core.policy.Outcome;
import io.jenkins.plugins.iamjanitor.core.policy.Verdict;
import io.jenkins.plugins.iamjanitor.core.port.IamDirectory;
import io.jenkins.plugins.iamjanitor.core.port.ProgressListener;
import io.jenkins.plugins.iamjanitor.core.port.ServiceException;
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
        Instant scannedAt = null;
        int i = 0;
        for (IamUser user : users) {
            i++;
            Verdict verdict = evaluate(user);
            if (scannedAt == null) {
                scannedAt = verdict.evaluatedAt();
            }
            verdicts.add(verdict);
            progress.step("Evaluating users", i, users.size(), "[" + i + "/" + users.size() + "] "
                    + user.userName() + ": " + verdict.outcome() + " - " + verdict.reason());
        }
        long flagged = verdicts.stream().filter(Verdict::flagged).count();
        progress.progress("Scan done: " + flagged + " of " + users.size() + " user(s) flagged as inactive");
        return new ScanResult(scannedAt == null ? policy.evaluatedNow() : scannedAt, verdicts,
                policy.settings().threshold());
    }

    /**
     * Details cost several calls per user, so only would-be candidates get them. They are fetched whatever the
     * exemptions say: the credential report lists no SSH keys or service-specific credentials, and those can turn a
     * flag into unknown activity.
     */
    private Verdict evaluate(IamUser user) {
        Verdict first = policy.evaluate(user);
        if (first.outcome() != Outcome.INACTIVE || user.detailsKnown()) {
            return first;
        }
        IamUser detailed;
        try {
            detailed = directory.withDetails(user);
        } catch (ServiceException e) {
            // Without tags and groups an exemption cannot be ruled out; never flag on a guess.
            return new Verdict(user, Outcome.UNKNOWN_ACTIVITY,
                    "not flagged: tags, groups and other credentials could not be read (" + e.getMessage() + ")",
                    first.evaluatedAt(), first.lastActivity(), first.daysInactive(), first.driving(),
                    first.evidence());
        }
        return policy.evaluate(detailed);
    }
}
