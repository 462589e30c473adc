package io.jenkins.plugins.iamjanitor.sandbox;

import io.jenkins.plugins.iamjanitor.sandbox.iam.IamEmulator;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every emulator, seeded from one scenario, on one loopback server (127.0.0.1 only). IAM and STS answer at the root,
 * as AWS clients expect of an {@code --endpoint-url}. Used by {@code iam-janitor sandbox}, {@code scan --sandbox}
 * and the end-to-end tests.
 */
public final class Sandbox implements AutoCloseable {
    /** Endpoint names, as printed by the CLI. */
    public static final String IAM = "iam";

    private final Scenario scenario;
    private final LoopbackServer server;
    private final IamEmulator iam;

    private Sandbox(Scenario scenario, LoopbackServer server, IamEmulator iam) {
        this.scenario = scenario;
        this.server = server;
        this.iam = iam;
    }

    /** Starts on {@code port} (0: a free one) with no faults. */
    public static Sandbox start(Scenario scenario, int port) {
        return start(scenario, port, FaultPlan.none());
    }

    /** Starts on {@code port} (0: a free one); {@code faults} applies to every emulator and can be changed later. */
    public static Sandbox start(Scenario scenario, int port, FaultPlan faults) {
        LoopbackServer server = new LoopbackServer(port);
        try {
            IamEmulator iam = new IamEmulator(scenario, new Faults(faults)).mountOn(server, "/");
            server.start();
            return new Sandbox(scenario, server, iam);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    public Scenario scenario() {
        return scenario;
    }

    public int port() {
        return server.port();
    }

    public IamEmulator iam() {
        return iam;
    }

    /** IAM and STS endpoint, for {@code endpointOverride} or {@code aws --endpoint-url}. */
    public URI iamEndpoint() {
        return iam.endpoint();
    }

    /** Every emulator's endpoint by name, in a stable order. */
    public Map<String, URI> endpoints() {
        Map<String, URI> out = new LinkedHashMap<>();
        out.put(IAM, iam.endpoint());
        return out;
    }

    @Override
    public void close() {
        server.close();
    }
}
