package io.jenkins.plugins.iamjanitor.core.activity;

import java.util.List;
import java.util.Map;

/**
 * The events found for one user, de-duplicated by event id, newest first.
 *
 * @param failedRegions region to one-line error, for regions that could not be queried (reported, not fatal)
 */
public record ActivityLookup(String userName, List<ActivityEvent> events, Map<String, String> failedRegions) {
    public ActivityLookup {
        events = List.copyOf(events);
        failedRegions = Map.copyOf(failedRegions);
    }
}
