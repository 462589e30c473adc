package io.jenkins.plugins.iamjanitor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.iamjanitor.core.policy.Exemptions;
import io.jenkins.plugins.iamjanitor.core.port.IamDirectory;
import io.jenkins.plugins.iamjanitor.core.port.IamUserAdmin;
import io.jenkins.plugins.iamjanitor.integrations.aws.AwsClients;
import io.jenkins.plugins.iamjanitor.integrations.aws.AwsCredentialsSource;
import io.jenkins.plugins.iamjanitor.integrations.aws.AwsIamDirectory;
import io.jenkins.plugins.iamjanitor.integrations.aws.AwsIamUserAdmin;
import io.jenkins.plugins.iamjanitor.integrations.aws.AwsSettings;
import io.jenkins.plugins.iamjanitor.integrations.aws.Sleeper;
import io.jenkins.plugins.iamjanitor.sandbox.Sandbox;
import io.jenkins.plugins.iamjanitor.sandbox.Scenario;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * The account a command works on: real AWS through the AWS options, or an in-process sandbox. Owns the SDK clients
 * (and the sandbox) and closes them.
 */
final class Target implements AutoCloseable {
    /** The sandbox ignores signatures; these only satisfy the SDK's signer. Not a secret. */
    static final AwsCredentialsSource SANDBOX_CREDENTIALS =
            new AwsCredentialsSource.Static("AKIASANDBOXEXAMPLE", "sandbox-not-a-secret", null);

    private final Sandbox sandbox;
    private final AwsClients clients;
    private final IamClient iam;

    private Target(Sandbox sandbox, AwsClients clients) {
        this.sandbox = sandbox;
        this.clients = clients;
        this.iam = clients.iam();
    }

    /**
     * @param sessionName the STS session name when a role is assumed: it shows in CloudTrail as who acted
     */
    static Target open(TargetOptions options, String sessionName, Consumer<String> progress) {
        AwsOptions aws = options.aws;
        if (options.scenario != null && !options.sandbox) {
            throw new UsageException("--scenario needs --sandbox");
        }
        if (options.sandbox && (aws.endpointUrl != null || aws.profile != null)) {
            throw new UsageException("--sandbox cannot be combined with --endpoint-url or --profile");
        }
        if (aws.externalId != null && aws.roleArn == null) {
            throw new UsageException("--external-id needs --role-arn");
        }
        Sandbox sandbox = null;
        URI endpoint = aws.endpointUrl == null ? null : endpoint(aws.endpointUrl);
        AwsCredentialsSource base = aws.profile != null ? new AwsCredentialsSource.Profile(aws.profile)
                : new AwsCredentialsSource.DefaultChain();
        if (options.sandbox) {
            Scenario scenario = options.scenario == null ? Scenario.builtIn() : Scenario.load(options.scenario);
            sandbox = Sandbox.start(scenario, 0);
            progress.accept("Sandbox started (scenario: " + scenario.name() + "): IAM at " + sandbox.iamEndpoint());
            endpoint = sandbox.iamEndpoint();
            base = SANDBOX_CREDENTIALS;
        }
        AwsCredentialsSource credentials = aws.roleArn == null ? base
                : new AwsCredentialsSource.AssumeRole(aws.roleArn, aws.externalId, sessionName, base);
        AwsSettings settings = new AwsSettings(aws.region, endpoint, null, credentials, 8, null, null);
        try {
            return new Target(sandbox, new AwsClients(settings));
        } catch (RuntimeException e) {
            if (sandbox != null) {
                sandbox.close();
            }
            throw e;
        }
    }

    static URI endpoint(String url) {
        try {
            URI uri = new URI(url);
            if (uri.getScheme() == null || uri.getHost() == null
                    || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
                throw new UsageException("--endpoint-url must be an http(s) URL, got '" + url + "'");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new UsageException("--endpoint-url is not a valid URL: " + e.getMessage());
        }
    }

    IamDirectory directory() {
        if (sandbox != null) {
            // The emulator finishes a credential report within a poll or two; AWS's 2-second pacing only slows it.
            AwsIamDirectory.Options d = AwsIamDirectory.Options.defaults();
            return new AwsIamDirectory(iam, new AwsIamDirectory.Options(d.useCredentialReport(), d.pageSize(),
                    d.reportMaxPolls(), Duration.ofMillis(50)), Sleeper.THREAD);
        }
        return new AwsIamDirectory(iam);
    }

    /** How the clients reach AWS (the sandbox's endpoint and credentials included), for pre-flight checks. */
    AwsSettings awsSettings() {
        return clients.settings();
    }

    IamUserAdmin admin() {
        return new AwsIamUserAdmin(iam);
    }

    io.jenkins.plugins.iamjanitor.core.port.IamQuarantineAdmin quarantineAdmin() {
        return new io.jenkins.plugins.iamjanitor.integrations.aws.AwsIamQuarantineAdmin(iam);
    }

    /**
     * Exemptions a sandbox scenario carries in its optional {@code janitor.exemptions} section (what an organisation
     * would configure), added to the command line's. None for a real account.
     */
    Exemptions scenarioExemptions() {
        return sandbox == null ? new Exemptions(null, null, null, null) : exemptionsOf(sandbox.scenario());
    }

    static Exemptions exemptionsOf(Scenario scenario) {
        JsonNode ex = scenario.section("janitor").path("exemptions");
        return new Exemptions(strings(ex.path("userNames")), strings(ex.path("paths")), strings(ex.path("tags")),
                strings(ex.path("groups")));
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Override
    public void close() {
        iam.close();
        clients.close();
        if (sandbox != null) {
            sandbox.close();
        }
    }
}
