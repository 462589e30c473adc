package io.jenkins.plugins.iamjanitor.sandbox;

import io.jenkins.plugins.iamjanitor.sandbox.cloudtrail.CloudTrailEmulator;
import io.jenkins.plugins.iamjanitor.sandbox.iam.IamEmulator;
import io.jenkins.plugins.iamjanitor.sandbox.jira.JiraEmulator;
import io.jenkins.plugins.iamjanitor.sandbox.jira.JiraScenario;
import io.jenkins.plugins.iamjanitor.sandbox.slack.SlackEmulator;
import io.jenkins.plugins.iamjanitor.sandbox.cloudtrail.TrailEvent;
import java.net.URI;
import java.util.UUID;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every emulator, seeded from one scenario, on one loopback server (127.0.0.1 only). IAM and STS answer at the root,
 * as AWS clients expect of an {@code --endpoint-url}. Used by {@code iam-janitor sandbox}, {@code scan --sandbox}
 * and the end-to-end tests. CloudTrail, Slack and Jira each get their own free loopback port.
 */
public final class Sandbox implements AutoCloseable {
    /** Endpoint names, as printed by the CLI. */
    public static final String IAM = "iam";
    public static final String CLOUDTRAIL = "cloudtrail";
    public static final String SLACK = "slack";
    public static final String JIRA = "jira";
    private final Scenario scenario;
    private final LoopbackServer server;
    private final IamEmulator iam;
    private final CloudTrailEmulator cloudTrail;
    private final LoopbackServer cloudTrailServer;
    private final SlackEmulator slack;
    private final JiraEmulator jira;

    private Sandbox(Scenario scenario, LoopbackServer server, IamEmulator iam, CloudTrailEmulator cloudTrail,
            LoopbackServer cloudTrailServer, SlackEmulator slack, JiraEmulator jira) {
        this.scenario = scenario;
        this.server = server;
        this.iam = iam;
        this.cloudTrail = cloudTrail;
        this.cloudTrailServer = cloudTrailServer;
        this.slack = slack;
        this.jira = jira;
    }

    /** Starts on {@code port} (0: a free one) with no faults. */
    public static Sandbox start(Scenario scenario, int port) {
        return start(scenario, port, FaultPlan.none());
    }

    /** Starts on {@code port} (0: a free one); {@code faults} applies to every emulator and can be changed later. */
    public static Sandbox start(Scenario scenario, int port, FaultPlan faults) {
        LoopbackServer server = new LoopbackServer(port);
        CloudTrailEmulator cloudTrail = null;
        LoopbackServer cloudTrailServer = null;
        SlackEmulator slack = null;
        try {
            IamEmulator iam = new IamEmulator(scenario, new Faults(faults)).mountOn(server, "/");
            server.start();
            cloudTrail = new CloudTrailEmulator(scenario);
            cloudTrail.faults().setPlan(faults);
            cloudTrailServer = cloudTrail.serve();
            recordKeyUse(iam, cloudTrail);
            slack = SlackEmulator.start(scenario);
            slack.faults().setPlan(faults);
            JiraEmulator jira = new JiraEmulator(JiraScenario.from(scenario), new Faults(faults)).start(0);
            return new Sandbox(scenario, server, iam, cloudTrail, cloudTrailServer, slack, jira);
        } catch (RuntimeException e) {
            server.close();
            if (cloudTrailServer != null) {
                cloudTrailServer.close();
            }
            if (slack != null) {
                slack.close();
            }
            throw e;
        }
    }

    /**
     * Calls made with a user's own access key land in CloudTrail as in AWS, refused ones (an inactive key) included,
     * with the error code: they are how a quarantine notices that something still depends on the user.
     */
    private static void recordKeyUse(IamEmulator iam, CloudTrailEmulator cloudTrail) {
        iam.onKeyUse(use -> cloudTrail.events().add(new TrailEvent(UUID.randomUUID().toString(), use.time(),
                use.action(), "iam.amazonaws.com", "us-east-1", use.userName(), use.accessKeyId(), "127.0.0.1",
                "aws-sdk-java", use.errorCode(), null, null,
                use.action().startsWith("Get") || use.action().startsWith("List"))));
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

    public CloudTrailEmulator cloudTrail() {
        return cloudTrail;
    }

    public SlackEmulator slack() {
        return slack;
    }

    public JiraEmulator jira() {
        return jira;
    }

    /** IAM and STS endpoint, for {@code endpointOverride} or {@code aws --endpoint-url}. */
    public URI iamEndpoint() {
        return iam.endpoint();
    }

    /** Every emulator's endpoint by name, in a stable order. */
    public Map<String, URI> endpoints() {
        Map<String, URI> out = new LinkedHashMap<>();
        out.put(IAM, iam.endpoint());
        out.put(CLOUDTRAIL, cloudTrailServer.uri("/"));
        out.put(SLACK, slack.apiBase());
        out.put(JIRA, jira.baseUrl());
        return out;
    }

    @Override
    public void close() {
        jira.close();
        slack.close();
        cloudTrailServer.close();
        server.close();
    }
}
