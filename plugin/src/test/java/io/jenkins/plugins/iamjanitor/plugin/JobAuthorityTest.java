package io.jenkins.plugins.iamjanitor.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.iamjanitor.core.approval.Decision;
import io.jenkins.plugins.iamjanitor.core.approval.UserDecision;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobAuthorityTest {
    private static final AwsTarget KEYS = new AwsTarget("aws-keys", "us-east-1", null, null);

    @Test
    void patternsMatchFullJobNamesFolderByFolder() {
        assertThat(JobAuthority.matchesAny(List.of("security/*"), "security/iam-review")).isTrue();
        assertThat(JobAuthority.matchesAny(List.of("security/*"), "security/team/iam-review")).isFalse();
        assertThat(JobAuthority.matchesAny(List.of("security/**"), "security/team/iam-review")).isTrue();
        assertThat(JobAuthority.matchesAny(List.of("security/iam-review"), "security/iam-review2")).isFalse();
        assertThat(JobAuthority.matchesAny(List.of("sec.rity/*"), "security/x")).as("a dot is literal").isFalse();
        assertThat(JobAuthority.matchesAny(List.of(), "anything")).isFalse();
    }

    @Test
    void refusesJobsOutsideTheListRoleOverridesAndTheDefaultChainUnlessEnabled() {
        JobAuthority a = new JobAuthority(List.of("security/**"), List.of("security/admin-*"), false);
        a.check("security/iam-review", KEYS, false);
        assertThatThrownBy(() -> a.check("dev/iam-review", KEYS, false))
                .hasMessageStartingWith("job 'dev/iam-review' may not use the IAM Janitor AWS identity");
        assertThatThrownBy(() -> a.check("security/iam-review", KEYS, true))
                .hasMessageStartingWith("job 'security/iam-review' may not override roleArn");
        a.check("security/admin-review", KEYS, true);
        AwsTarget chain = new AwsTarget(null, "us-east-1", null, null);
        assertThatThrownBy(() -> a.check("security/iam-review", chain, false))
                .hasMessageContaining("default credential chain is not enabled");
        new JobAuthority(List.of("security/**"), List.of(), true).check("security/iam-review", chain, false);
    }

    @Test
    void onlyConfiguredApproversDecideAndNobodyWhenNoneIsConfigured() {
        UserDecision bySlackLead = decision("grace", "U0LEAD", "slack:C1");
        UserDecision byJenkinsUser = decision("grace", "carol", "jenkins");
        assertThat(new ApproverAuthority(List.of()).refusal(bySlackLead)).startsWith("no approvers are configured");
        assertThat(new ApproverAuthority(List.of("U0LEAD")).refusal(bySlackLead)).isNull();
        assertThat(new ApproverAuthority(List.of("U0LEAD")).refusal(byJenkinsUser))
                .isEqualTo("approved by Jenkins user carol, who is not a configured Jenkins approver");
        // Jenkins page decisions count only for configured Jenkins approvers: by id, or by a group the realm reports.
        assertThat(new ApproverAuthority(List.of(), List.of("carol"), id -> List.of()).refusal(byJenkinsUser))
                .isNull();
        assertThat(new ApproverAuthority(List.of(), List.of("iam-approvers"), id -> List.of("iam-approvers"))
                .refusal(byJenkinsUser)).isNull();
        assertThat(new ApproverAuthority(List.of(), List.of("iam-approvers"), id -> List.of("developers"))
                .refusal(byJenkinsUser)).isNotNull();
        // A Slack id listed as a Slack approver never authorises a Jenkins-page decision under that name.
        assertThat(new ApproverAuthority(List.of("carol"), List.of(), id -> List.of()).refusal(byJenkinsUser))
                .isNotNull();
        assertThat(new ApproverAuthority(List.of(), List.of("carol"), id -> List.of())
                .refusal(decision("carol", "carol", "jenkins"))).isEqualTo("approved by the user themself");
        // A Slack user group: the channel checked membership when it recorded the click; not valid for Jenkins.
        assertThat(new ApproverAuthority(List.of("S0ADMINS")).refusal(bySlackLead)).isNull();
        assertThat(new ApproverAuthority(List.of("S0ADMINS")).refusal(byJenkinsUser)).isNotNull();
    }

    private static UserDecision decision(String user, String approver, String channel) {
        return new UserDecision(user, Decision.APPROVE, approver, approver, Instant.EPOCH, channel);
    }
}
