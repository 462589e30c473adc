package io.jenkins.plugins.iamjanitor.core.quarantine;

import io.jenkins.plugins.iamjanitor.core.port.ActivityLog;
import io.jenkins.plugins.iamjanitor.core.port.BackupStore;
import io.jenkins.plugins.iamjanitor.core.port.IamDirectory;
import io.jenkins.plugins.iamjanitor.core.port.IamQuarantineAdmin;
import io.jenkins.plugins.iamjanitor.core.port.IamUserAdmin;
import io.jenkins.plugins.iamjanitor.core.port.ReportStore;
import io.jenkins.plugins.iamjanitor.core.port.ReviewNotifier;
import io.jenkins.plugins.iamjanitor.core.port.ReviewStore;
import io.jenkins.plugins.iamjanitor.core.port.TicketTracker;
import io.jenkins.plugins.iamjanitor.core.review.ReviewPorts;
import java.util.Objects;

/**
 * What the quarantine follow-ups (the sweep of a later run, a release) talk to.
 *
 * @param activity may be null for a release, which looks nothing up
 * @param deleter  the deleter a sweep ends a quarantine with (built with the run's deletion settings); null for a
 *                 release
 * @param tickets  the tracker holding the reviews' tickets; null to leave tickets alone
 * @param reports  where the reports are rewritten after a change; null to leave them alone
 */
public record QuarantinePorts(
        IamDirectory directory,
        IamUserAdmin reader,
        IamQuarantineAdmin admin,
        ActivityLog activity,
        BackupStore backups,
        ReviewStore store,
        ReviewPorts.Deletion deleter,
        TicketTracker tickets,
        ReviewNotifier notifier,
        ReportStore reports) {
    public QuarantinePorts {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(admin, "admin");
        Objects.requireNonNull(backups, "backups");
        Objects.requireNonNull(store, "store");
        notifier = notifier == null ? ReviewNotifier.NONE : notifier;
    }
}
