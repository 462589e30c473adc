package io.jenkins.plugins.iamjanitor.core.activity;

import java.time.Instant;
import java.util.List;

/**
 * Look up events by user name and by each access key id, in each region, since a date (CloudTrail keeps 90 days).
 * The regions add to the log's configured ones: us-east-1, where IAM, STS and most sign-ins land, is always searched.
 */
public record ActivityQuery(String userName, List<String> accessKeyIds, Instant since, List<String> regions) {
    public ActivityQuery {
        accessKeyIds = accessKeyIds == null ? List.of() : List.copyOf(accessKeyIds);
        regions = List.copyOf(regions);
    }
}
