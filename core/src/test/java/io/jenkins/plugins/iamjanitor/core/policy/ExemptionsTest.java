package io.jenkins.plugins.iamjanitor.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.iamjanitor.core.model.IamUser;
import io.jenkins.plugins.iamjanitor.core.model.Tag;
import io.jenkins.plugins.iamjanitor.core.policy.ExemptionRule.Kind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Exemption rules keep their reasons through building, adding and matching. */
class ExemptionsTest {
    private static final Instant NOW = Instant.parse("2026-11-01T00:00:00Z");

    private static IamUser user(String name, String path, List<Tag> tags, List<String> groups) {
        return new IamUser(name, "AID" + name, null, path, NOW.minus(Duration.ofDays(400)), tags, groups, null, null,
                null, null, null, null);
    }

    private static String reason(Exemptions e, IamUser u) {
        return new InactivityPolicy(new PolicySettings(Duration.ofDays(21), true, e), Clock.fixed(NOW,
                ZoneOffset.UTC)).evaluate(u).reason();
    }

    @Test
    void rulesRoundTripWithTheirReasons() {
        List<ExemptionRule> rules = List.of(new ExemptionRule(Kind.USER, "svc-*", "CI"),
                new ExemptionRule(Kind.PATH, "/system/", null), new ExemptionRule(Kind.TAG, "owner=platform", "team"),
                new ExemptionRule(Kind.GROUP, "BreakGlass", "incidents"));

        assertThat(Exemptions.of(rules).rules()).isEqualTo(rules);
    }

    @Test
    void addingNeverRemovesAndTheFirstReasonWins() {
        Exemptions global = Exemptions.of(List.of(new ExemptionRule(Kind.USER, "svc-*", "CI")));
        Exemptions more = Exemptions.of(List.of(new ExemptionRule(Kind.USER, "svc-*", "changed"),
                new ExemptionRule(Kind.GROUP, "ops", null)));

        assertThat(global.plus(more).rules()).containsExactly(new ExemptionRule(Kind.USER, "svc-*", "CI"),
                new ExemptionRule(Kind.GROUP, "ops", null));
    }

    @Test
    void everyKindOfRuleNamesItsReasonInTheVerdict() {
        Exemptions e = Exemptions.of(List.of(new ExemptionRule(Kind.PATH, "/system/", "AWS services"),
                new ExemptionRule(Kind.TAG, "owner=platform", "platform reviews its own"),
                new ExemptionRule(Kind.GROUP, "BreakGlass", "incidents"),
                new ExemptionRule(Kind.USER, "legacy-*", null)));

        assertThat(reason(e, user("a", "/system/x/", List.of(), List.of())))
                .isEqualTo("exempt: path /system/x/ is under '/system/'; reason: AWS services");
        assertThat(reason(e, user("b", "/", List.of(new Tag("owner", "platform")), List.of())))
                .isEqualTo("exempt: tag owner=platform matches 'owner=platform'; reason: platform reviews its own");
        assertThat(reason(e, user("c", "/", List.of(), List.of("breakglass"))))
                .isEqualTo("exempt: member of group breakglass; reason: incidents");
        assertThat(reason(e, user("legacy-1", "/", List.of(), List.of())))
                .isEqualTo("exempt: user name matches 'legacy-*'");
    }
}
