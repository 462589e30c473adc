package io.jenkins.plugins.iamjanitor.core.deletion;

import io.jenkins.plugins.iamjanitor.core.approval.ApprovalRecord;
import io.jenkins.plugins.iamjanitor.core.policy.InactivityPolicy;
import io.jenkins.plugins.iamjanitor.core.port.BackupStore;
import io.jenkins.plugins.iamjanitor.core.port.IamDirectory;
import io.jenkins.plugins.iamjanitor.core.port.IamUserAdmin;
import io.jenkins.plugins.iamjanitor.core.port.ProgressListener;
import java.time.Clock;
import java.util.List;

/**
 * Deletes approved users safely: approval present, not exempt, fresh live re-check, backup written, then every
 * dependent in order and finally the user. Idempotent: a re-run after a crash finishes the job.
 */
public final class UserDeleter {
    private final IamDirectory directory;
    private final IamUserAdmin admin;
    private final BackupStore backups;
    private final InactivityPolicy policy;
    private final DeletionSettings settings;
    private final Clock clock;

    public UserDeleter(IamDirectory directory, IamUserAdmin admin, BackupStore backups, InactivityPolicy policy,
            DeletionSettings settings, Clock clock) {
        this.directory = directory;
        this.admin = admin;
        this.backups = backups;
        this.policy = policy;
        this.settings = settings;
        this.clock = clock;
    }

    /** One result per approval, in order. Users not named in an approval are never touched. */
    public List<DeletionResult> delete(List<ApprovalRecord> approvals, ProgressListener progress) {
        throw new UnsupportedOperationException("not implemented yet (issue 3)");
    }
}
