package io.jenkins.plugins.iamjanitor.core.port;

import io.jenkins.plugins.iamjanitor.core.activity.ActivityLookup;
import io.jenkins.plugins.iamjanitor.core.activity.ActivityQuery;
import java.util.List;

/** An account's audit trail (AWS CloudTrail). Read-only. */
public interface ActivityLog {

    ActivityLookup lookup(ActivityQuery query);

    /** Looks up many users, as fast as the service's rate limit allows; one result per query, in order. */
    List<ActivityLookup> lookupAll(List<ActivityQuery> queries, ProgressListener progress);
}
