package io.jenkins.plugins.iamjanitor.integrations.preflight;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.iamjanitor.core.port.ServiceException;
import io.jenkins.plugins.iamjanitor.integrations.aws.AwsClients;
import io.jenkins.plugins.iamjanitor.integrations.aws.AwsSettings;
import io.jenkins.plugins.iamjanitor.integrations.jira.JiraCredentials;
import io.jenkins.plugins.iamjanitor.integrations.jira.JiraFlavour;
import io.jenkins.plugins.iamjanitor.integrations.jira.JiraRestClient;
import io.jenkins.plugins.iamjanitor.integrations.slack.SlackSecret;
import io.jenkins.plugins.iamjanitor.integrations.slack.SlackWebClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/**
 * Checks, before a run asks anyone or changes anything, that everything it will need works: the directories it
 * writes, the AWS credentials, Slack and Jira. Each check uses its own short-lived client with a single attempt, so
 * an unreachable endpoint fails at once, naming it, instead of after a retry loop. A failed check throws a
 * {@link PreflightException} whose message says what to fix; a passed one reports a line to {@code progress}.
 */
public final class Preflight {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private final Consumer<String> progress;

    public Preflight(Consumer<String> progress) {
        this.progress = progress;
    }

    /** The account and principal the credentials act as. */
    public record Identity(String account, String principalArn) {
    }

    public void directory(String label, Path dir) {
        progress.accept("Pre-flight: " + DirectoryCheck.check(label, dir) + " is writable and private");
    }

    /**
     * sts:GetCallerIdentity (allowed for every principal, no permission needed).
     *
     * @param expectedAccount the account the policy names (aws.accountId); null: any
     */
    public Identity aws(AwsSettings settings, String expectedAccount) {
        String endpoint = settings.endpointOverride() != null ? settings.endpointOverride().toString()
                : "https://sts." + settings.region() + ".amazonaws.com";
        GetCallerIdentityResponse r;
        try (AwsClients clients = new AwsClients(settings.withRetries(1, settings.retryBaseDelay()));
                StsClient sts = clients.sts()) {
            r = sts.getCallerIdentity();
        } catch (SdkClientException e) {
            throw new PreflightException(awsClientProblem(e, endpoint), e);
        } catch (SdkException e) {
            throw new PreflightException("AWS refused the credentials at " + endpoint + " (" + firstLine(e)
                    + "): fix the profile, the access keys or the role (roleArn, externalId)", e);
        }
        if (expectedAccount != null && !expectedAccount.equals(r.account())) {
            throw new PreflightException("the AWS credentials belong to account " + r.account() + " (" + r.arn()
                    + "), not " + expectedAccount + " as the policy's aws.accountId says: use the right profile or "
                    + "role");
        }
        progress.accept("Pre-flight: AWS account " + r.account() + " as " + r.arn());
        return new Identity(r.account(), r.arn());
    }

    /** auth.test with the bot token, then conversations.info: the channel exists and the bot is in it. */
    public void slack(URI apiBase, SlackSecret botToken, String channel) {
        SlackWebClient web = new SlackWebClient(apiBase, botToken,
                HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build(), d -> { }, 1);
        String who;
        JsonNode info;
        try {
            who = web.authTest();
            info = web.conversationInfo(channel);
        } catch (ServiceException e) {
            throw new PreflightException(slackProblem(e, apiBase, channel), e);
        }
        if (!info.path("is_member").asBoolean(true)) {
            // A public channel takes posts from a non-member with chat:write.public; a private one never does.
            if (info.path("is_private").asBoolean(false)) {
                throw new PreflightException("the Slack bot is not a member of private channel " + channel
                        + ": invite it there (/invite @<app name>) before the review posts");
            }
            progress.accept("Pre-flight: the Slack bot is not a member of " + channel + "; posting there needs the"
                    + " chat:write.public scope (or invite the bot)");
        }
        progress.accept("Pre-flight: Slack " + who + ", channel " + channel + " ("
                + info.path("name").asText(channel) + ") reachable");
    }

