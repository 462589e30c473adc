package io.jenkins.plugins.iamjanitor.integrations.aws.cloudtrail;

import io.jenkins.plugins.iamjanitor.core.activity.ActivityEvent;
import io.jenkins.plugins.iamjanitor.core.activity.ActivityLookup;
import io.jenkins.plugins.iamjanitor.core.activity.ActivityQuery;
import io.jenkins.plugins.iamjanitor.core.activity.ActivitySummary;
import io.jenkins.plugins.iamjanitor.core.port.ActivityLog;
import io.jenkins.plugins.iamjanitor.core.port.ProgressListener;
import io.jenkins.plugins.iamjanitor.core.port.ServiceException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttributeKey;

/**
 * {@link ActivityLog} on AWS CloudTrail {@code LookupEvents}. For each user it queries, in every region, by
 * {@code Username} and by each access key id (one lookup attribute per call is all the API allows), merges the
 * regions, removes duplicates by event id and sorts newest first. Each region has its own token bucket, shared by
 * every lookup of this instance, and its own small pool of workers, so that a run over many users keeps every
 * region's bucket busy at the configured rate while never exceeding it. A region that fails is reported in
 * {@link ActivityLookup#failedRegions()}; the other regions' evidence is kept.
 */
public final class AwsCloudTrailActivityLog implements ActivityLog {
    private final CloudTrailSettings settings;
    private final CloudTrailClients clients;
    private final Clock clock;
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;
    private final RegionLookup pages;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    public AwsCloudTrailActivityLog(CloudTrailSettings settings, CloudTrailClients clients, Clock clock,
                                    LongSupplier nanoTime, Sleeper sleeper) {
        this.settings = settings;
        this.clients = clients;
        this.clock = clock;
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
        this.pages = new RegionLookup(settings, sleeper);
    }

    public AwsCloudTrailActivityLog(CloudTrailSettings settings, CloudTrailClients clients) {
        this(settings, clients, Clock.systemUTC(), System::nanoTime, Sleeper.SYSTEM);
    }

    public CloudTrailStats stats() {
        return new CloudTrailStats(pages.apiCalls.get(), pages.throttled.get(), pages.otherRetries.get());
    }

    @Override
    public ActivityLookup lookup(ActivityQuery query) {
        return lookupAll(List.of(query), ProgressListener.NONE).get(0);
    }

    @Override
    public List<ActivityLookup> lookupAll(List<ActivityQuery> queries, ProgressListener progress) {
        Instant now = clock.instant();
        Map<String, ExecutorService> pools = new TreeMap<>();
        try {
            // Submit everything first: each region's pool then works through all users at its own pace.
            List<Map<String, CompletableFuture<RegionResult>>> pending = new ArrayList<>();
            for (ActivityQuery query : queries) {
                Map<String, CompletableFuture<RegionResult>> byRegion = new LinkedHashMap<>();
                for (String region : regionsOf(query)) {
                    ExecutorService pool = pools.computeIfAbsent(region, this::newPool);
                    byRegion.put(region, CompletableFuture.supplyAsync(() -> inRegion(query, region, now), pool));
                }
                pending.add(byRegion);
            }
            List<ActivityLookup> results = new ArrayList<>();
            for (int i = 0; i < queries.size(); i++) {
                ActivityLookup lookup = merge(queries.get(i).userName(), pending.get(i));
                results.add(lookup);
                progress.step("CloudTrail lookups", i + 1, queries.size(), progressLine(i + 1, queries.size(), lookup));
            }
            return results;
        } finally {
            pools.values().forEach(ExecutorService::shutdownNow);
        }
    }

    /**
     * The configured regions (us-east-1 first: IAM, STS and most sign-ins land there) plus the query's own. A query
     * naming only, say, eu-west-1 must not lose the home region's events.
     */
    private List<String> regionsOf(ActivityQuery query) {
        Set<String> regions = new LinkedHashSet<>(settings.regions());
        regions.addAll(query.regions());
        return List.copyOf(regions);
    }

    private ExecutorService newPool(String region) {
        return Executors.newFixedThreadPool(settings.threadsPerRegion(), r -> {
            Thread t = new Thread(r, "cloudtrail-" + region);
            t.setDaemon(true);
            return t;
        });
    }

    private RegionResult inRegion(ActivityQuery query, String region, Instant now) {
        Instant earliest = now.minus(ActivitySummary.MAX_LOOKBACK);
        Instant start = query.since() == null || query.since().isBefore(earliest) ? earliest : query.since();
        TokenBucket bucket = buckets.computeIfAbsent(region,
                r -> new TokenBucket(settings.requestsPerSecond(), nanoTime, sleeper));
        List<ActivityEvent> events = new ArrayList<>();
        AtomicLong calls = new AtomicLong();
        try {
            var client = clients.forRegion(region);
            events.addAll(pages.events(client, bucket, region, LookupAttributeKey.USERNAME, query.userName(), start,
                    now, calls));
            for (String keyId : query.accessKeyIds()) {
                events.addAll(pages.events(client, bucket, region, LookupAttributeKey.ACCESS_KEY_ID, keyId, start,
                        now, calls));
            }
            return new RegionResult(events, null);
        } catch (ServiceException e) {
            return new RegionResult(events, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new RegionResult(events, "CloudTrail LookupEvents interrupted");
        } catch (RuntimeException e) {
            return new RegionResult(events, "CloudTrail LookupEvents failed: " + e.getClass().getSimpleName());
        }
    }

    private static ActivityLookup merge(String userName, Map<String, CompletableFuture<RegionResult>> byRegion) {
        Map<String, ActivityEvent> unique = new LinkedHashMap<>();
        Map<String, String> failed = new TreeMap<>();
        byRegion.forEach((region, future) -> {
            RegionResult result = future.join();
            result.events().forEach(e -> unique.putIfAbsent(e.eventId() == null ? "?" + unique.size() : e.eventId(),
                    e));
            if (result.error() != null) {
                failed.put(region, result.error());
            }
        });
        List<ActivityEvent> events = new ArrayList<>(unique.values());
        events.sort(Comparator.comparing(ActivityEvent::eventTime, Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(ActivityEvent::eventId, Comparator.nullsLast(Comparator.naturalOrder())));
        return new ActivityLookup(userName, events, failed);
    }

    static String progressLine(int index, int total, ActivityLookup lookup) {
        StringBuilder line = new StringBuilder("[").append(index).append('/').append(total).append("] CloudTrail ")
                .append(lookup.userName()).append(": ").append(lookup.events().size())
                .append(lookup.events().size() == 1 ? " event" : " events");
        if (!lookup.events().isEmpty() && lookup.events().get(0).eventTime() != null) {
            line.append(", latest ").append(lookup.events().get(0).eventTime());
        }
        lookup.failedRegions().forEach((region, error) -> line.append("; ").append(region).append(" FAILED: ")
                .append(error));
        return line.toString();
    }

    private record RegionResult(List<ActivityEvent> events, String error) {
    }
}
