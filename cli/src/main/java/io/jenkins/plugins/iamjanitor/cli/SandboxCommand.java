package io.jenkins.plugins.iamjanitor.cli;

import io.jenkins.plugins.iamjanitor.sandbox.Sandbox;
import io.jenkins.plugins.iamjanitor.sandbox.Scenario;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "sandbox", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Runs the emulators in the foreground on 127.0.0.1 and prints their endpoints, so any AWS "
                + "client (or a Jenkins with the plugin) can be pointed at them. Ctrl-C stops them.")
final class SandboxCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--scenario", paramLabel = "FILE", description = "Scenario file (default: the built-in one).")
    Path scenario;

    @Option(names = "--port", paramLabel = "N", defaultValue = "0",
            description = "Port of the IAM/STS endpoint on 127.0.0.1 (default: a free port); the other emulators "
                    + "take free ports.")
    int port;

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65_535) {
            throw new UsageException("--port must be between 0 and 65535, got " + port);
        }
        Scenario loaded = scenario == null ? Scenario.builtIn() : Scenario.load(scenario);
        PrintWriter out = spec.commandLine().getOut();
        CountDownLatch stopped = new CountDownLatch(1);
        try (Sandbox sandbox = Sandbox.start(loaded, port)) {
            Thread hook = new Thread(stopped::countDown, "sandbox-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            print(out, loaded, sandbox);
            try {
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // Ctrl-C: the JVM is already running the hook
                }
            }
        }
        out.println("Sandbox stopped.");
        out.flush();
        return 0;
    }

    private static void print(PrintWriter out, Scenario scenario, Sandbox sandbox) {
        out.println("IAM Janitor sandbox: scenario " + scenario.name() + ", account " + scenario.accountId());
        for (Map.Entry<String, URI> e : sandbox.endpoints().entrySet()) {
            out.println("  " + e.getKey() + ": " + e.getValue()
                    + (e.getKey().equals(Sandbox.IAM) ? "   (IAM and STS, AWS Query protocol)" : ""));
        }
        URI iam = sandbox.iamEndpoint();
        out.println();
        out.println("Try (any credentials work; the sandbox does not check signatures):");
        // AWS CLI v1 reads only AWS_DEFAULT_REGION; v2 and the SDKs read AWS_REGION.
        out.println("  export AWS_ACCESS_KEY_ID=sandbox AWS_SECRET_ACCESS_KEY=sandbox AWS_REGION=us-east-1"
                + " AWS_DEFAULT_REGION=us-east-1");
        out.println("  aws --endpoint-url " + iam + " iam list-users");
        out.println("  aws --endpoint-url " + iam + " iam generate-credential-report");
        out.println("  aws --endpoint-url " + iam + " iam get-user --user-name zed.full-house");
        out.println("  ./iam-janitor scan --endpoint-url " + iam);
        out.println("  ./iam-janitor delete zed.full-house --approved-by you --endpoint-url " + iam);
        out.println();
        out.println("Press Ctrl-C to stop.");
        out.flush();
    }
}
