package io.jenkins.plugins.iamjanitor.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigurationChecksTest {
    @Test
    void awsFields() {
        assertThat(ConfigurationChecks.region("eu-west-1")).isNull();
        assertThat(ConfigurationChecks.region("us-gov-west-1")).isNull();
        assertThat(ConfigurationChecks.region("Frankfurt")).contains("region");
        assertThat(ConfigurationChecks.roleArn("arn:aws:iam::123456789012:role/path/iam-janitor")).isNull();
        assertThat(ConfigurationChecks.roleArn("arn:aws:iam::123456789012:user/alice")).contains("role ARN");
        assertThat(ConfigurationChecks.externalId("x-123", null)).contains("only used with a role");
        assertThat(ConfigurationChecks.externalId("x-123", "arn:aws:iam::123456789012:role/r")).isNull();
    }

    @Test
    void slackFields() {
        assertThat(ConfigurationChecks.channel("#iam-reviews")).isNull();
        assertThat(ConfigurationChecks.channel("C0123ABCD")).isNull();
        assertThat(ConfigurationChecks.channel("IAM Reviews")).isNotNull();
        assertThat(ConfigurationChecks.approvers("U0123ABCD, S0456DEFG")).isNull();
        assertThat(ConfigurationChecks.approvers("")).contains("Nobody may approve");
        assertThat(ConfigurationChecks.approvers("U0123ABCD @alice")).contains("'@alice'");
        assertThat(IamJanitorConfiguration.split(" U0123ABCD,S0456DEFG\nU0789 ")).containsExactly("U0123ABCD",
                "S0456DEFG", "U0789");
        assertThat(IamJanitorConfiguration.split(null)).isEqualTo(List.of());
    }

    @Test
    void jiraAndPolicyFields() {
        assertThat(ConfigurationChecks.jiraBaseUrl("https://example.atlassian.net")).isNull();
        assertThat(ConfigurationChecks.jiraBaseUrl("example.atlassian.net")).contains("absolute URL");
        assertThat(ConfigurationChecks.jiraBaseUrl("https://bot:token@jira.example.com")).contains("never in the URL");
        assertThat(ConfigurationChecks.jiraFlavour("DataCenter")).isNull();
        assertThat(ConfigurationChecks.jiraFlavour("server2")).isNotNull();
        assertThat(ConfigurationChecks.projectKey("SEC")).isNull();
        assertThat(ConfigurationChecks.projectKey("sec ops")).isNotNull();
        assertThat(ConfigurationChecks.positive(0, 100)).isEqualTo("Between 1 and 100");
        assertThat(ConfigurationChecks.positive(21, 3650)).isNull();
    }
}