    /** The credentials are accepted (myself) and the project exists and is visible to them. */
    public void jira(URI baseUrl, JiraCredentials credentials, JiraFlavour flavour, String project) {
        JiraRestClient client = new JiraRestClient(baseUrl, credentials, flavour,
                HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).followRedirects(HttpClient.Redirect.NEVER)
                        .build(), new JiraRestClient.Retry(1, Duration.ZERO, d -> { }));
        String user;
        try {
            JsonNode me = client.myself();
            user = me.path("displayName").asText(me.path("name").asText("?"));
        } catch (ServiceException e) {
            throw new PreflightException(jiraProblem(e, baseUrl, "the credentials (JIRA_EMAIL + JIRA_API_TOKEN for "
                    + "Jira Cloud, JIRA_PAT for Data Center)"));
        }
        try {
            client.project(project);
        } catch (ServiceException e) {
            throw new PreflightException("404".equals(e.errorCode())
                    ? "Jira project " + project + " does not exist at " + baseUrl + " or " + user + " cannot see it:"
                            + " check jira.project (--jira-project) and the account's project permissions"
                    : jiraProblem(e, baseUrl, "project " + project));
        }
        progress.accept("Pre-flight: Jira " + baseUrl + " as " + user + ", project " + project + " exists");
    }

    private static String awsClientProblem(SdkClientException e, String endpoint) {
        String text = String.valueOf(e.getMessage());
        if (text.contains("Unable to load credentials") || text.contains("Unable to load an HTTP implementation")) {
            return "no AWS credentials found: set AWS_PROFILE or AWS_ACCESS_KEY_ID, or aws.profile / --profile";
        }
        if (text.contains("Profile file contained no credentials for profile")
                || text.contains("does not exist") && text.contains("rofile")) {
            return "the AWS profile was not found in ~/.aws/config or ~/.aws/credentials: check aws.profile"
                    + " (--profile)";
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.UnknownHostException) {
                return "cannot resolve the AWS endpoint " + endpoint + ": check --endpoint-url, aws.region and DNS";
            }
            // The HTTP client wraps the JDK's exception (Apache's HttpHostConnectException is a ConnectException).
            if (t instanceof java.net.ConnectException || t instanceof java.net.SocketTimeoutException) {
                String what = t instanceof java.net.ConnectException ? "connection refused" : "timed out";
                return "cannot connect to the AWS endpoint " + endpoint + " (" + what
                        + "): check --endpoint-url, the network or the proxy";
            }
        }
        return "AWS STS at " + endpoint + " failed: " + firstLine(e);
    }

    private static String slackProblem(ServiceException e, URI apiBase, String channel) {
        String code = String.valueOf(e.errorCode());
        return switch (code) {
            case "io" -> "cannot connect to Slack at " + apiBase + ": check the network or the proxy";
            case "invalid_auth", "not_authed", "account_inactive", "token_revoked", "not_allowed_token_type" ->
                    "Slack refused the bot token (" + code + "): set SLACK_BOT_TOKEN to the app's bot token (xoxb-...)";
            case "channel_not_found" -> "Slack channel " + channel + " was not found: set slack.channel "
                    + "(--slack-channel) to the channel's id (C...), and invite the bot to private channels";
            case "missing_scope" -> "the Slack app lacks a scope to check the channel: add channels:read and "
                    + "groups:read to the app (docs/slack.md) and reinstall it";
            default -> "Slack " + e.operation() + " failed (" + code + "): " + firstLine(e);
        };
    }

    private static String jiraProblem(ServiceException e, URI baseUrl, String what) {
        String code = String.valueOf(e.errorCode());
        if (code.equals("401") || code.equals("403")) {
            return "Jira at " + baseUrl + " refused " + what + " (HTTP " + code + "): fix them";
        }
        if (e.getCause() instanceof java.io.IOException || code.equals("IOException")) {
            return "cannot connect to Jira at " + baseUrl + ": check jira.url (--jira-url), the network or the proxy";
        }
        return "Jira at " + baseUrl + " failed checking " + what + ": " + firstLine(e);
    }

    private static String firstLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return (nl < 0 ? m : m.substring(0, nl)).strip();
    }
}
