package io.jenkins.plugins.iamjanitor.core.ticket;

/** @param created false when an open ticket for the same review was found and reused */
public record TicketRef(String key, String url, boolean created) {
}
