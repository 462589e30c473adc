package io.jenkins.plugins.iamjanitor.integrations.aws;

import io.jenkins.plugins.iamjanitor.sandbox.FaultPlan;
import io.jenkins.plugins.iamjanitor.sandbox.Faults;
import io.jenkins.plugins.iamjanitor.sandbox.Scenario;
import io.jenkins.plugins.iamjanitor.sandbox.iam.IamEmulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.iam.IamClient;

/** The IAM emulator on loopback plus real SDK clients pointed at it. Tests never sleep: backoff is 1 ms. */
final class IamSandbox implements AutoCloseable {
    final IamEmulator.Running running;
    final IamEmulator emulator;
    final AwsClients clients;
    final IamClient iam;
    final List<Duration> sleeps = new ArrayList<>();

    IamSandbox(Scenario scenario) {
        this(scenario, new AwsCredentialsSource.Static("AKIASANDBOXTEST00001", "sandbox-secret", null));
    }

    IamSandbox(Scenario scenario, AwsCredentialsSource credentials) {
        running = IamEmulator.start(scenario, new Faults(FaultPlan.none()));
        emulator = running.emulator();
        clients = new AwsClients(new AwsSettings("us-east-1", emulator.endpoint(), null, credentials, 4,
                Duration.ofMillis(1), Duration.ofSeconds(60)));
        iam = clients.iam();
    }

    static IamSandbox defaultScenario() {
        return new IamSandbox(Scenario.builtIn());
    }

    static IamSandbox empty() {
        return new IamSandbox(Scenario.parse("empty", "{\"iam\":{\"users\":[]}}"));
    }

    AwsIamDirectory directory(boolean useReport, int pageSize) {
        return new AwsIamDirectory(iam, new AwsIamDirectory.Options(useReport, pageSize, 10, Duration.ofMillis(5)),
                sleeps::add);
    }

    AwsIamUserAdmin admin() {
        return new AwsIamUserAdmin(iam, 1);
    }

    @Override
    public void close() {
        iam.close();
        clients.close();
        running.close();
    }
}
