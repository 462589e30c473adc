package io.jenkins.plugins.iamjanitor.core.port;

import io.jenkins.plugins.iamjanitor.core.doc.Document;
import io.jenkins.plugins.iamjanitor.core.ticket.ReviewTicket;
import io.jenkins.plugins.iamjanitor.core.ticket.TicketRef;

/** An issue tracker holding one ticket per review (Jira Cloud or Data Center). */
public interface TicketTracker {

    /** Finds the open ticket of this review (by labels and users) or creates it. Never creates a duplicate. */
    TicketRef openOrFind(ReviewTicket ticket);

    void comment(String ticketKey, Document comment);

    /** Moves the ticket to the status with this name, looking up the transition id. */
    void transition(String ticketKey, String statusName);

    /**
     * Links {@code ticketKey} to {@code umbrellaKey} (e.g. an account's review ticket to its organisation run's
     * umbrella ticket); a link already there is left alone, so re-runs are harmless.
     *
     * @return true if a link was added, false if it was already there
     */
    default boolean link(String umbrellaKey, String ticketKey) {
        throw new UnsupportedOperationException("this tracker cannot link tickets");
    }
}
