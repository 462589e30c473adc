package io.jenkins.plugins.iamjanitor.integrations.aws.cloudtrail;

import io.jenkins.plugins.iamjanitor.core.activity.ActivityEvent;
import io.jenkins.plugins.iamjanitor.core.port.ServiceException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttribute;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttributeKey;
import software.amazon.awssdk.services.cloudtrail.model.LookupEventsRequest;
import software.amazon.awssdk.services.cloudtrail.model.LookupEventsResponse;

/**
 * All pages of one LookupEvents query in one region: every attempt waits for the region's token bucket, throttling
 * and transient errors are retried with exponential backoff (full jitter), anything else fails the region at once.
 */
final class RegionLookup {
    static final String SERVICE = "CloudTrail";
    static final String OPERATION = "LookupEvents";

    private final CloudTrailSettings settings;
    private final CloudTrailEventParser parser = new CloudTrailEventParser();
    private final Sleeper sleeper;
    final AtomicLong apiCalls = new AtomicLong();
    final AtomicLong throttled = new AtomicLong();
    final AtomicLong otherRetries = new AtomicLong();

    RegionLookup(CloudTrailSettings settings, Sleeper sleeper) {
        this.settings = settings;
        this.sleeper = sleeper;
    }

    /** Returns the events of every page; {@code calls} receives the number of requests sent. */
    List<ActivityEvent> events(CloudTrailClient client, TokenBucket bucket, String region, LookupAttributeKey key,
                               String value, Instant start, Instant end, AtomicLong calls) throws InterruptedException {
        List<ActivityEvent> events = new ArrayList<>();
        String token = null;
        do {
            LookupEventsRequest request = LookupEventsRequest.builder()
                    .lookupAttributes(LookupAttribute.builder().attributeKey(key).attributeValue(value).build())
                    .startTime(start).endTime(end).maxResults(CloudTrailSettings.PAGE_SIZE).nextToken(token).build();
            LookupEventsResponse page = call(client, bucket, request, calls);
            page.events().forEach(e -> events.add(parser.parse(e, region)));
            token = page.nextToken();
        } while (token != null && !token.isEmpty());
        return events;
    }

    private LookupEventsResponse call(CloudTrailClient client, TokenBucket bucket, LookupEventsRequest request,
                                      AtomicLong calls) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            bucket.acquire();
            apiCalls.incrementAndGet();
            calls.incrementAndGet();
            try {
                return client.lookupEvents(request);
            } catch (SdkException e) {
                boolean throttle = isThrottling(e);
                if (!(throttle || isTransient(e)) || attempt >= settings.maxAttempts()) {
                    throw failure(e, attempt);
                }
                (throttle ? throttled : otherRetries).incrementAndGet();
                sleeper.sleepNanos(backoffNanos(attempt));
            }
        }
    }

    private long backoffNanos(int attempt) {
        long cap = settings.maxBackoff().toNanos();
        long exp = settings.baseBackoff().toNanos() << Math.min(attempt - 1, 20);
        long ceiling = Math.min(cap, exp < 0 ? cap : exp);
        return ceiling <= 0 ? 0 : ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1);
    }

    static boolean isThrottling(SdkException e) {
        if (e instanceof AwsServiceException aws) {
            String code = aws.awsErrorDetails() == null ? null : aws.awsErrorDetails().errorCode();
            return aws.statusCode() == 429 || "ThrottlingException".equals(code) || "Throttling".equals(code)
                    || "TooManyRequestsException".equals(code) || "RequestLimitExceeded".equals(code);
        }
        return false;
    }

    private static boolean isTransient(SdkException e) {
        if (e instanceof AwsServiceException aws) {
            return aws.statusCode() >= 500;
        }
        return e instanceof SdkClientException;
    }

    /** One line naming the call and the AWS error code; never the credentials or the request. */
    static ServiceException failure(SdkException e, int attempts) {
        String tries = " (after " + attempts + (attempts == 1 ? " attempt)" : " attempts)");
        if (e instanceof AwsServiceException aws && aws.awsErrorDetails() != null) {
            String message = aws.awsErrorDetails().errorMessage();
            return new ServiceException(SERVICE, OPERATION, aws.awsErrorDetails().errorCode(),
                    (message == null ? "HTTP " + aws.statusCode() : message) + tries, null);
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst()
                .orElse("");
        return new ServiceException(SERVICE, OPERATION, e instanceof SdkClientException ? "ClientError" : null,
                message + tries, null);
    }
}
