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
}
