package io.jenkins.plugins.iamjanitor.integrations.aws.cloudtrail;

/**
 * What a run cost: LookupEvents requests sent (retries included), and how many attempts were retried after
 * throttling or a transient error.
 */
public record CloudTrailStats(long apiCalls, long throttledRetries, long otherRetries) {
}
