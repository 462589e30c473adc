package io.jenkins.plugins.iamjanitor.cli;

import io.jenkins.plugins.iamjanitor.cli.review.LiveReviewServices;
import io.jenkins.plugins.iamjanitor.core.port.ProgressListener;
import io.jenkins.plugins.iamjanitor.core.port.ReviewNotifier;
import io.jenkins.plugins.iamjanitor.core.port.TicketTracker;
import io.jenkins.plugins.iamjanitor.integrations.jira.JiraCredentials;
import io.jenkins.plugins.iamjanitor.integrations.jira.JiraFlavour;
import io.jenkins.plugins.iamjanitor.integrations.jira.JiraRestClient;
import io.jenkins.plugins.iamjanitor.integrations.jira.JiraSettings;
import io.jenkins.plugins.iamjanitor.integrations.jira.JiraTicketTracker;
import io.jenkins.plugins.iamjanitor.integrations.slack.SlackReviewNotifier;
import io.jenkins.plugins.iamjanitor.integrations.slack.SlackSecret;
import io.jenkins.plugins.iamjanitor.integrations.slack.SlackWebClient;
import java.net.URI;
import java.util.Map;

/**
 * Where {@code release} tells people, as a review run does: the review's Jira ticket (comment, and the done status once
 * nothing is pending) when a Jira URL is given, and the review's Slack thread when a bot token is in the environment.
 * Either may be absent; a failure to reach them is reported by the core and never undoes the release.
 *
 * @param tickets  null when no Jira was given
 * @param notifier {@link ReviewNotifier#NONE} without SLACK_BOT_TOKEN
 */
record ReleaseFollowUps(TicketTracker tickets, ReviewNotifier notifier) {

    /**
     * @param env     JIRA_PAT or JIRA_EMAIL + JIRA_API_TOKEN with a Jira URL; SLACK_BOT_TOKEN, optional SLACK_API_URL
     * @param channel the Slack channel when the review has no Slack thread; may be null
     */
    static ReleaseFollowUps of(Map<String, String> env, String jiraUrl, String jiraProject, String channel,
            ProgressListener progress) {
        TicketTracker tickets = null;
        if (jiraUrl != null) {
            JiraCredentials credentials;
            try {
                credentials = LiveReviewServices.jiraCredentials(env);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--jira-url: " + e.getMessage());
            }
            URI base = URI.create(jiraUrl);
            JiraFlavour flavour = credentials.isCloudApiToken() ? JiraFlavour.CLOUD : JiraFlavour.AUTO;
            tickets = new JiraTicketTracker(JiraRestClient.create(base, credentials, flavour),
                    JiraSettings.of(base, jiraProject).withFlavour(flavour).withDryRun(false), progress);
        }
        String bot = env.get("SLACK_BOT_TOKEN");
        ReviewNotifier notifier = ReviewNotifier.NONE;
        if (bot != null && !bot.isBlank()) {
            String api = env.get("SLACK_API_URL");
            notifier = new SlackReviewNotifier(new SlackWebClient(api == null || api.isBlank()
                    ? SlackWebClient.DEFAULT_BASE : URI.create(api), SlackSecret.of(bot)), channel);
        }
        return new ReleaseFollowUps(tickets, notifier);
    }
}
