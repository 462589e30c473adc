package io.jenkins.plugins.iamjanitor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SandboxCliTest {
    @Test
    void runsInTheForegroundPrintsEndpointsAndStopsWhenInterrupted() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        AtomicInteger exit = new AtomicInteger(-1);
        Thread cli = new Thread(() -> exit.set(IamJanitorCli.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), "sandbox")));
        cli.start();
        // Waits for the banner, not for a duration: the loop ends as soon as the sandbox is up.
        while (!out.toString(StandardCharsets.UTF_8).contains("Press Ctrl-C") && cli.isAlive()) {
            Thread.onSpinWait();
            Thread.sleep(10);
        }
        String banner = out.toString(StandardCharsets.UTF_8);
        assertThat(banner).contains("scenario built-in default, account 123456789012")
                .contains("aws --endpoint-url http://127.0.0.1:").contains("iam list-users");
        Matcher m = Pattern.compile("iam: (http://127\\.0\\.0\\.1:\\d+)").matcher(banner);
        assertThat(m.find()).as(banner).isTrue();

        HttpResponse<String> users = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(m.group(1)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("Action=ListUsers&Version=2010-05-08")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(users.statusCode()).isEqualTo(200);
        assertThat(users.body()).contains("<UserName>alice.active-console</UserName>");

        cli.interrupt();
        cli.join();
        assertThat(exit.get()).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).endsWith("Sandbox stopped.\n");
    }

    @Test
    void badPortAndMissingScenario() {
        CliRun port = CliRun.run("sandbox", "--port", "70000");
        assertThat(port.exitCode()).isEqualTo(2);
        assertThat(port.err()).startsWith("error: --port must be between 0 and 65535, got 70000");
        CliRun missing = CliRun.run("sandbox", "--scenario", "does-not-exist.json");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).startsWith("error: scenario file not found: does-not-exist.json");
    }

    @Test
    void helpListsEveryCommand() {
        CliRun help = CliRun.run("--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("scan").contains("sandbox").contains("delete").contains("restore");
    }
}
