package io.jenkins.plugins.iamjanitor.integrations.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.iamjanitor.core.policy.Exemptions;
import io.jenkins.plugins.iamjanitor.core.policy.InactivityPolicy;
import io.jenkins.plugins.iamjanitor.core.policy.Outcome;
import io.jenkins.plugins.iamjanitor.core.policy.PolicySettings;
import io.jenkins.plugins.iamjanitor.core.policy.Verdict;
import io.jenkins.plugins.iamjanitor.core.scan.InactivityScanner;
import io.jenkins.plugins.iamjanitor.sandbox.Scenario;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The built-in scenario is what the README's main command shows, so each user's {@code comment} is a promise: scanned
 * through the real SDK and core's policy, every user must get the outcome its comment announces.
 */
class DefaultScenarioScanTest {
    private static final Map<String, Outcome> PREFIXES = new LinkedHashMap<>();

    static {
        PREFIXES.put("ACTIVE", Outcome.ACTIVE);
        PREFIXES.put("NOT FLAGGED", Outcome.ACTIVE);
        PREFIXES.put("GRACE PERIOD", Outcome.GRACE_PERIOD);
        PREFIXES.put("INACTIVE", Outcome.INACTIVE);
        PREFIXES.put("UNKNOWN ACTIVITY", Outcome.UNKNOWN_ACTIVITY);
        PREFIXES.put("EXEMPT", Outcome.EXEMPT);
    }

    @Test
    void everyUserGetsTheOutcomeItsCommentAnnounces() {
        Scenario scenario = Scenario.builtIn();
        Map<String, Outcome> expected = new TreeMap<>();
        for (JsonNode user : scenario.section("iam").path("users")) {
            String comment = user.path("comment").asText();
            Outcome outcome = PREFIXES.entrySet().stream().filter(e -> comment.startsWith(e.getKey())).findFirst()
                    .map(Map.Entry::getValue).orElseThrow(() -> new AssertionError("no outcome in: " + comment));
            expected.put(user.path("name").asText(), outcome);
        }
        Exemptions exemptions = new Exemptions(java.util.List.of("svc-*", "breakglass-*"),
                java.util.List.of("/system/"), java.util.List.of(Exemptions.DEFAULT_TAG),
                java.util.List.of("admins-protected"));
        try (IamSandbox sandbox = new IamSandbox(scenario)) {
            InactivityScanner scanner = new InactivityScanner(sandbox.directory(true, 1000),
                    new InactivityPolicy(new PolicySettings(Duration.ofDays(21), true, exemptions),
                            Clock.systemUTC()));

            Map<String, Outcome> actual = scanner.scan(line -> { }).verdicts().stream()
                    .collect(Collectors.toMap(v -> v.user().userName(), Verdict::outcome, (a, b) -> a, TreeMap::new));

            assertThat(actual).isEqualTo(expected);
            Set<Outcome> covered = EnumSet.copyOf(expected.values());
            assertThat(covered).containsExactlyInAnyOrder(Outcome.values());
        }
    }
}
