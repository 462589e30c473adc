package io.jenkins.plugins.iamjanitor.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import io.jenkins.plugins.iamjanitor.integrations.aws.AwsClients;
import io.jenkins.plugins.iamjanitor.integrations.aws.AwsCredentialsSource;
import io.jenkins.plugins.iamjanitor.integrations.aws.AwsIamDirectory;
import io.jenkins.plugins.iamjanitor.integrations.aws.AwsSettings;
import io.jenkins.plugins.iamjanitor.core.policy.InactivityPolicy;
import io.jenkins.plugins.iamjanitor.core.policy.PolicySettings;
import io.jenkins.plugins.iamjanitor.core.port.ProgressListener;
import io.jenkins.plugins.iamjanitor.core.scan.InactivityScanner;
import io.jenkins.plugins.iamjanitor.core.scan.ScanResult;
import io.jenkins.plugins.iamjanitor.bench.iam.IamRig;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * The child JVM of the memory benchmark: scans the account at the given endpoint (the emulator lives in the parent,
 * so its data is not counted) and prints one {@code RESULT} line with the heap figures. Not for direct use.
 */
public final class MemoryProbe {
    private MemoryProbe() {
    }

    public static void main(String[] args) throws Exception {
        URI endpoint = URI.create(args[0]);
        int expected = Integer.parseInt(args[1]);
        boolean report = !"per-user".equals(args[2]);
        AtomicLong maxAfterGc = new AtomicLong();
        AtomicLong gcs = new AtomicLong();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener((n, h) -> {
                if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
                    var info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
                    long used = info.getGcInfo().getMemoryUsageAfterGc().values().stream()
                            .mapToLong(MemoryUsage::getUsed).sum();
                    maxAfterGc.accumulateAndGet(used, Math::max);
                    gcs.incrementAndGet();
                }
            }, null, null);
        }
        long start = System.nanoTime();
        ScanResult result;
        try (AwsClients clients = new AwsClients(new AwsSettings("us-east-1", endpoint, null,
                new AwsCredentialsSource.Static(IamRig.ACCESS_KEY_ID, IamRig.SECRET, null), 10,
                Duration.ofMillis(50), Duration.ofMinutes(5)));
             IamClient iam = clients.iam()) {
            AwsIamDirectory directory = new AwsIamDirectory(iam, new AwsIamDirectory.Options(report, 1000, 30,
                    Duration.ofMillis(50)), d -> Thread.sleep(d.toMillis()));
            result = new InactivityScanner(directory, new InactivityPolicy(PolicySettings.defaults(),
                    Clock.systemUTC())).scan(ProgressListener.NONE);
        }
        double wall = (System.nanoTime() - start) / 1e9;
        if (result.verdicts().size() != expected) {
            throw new IllegalStateException("scanned " + result.verdicts().size() + " users, expected " + expected);
        }
        long peakSum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peakSum += pool.getPeakUsage().getUsed();
            }
        }
        System.gc();
        System.gc();
        long retained = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        System.out.printf(Locale.ROOT, "RESULT users=%d flagged=%d peakPools=%d maxAfterGc=%d retained=%d gcs=%d"
                + " wall=%.2f%n", result.verdicts().size(), result.flagged().size(), peakSum, maxAfterGc.get(),
                retained, gcs.get(), wall);
        System.out.flush();
        // Keeps the result reachable until after the measurement above.
        if (result.verdicts().isEmpty()) {
            System.out.println("empty");
        }
    }
}
