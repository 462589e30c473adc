package io.jenkins.plugins.iamjanitor.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.iamjanitor.core.model.IamUser;
import io.jenkins.plugins.iamjanitor.core.policy.ExemptionRule;
import io.jenkins.plugins.iamjanitor.core.policy.ExemptionRule.Kind;
import io.jenkins.plugins.iamjanitor.core.policy.Exemptions;
import io.jenkins.plugins.iamjanitor.core.policy.InactivityPolicy;
import io.jenkins.plugins.iamjanitor.core.policy.Outcome;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyMergeTest {
    private static final ExemptionRule BREAK_GLASS = new ExemptionRule(Kind.USER, "breakglass-*", "audited quarterly");
    private static final ExemptionRule SVC = new ExemptionRule(Kind.USER, "svc-*", "CI service accounts");

    private static PolicyFile file(String source, Map<String, Object> values) {
        return PolicyFields.rebuild(source, values);
    }

    private static PolicyFile global() {
        return file("global", Map.of("thresholdDays", 30, "maxDeletions", 5, "exemptions", List.of(BREAK_GLASS),
                "approvers", List.of("U1"), "slack.channel", "C-SEC"));
    }

    @Test
    void aJobAddsExemptionsAndKeepsTheGlobalOnes() {
        PolicyFile job = file("job.yml", Map.of("exemptions", List.of(SVC,
                new ExemptionRule(Kind.USER, "breakglass-*", "a job cannot reword the global reason"))));

        EffectivePolicy merged = PolicyMerge.jobOverGlobal(global(), job).effective();

        assertThat(merged.exemptions().rules()).containsExactly(BREAK_GLASS, SVC,
                new ExemptionRule(Kind.TAG, Exemptions.DEFAULT_TAG, EffectivePolicy.BUILT_IN_TAG_REASON));
        assertThat(merged.thresholdDays()).isEqualTo(30);
        assertThat(merged.approvers()).containsExactly("U1");
    }

    @Test
    void aJobMayOnlyMakeThePolicyStricter() {
        PolicyFile job = file("job.yml", Map.of("thresholdDays", 60, "maxDeletions", 2, "unknownActivity",
                PolicyFile.UnknownActivity.block, "action", PolicyFile.Action.quarantine, "jira.project", "OPS"));

        EffectivePolicy merged = PolicyMerge.jobOverGlobal(global(), job).effective();

        assertThat(merged.thresholdDays()).isEqualTo(60);
        assertThat(merged.maxDeletions()).isEqualTo(2);
        assertThat(merged.action()).isEqualTo(PolicyFile.Action.quarantine);
        assertThat(merged.jiraProject()).isEqualTo("OPS");
    }

    @Test
    void everyWeakeningIsRefusedAtOnce() {
        Map<String, Object> weaker = new HashMap<>();
        weaker.put("thresholdDays", 7);
        weaker.put("maxDeletions", 50);
        weaker.put("gracePeriodDays", 1);
        weaker.put("unknownActivity", PolicyFile.UnknownActivity.ignore);
        weaker.put("approvers", List.of("U-ATTACKER"));
        weaker.put("slack.channel", "C-ELSEWHERE");

        assertThatThrownBy(() -> PolicyMerge.jobOverGlobal(global(), file("job.yml", weaker)))
                .isInstanceOfSatisfying(PolicyException.class, e -> assertThat(e.errors())
                        .extracting(PolicyError::message)
                        .anySatisfy(m -> assertThat(m).startsWith("thresholdDays: 7").contains("thresholdDays: 30"))
                        .anySatisfy(m -> assertThat(m).startsWith("maxDeletions: 50"))
                        .anySatisfy(m -> assertThat(m).startsWith("gracePeriodDays: 1"))
                        .anySatisfy(m -> assertThat(m).startsWith("unknownActivity: ignore"))
                        .anySatisfy(m -> assertThat(m).startsWith("approvers: U-ATTACKER"))
                        .anySatisfy(m -> assertThat(m).startsWith("slack.channel: C-ELSEWHERE"))
                        .hasSize(6));
    }

    @Test
    void defaultsOfAnEmptyGlobalAreStillGuarded() {
        PolicyFile job = file("job.yml", Map.of("thresholdDays", 3, "maxDeletions", 100));

        assertThatThrownBy(() -> PolicyMerge.jobOverGlobal(PolicyFile.empty("global"), job))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining("thresholdDays: 21").hasMessageContaining("maxDeletions: 10");
    }

    @Test
    void overridesReplaceSingleValuesAndSaySo() {
        List<String> notes = new ArrayList<>();
        PolicyFile flags = file("command line", Map.of("thresholdDays", 45, "slack.channel", "C-SEC",
                "exemptions", List.of(SVC)));

        EffectivePolicy p = PolicyMerge.overlay(global(), flags, Map.of("thresholdDays", "--days"), notes::add)
                .effective();

        assertThat(p.thresholdDays()).isEqualTo(45);
        assertThat(p.exemptions().userNameGlobs()).containsExactly("breakglass-*", "svc-*");
        assertThat(notes).containsExactly("--days 45 overrides thresholdDays: 30 from global");
    }

    @Test
    void theReasonOfTheRuleReachesTheVerdict() {
        EffectivePolicy p = global().effective();
        InactivityPolicy policy = new InactivityPolicy(p.policySettings(),
                Clock.fixed(Instant.parse("2026-11-01T00:00:00Z"), ZoneOffset.UTC));
        IamUser user = new IamUser("breakglass-1", "AID1", null, "/", Instant.parse("2025-01-01T00:00:00Z"),
                List.of(), List.of(), null, null, null, null, null, null);

        assertThat(policy.evaluate(user).outcome()).isEqualTo(Outcome.EXEMPT);
        assertThat(policy.evaluate(user).reason())
                .isEqualTo("exempt: user name matches 'breakglass-*'; reason: audited quarterly");
    }

    @Test
    void theDefaultsAreTheDocumentedOnes() {
        EffectivePolicy p = PolicyFile.empty("defaults").effective();

        assertThat(p.thresholdDays()).isEqualTo(21);
        assertThat(p.gracePeriodDays()).isEqualTo(21);
        assertThat(p.maxDeletions()).isEqualTo(10);
        assertThat(p.unknownActivity()).isEqualTo(PolicyFile.UnknownActivity.block);
        assertThat(p.action()).isEqualTo(PolicyFile.Action.delete);
        assertThat(p.exemptions().tags()).containsExactly(Exemptions.DEFAULT_TAG);
        assertThat(p.cloudTrailRegions()).containsExactly("us-east-1");
    }
}
