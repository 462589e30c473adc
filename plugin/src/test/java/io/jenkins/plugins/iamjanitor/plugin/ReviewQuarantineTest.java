package io.jenkins.plugins.iamjanitor.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.iamjanitor.core.config.EffectivePolicy;
import io.jenkins.plugins.iamjanitor.core.quarantine.QuarantineSettings;
import io.jenkins.plugins.iamjanitor.core.quarantine.RemediationAction;
import io.jenkins.plugins.iamjanitor.integrations.config.PolicyFileParser;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The remediation a step runs with: the policy's action and wait, overridden by the job in the safe direction only. */
class ReviewQuarantineTest {

    private static EffectivePolicy policy(String yaml) {
        return new PolicyFileParser().parse("global configuration", yaml).effective();
    }

    @Test
    void withoutAPolicyTheStepChoosesAndTheWaitDefaultsTo30Days() {
        EffectivePolicy none = policy("thresholdDays: 21\n");
        assertThat(ReviewQuarantine.settings(none, null, null))
                .isEqualTo(new QuarantineSettings(RemediationAction.DELETE, 30, List.of()));
        assertThat(ReviewQuarantine.settings(none, " Quarantine ", 5))
                .isEqualTo(new QuarantineSettings(RemediationAction.QUARANTINE, 5, List.of()));
        assertThatThrownBy(() -> ReviewQuarantine.settings(none, "purge", null))
                .hasMessage("invalid argument 'action': action must be 'delete' or 'quarantine', got 'purge'");
        assertThatThrownBy(() -> ReviewQuarantine.settings(none, "quarantine", 0))
                .hasMessage("invalid argument 'deleteAfterDays': must be at least 1, got 0");
    }

    @Test
    void aPolicyThatQuarantinesCannotBeTurnedIntoADeletionOrAShorterWait() {
        EffectivePolicy q = policy("action: quarantine\ndeleteAfterDays: 30\ncloudTrail:\n  regions: [us-east-1, eu-west-1]\n");
        QuarantineSettings byPolicy = ReviewQuarantine.settings(q, null, null);
        assertThat(byPolicy.action()).isEqualTo(RemediationAction.QUARANTINE);
        assertThat(byPolicy.deleteAfterDays()).isEqualTo(30);
        assertThat(byPolicy.trailRegions()).as("us-east-1 is always searched").containsExactly("eu-west-1");
        assertThat(ReviewQuarantine.settings(q, "quarantine", 45).deleteAfterDays()).isEqualTo(45);
        assertThatThrownBy(() -> ReviewQuarantine.settings(q, "delete", null)).isInstanceOf(
                IllegalArgumentException.class).hasMessageStartingWith("invalid argument 'action': the policy (global"
                        + " configuration) quarantines first");
        assertThatThrownBy(() -> ReviewQuarantine.settings(q, null, 7)).hasMessageContaining(
                "waits 30 days; a job may wait longer, not shorter (got 7)");
    }

    @Test
    void aPolicyThatDeletesMayBeMadeSaferByTheJob() {
        EffectivePolicy d = policy("action: delete\n");
        assertThat(ReviewQuarantine.settings(d, "quarantine", null).action()).isEqualTo(RemediationAction.QUARANTINE);
        assertThat(ReviewQuarantine.settings(d, "delete", null).action()).isEqualTo(RemediationAction.DELETE);
    }
}
