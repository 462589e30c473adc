package io.jenkins.plugins.iamjanitor.integrations.aws.cloudtrail;

import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;

/** One CloudTrail client per region (CloudTrail is regional: each region keeps its own event history). */
public interface CloudTrailClients extends AutoCloseable {

    CloudTrailClient forRegion(String region);

    @Override
    void close();
}
