package io.jenkins.plugins.iamjanitor.core.quarantine;

import io.jenkins.plugins.iamjanitor.core.doc.Document;
import io.jenkins.plugins.iamjanitor.core.port.ProgressListener;
import io.jenkins.plugins.iamjanitor.core.port.ServiceException;
import io.jenkins.plugins.iamjanitor.core.review.ReviewRecord;
import io.jenkins.plugins.iamjanitor.core.review.UserStage;
import java.util.ArrayList;
import java.util.List;

/**
 * Records a quarantine follow-up on a finished review: the record first (the source of truth), then the ticket
 * comment, Slack and the reports. A notification that fails is reported, never undoes the recorded change.
 */
final class FollowUps {
    private final QuarantinePorts ports;
    private final String doneStatus;

    /** @param doneStatus the ticket status once nothing is pending; null to never move the ticket */
    FollowUps(QuarantinePorts ports, String doneStatus) {
        this.ports = ports;
        this.doneStatus = doneStatus;
    }

    void publish(ReviewRecord record, String title, List<String> users, ProgressListener progress) {
        ports.store().save(record);
        List<String> lines = new ArrayList<>();
        for (String user : users) {
            var result = record.deletionFor(user).orElseThrow();
            lines.add(user + ": " + UserStage.of(record, user).describe()
                    + (result.reason() == null ? "" : " (" + result.reason() + ")"));
            if (result.quarantine() != null) {
                result.quarantine().signs().forEach(s -> lines.add("  - " + s));
            }
        }
        if (ports.tickets() != null && record.ticket() != null) {
            try {
                Document.Builder d = Document.builder().heading(3, title);
                lines.forEach(d::paragraph);
                ports.tickets().comment(record.ticket().key(), d.build());
                if (doneStatus != null && !record.dryRun() && record.whyTicketStaysOpen() == null) {
                    ports.tickets().transition(record.ticket().key(), doneStatus);
                    progress.progress("Moved " + record.ticket().key() + " to " + doneStatus + ".");
                }
            } catch (ServiceException e) {
                progress.progress("Could not update ticket " + record.ticket().key() + ": " + e.getMessage());
            }
        }
        try {
            ports.notifier().notify(record, title, lines);
        } catch (ServiceException e) {
            progress.progress("Could not notify the approvers: " + e.getMessage());
        }
        if (ports.reports() != null) {
            ports.reports().write(record);
        }
    }
}
