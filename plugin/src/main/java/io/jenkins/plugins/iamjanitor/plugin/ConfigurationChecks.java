package io.jenkins.plugins.iamjanitor.plugin;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Field checks of the global configuration as plain functions: each returns null when the value is fine, or the
 * one-line problem shown under the field.
 */
final class ConfigurationChecks {
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d");
    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[\\w-]*:iam::\\d{12}:role/[\\w+=,.@/-]+");
    private static final Pattern EXTERNAL_ID = Pattern.compile("[\\w+=,.@:/-]{2,1224}");
    private static final Pattern CHANNEL = Pattern.compile("#?[a-z0-9][a-z0-9_-]{0,79}|[CG][A-Z0-9]{8,}");
    private static final Pattern SLACK_ID = Pattern.compile("[UWS][A-Z0-9]{8,}");
    private static final Pattern PROJECT_KEY = Pattern.compile("[A-Z][A-Z0-9_]{1,9}");

    private ConfigurationChecks() {
    }

    static String region(String v) {
        return blank(v) || REGION.matcher(v.trim()).matches() ? null
                : "Not an AWS region, e.g. us-east-1";
    }

    static String roleArn(String v) {
        return blank(v) || ROLE_ARN.matcher(v.trim()).matches() ? null
                : "Not an IAM role ARN: arn:aws:iam::123456789012:role/name";
    }

    static String externalId(String v, String roleArn) {
        if (blank(v)) {
            return null;
        }
        if (blank(roleArn)) {
            return "An external id is only used with a role to assume";
        }
        return EXTERNAL_ID.matcher(v.trim()).matches() ? null : "2 to 1224 characters: letters, digits and +=,.@:/-";
    }

    static String channel(String v) {
        return blank(v) || CHANNEL.matcher(v.trim()).matches() ? null
                : "A channel name (#iam-reviews) or id (C0123ABCD)";
    }

    static String approvers(String v) {
        if (blank(v)) {
            return "Nobody may approve until this lists Slack member or user-group ids";
        }
        for (String id : IamJanitorConfiguration.split(v)) {
            if (!SLACK_ID.matcher(id).matches()) {
                return "'" + id + "' is not a Slack member id (U0123ABCD) or user-group id (S0123ABCD)";
            }
        }
        return null;
    }

    static String jiraBaseUrl(String v) {
        if (blank(v)) {
            return null;
        }
        try {
            URI u = new URI(v.trim());
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if (u.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
                return "An absolute URL, e.g. https://example.atlassian.net";
            }
            if (u.getUserInfo() != null) {
                return "Put credentials in the credentials field, never in the URL";
            }
            return null;
        } catch (URISyntaxException e) {
            return "Not a URL: " + e.getReason();
        }
    }

    static String jiraFlavour(String v) {
        return blank(v) || v.trim().toLowerCase(Locale.ROOT).matches("auto|cloud|datacenter") ? null
                : "One of auto, cloud, datacenter";
    }

    static String projectKey(String v) {
        return blank(v) || PROJECT_KEY.matcher(v.trim()).matches() ? null : "A Jira project key, e.g. SEC";
    }

    static String positive(int v, int max) {
        return v >= 1 && v <= max ? null : "Between 1 and " + max;
    }

    private static boolean blank(String v) {
        return v == null || v.isBlank();
    }
}
