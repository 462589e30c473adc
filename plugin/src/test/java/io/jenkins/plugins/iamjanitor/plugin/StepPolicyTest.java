package io.jenkins.plugins.iamjanitor.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.iamjanitor.core.config.EffectivePolicy;
import io.jenkins.plugins.iamjanitor.core.policy.ExemptionRule;
import io.jenkins.plugins.iamjanitor.core.policy.PolicySettings;
import io.jenkins.plugins.iamjanitor.plugin.review.ReviewScope;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The glue from the global text area, a job's {@code config:} text and the step's arguments to the review scope. */
class StepPolicyTest {
    private static final String GLOBAL = """
            thresholdDays: 30
            gracePeriodDays: 40
            unknownActivity: ignore
            exemptions:
              users:
                - glob: "svc-*"
                  reason: CI service accounts
            """;

    private static JanitorDefaults defaults(String yaml) {
        return new JanitorDefaults(new AwsTarget(null, "us-east-1", null, null), 21, "iam-janitor:exempt", 10, null,
                List.of(), null, null, yaml);
    }

    @Test
    void theJobAndTheArgumentsAddToTheGlobalPolicyAndTheScopeKeepsAllOfIt() {
        EffectivePolicy p = StepPolicy.effective(defaults(GLOBAL), """
                thresholdDays: 35
                unknownActivity: block
                exemptions:
                  groups:
                    - group: BreakGlass
                      reason: incident access
                """, 45, List.of("terraform"), null, List.of("keep"), null);
        assertThat(p.thresholdDays()).isEqualTo(45);
        assertThat(p.gracePeriodDays()).isEqualTo(40);
        assertThat(p.exemptions().rules()).contains(
                new ExemptionRule(ExemptionRule.Kind.USER, "svc-*", "CI service accounts"),
                new ExemptionRule(ExemptionRule.Kind.GROUP, "BreakGlass", "incident access"),
                new ExemptionRule(ExemptionRule.Kind.USER, "terraform", "step argument"),
                new ExemptionRule(ExemptionRule.Kind.TAG, "keep", "step argument"));

        // What the review records is what the live re-check before a deletion applies.
        ReviewScope scope = ReviewScope.of("aws", "eu-west-1", null, p.policySettings());
        PolicySettings again = scope.policySettings();
        assertThat(again.threshold()).isEqualTo(Duration.ofDays(45));
        assertThat(again.gracePeriod()).isEqualTo(Duration.ofDays(40));
        assertThat(again.unknownActivityBlocks()).isTrue();
        assertThat(again.exemptions()).isEqualTo(p.policySettings().exemptions());
        assertThat(scope.describe()).contains("inactive after 45 days", "svc-*", "CI service accounts");
    }

    @Test
    void withoutAFileTheOlderFieldsAreTheGlobalPolicyAndUnknownActivityBlocks() {
        EffectivePolicy p = StepPolicy.effective(new JanitorDefaults(new AwsTarget(null, "us-east-1", null, null),
                25, "keep-me", 10, null, List.of(), null, null), null, null, null, null, null, null);
        assertThat(p.thresholdDays()).isEqualTo(25);
        assertThat(p.policySettings().unknownActivityBlocks()).isTrue();
        assertThat(p.exemptions().tags()).contains("keep-me", "iam-janitor:exempt");
        assertThatThrownBy(() -> StepPolicy.effective(defaults(null), null, 20, null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("policy refused").hasMessageContaining("thresholdDays: 20");
    }

    @Test
    void weakeningIsRefusedInOneLineNamingEveryChange() {
        assertThatThrownBy(() -> StepPolicy.effective(defaults(GLOBAL), """
                thresholdDays: 7
                gracePeriodDays: 1
                """, null, null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("policy refused: 2 problems")
                .hasMessageContaining("thresholdDays: 7 would weaken").hasMessageContaining("gracePeriodDays: 1")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        // The arguments are held to the global file too, not only to the older field.
        assertThatThrownBy(() -> StepPolicy.effective(defaults(GLOBAL), null, 21, null, null, null, null))
                .hasMessageContaining("thresholdDays: 21 would weaken");
        // A job's file with a typo is an error with its line and column, never an ignored key.
        assertThatThrownBy(() -> StepPolicy.effective(defaults(GLOBAL), "exemptons: []\n", null, null, null, null,
                null)).hasMessageContaining("config:1:1");
        assertThatThrownBy(() -> StepPolicy.effective(defaults("thresholdDays: lots\n"), null, null, null, null, null,
                null)).hasMessageStartingWith("the global IAM Janitor policy is invalid: global configuration:1:");
    }
}
