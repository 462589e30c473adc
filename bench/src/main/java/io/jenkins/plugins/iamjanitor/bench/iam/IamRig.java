package io.jenkins.plugins.iamjanitor.bench.iam;

import io.jenkins.plugins.iamjanitor.integrations.aws.AwsClients;
import io.jenkins.plugins.iamjanitor.integrations.aws.AwsCredentialsSource;
import io.jenkins.plugins.iamjanitor.integrations.aws.AwsIamDirectory;
import io.jenkins.plugins.iamjanitor.integrations.aws.AwsIamUserAdmin;
import io.jenkins.plugins.iamjanitor.integrations.aws.AwsSettings;
import io.jenkins.plugins.iamjanitor.sandbox.FaultPlan;
import io.jenkins.plugins.iamjanitor.sandbox.Faults;
import io.jenkins.plugins.iamjanitor.sandbox.LoopbackServer;
import io.jenkins.plugins.iamjanitor.sandbox.Scenario;
import io.jenkins.plugins.iamjanitor.sandbox.TokenBucket;
import io.jenkins.plugins.iamjanitor.sandbox.iam.IamEmulator;
import io.jenkins.plugins.iamjanitor.sandbox.iam.IamState;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * An empty emulated IAM account behind an {@link IamFront} on its own loopback server, plus (on demand) the project's
 * real AWS adapters pointed at it through the SDK. Users are added with {@link Population}.
 */
public final class IamRig implements AutoCloseable {
    /** The emulator ignores signatures; these only satisfy the SDK's signer. Not a secret. */
    public static final String ACCESS_KEY_ID = "AKIABENCHEXAMPLE";
    public static final String SECRET = "bench-not-a-secret";

    private final LoopbackServer server;
    private final IamEmulator emulator;
    private final IamFront front;
    private final URI endpoint;
    private AwsClients clients;
    private IamClient iam;

    /** @param limit account-wide request limit, null for none */
    public IamRig(FaultPlan faults, TokenBucket limit) {
        this.emulator = new IamEmulator(Scenario.parse("bench", "{}"), new Faults(faults));
        this.front = new IamFront(emulator, limit);
        this.server = new LoopbackServer(0).mount("/", front).start();
        this.endpoint = server.uri("");
    }

    public URI endpoint() {
        return endpoint;
    }

    public IamEmulator emulator() {
        return emulator;
    }

    public IamState state() {
        return emulator.state();
    }

    public IamFront front() {
        return front;
    }

    /** Requests that reached the emulator (faulted ones included) plus those the rate limit refused. */
    public long requests() {
        return emulator.callCounts().values().stream().mapToLong(Integer::longValue).sum() + front.throttled();
    }

    /** Requests answered with an error before any work: rate limit, injected throttling/5xx, dropped connections. */
    public long faulted() {
        return emulator.faults().injected() + front.throttled();
    }

    public Map<String, Integer> callCounts() {
        return emulator.callCounts();
    }

    /** The SDK client through the project's {@link AwsClients} (retries: throttling, 5xx, I/O; exponential backoff). */
    public IamClient iam(int maxAttempts, Duration retryBase) {
        if (iam == null) {
            clients = new AwsClients(new AwsSettings("us-east-1", endpoint, null,
                    new AwsCredentialsSource.Static(ACCESS_KEY_ID, SECRET, null), maxAttempts, retryBase,
                    Duration.ofMinutes(5)));
            iam = clients.iam();
        }
        return iam;
    }

    public IamClient iam() {
        return iam(10, Duration.ofMillis(50));
    }

    /**
     * @param report       credential report path (true) or per-user calls (false)
     * @param reportPoll   first delay between report polls (AWS paces them in seconds; the emulator is ready at once)
     */
    public AwsIamDirectory directory(boolean report, Duration reportPoll) {
        return new AwsIamDirectory(iam(), new AwsIamDirectory.Options(report, 1000, 30, reportPoll),
                d -> Thread.sleep(d.toMillis()));
    }

    public AwsIamUserAdmin admin() {
        return new AwsIamUserAdmin(iam());
    }

    @Override
    public void close() {
        if (iam != null) {
            iam.close();
            clients.close();
        }
        server.close();
    }
}
