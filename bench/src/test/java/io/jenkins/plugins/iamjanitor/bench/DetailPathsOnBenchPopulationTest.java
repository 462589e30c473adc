package io.jenkins.plugins.iamjanitor.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.iamjanitor.bench.iam.IamRig;
import io.jenkins.plugins.iamjanitor.bench.iam.Population;
import io.jenkins.plugins.iamjanitor.core.policy.CredentialKind;
import io.jenkins.plugins.iamjanitor.core.policy.InactivityPolicy;
import io.jenkins.plugins.iamjanitor.core.policy.Outcome;
import io.jenkins.plugins.iamjanitor.core.policy.PolicySettings;
import io.jenkins.plugins.iamjanitor.core.policy.Verdict;
import io.jenkins.plugins.iamjanitor.core.scan.InactivityScanner;
import io.jenkins.plugins.iamjanitor.core.scan.ScanResult;
import io.jenkins.plugins.iamjanitor.sandbox.FaultPlan;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The bench population (scan-shaped users plus deletion-shaped ones with every kind of dependent), both paths. */
class DetailPathsOnBenchPopulationTest {

    private static Map<String, String> scan(IamRig rig, String path) {
        InactivityScanner scanner = new InactivityScanner(rig.directory(true, Duration.ofMillis(1))
                .withDetailReads(1000, 4, path), new InactivityPolicy(PolicySettings.defaults(), Clock.systemUTC()));
        ScanResult result = scanner.scan(line -> { });
        return result.verdicts().stream().collect(Collectors.toMap(v -> v.user().userName(),
                DetailPathsOnBenchPopulationTest::essence, (a, b) -> a, TreeMap::new));
    }

    private static String essence(Verdict v) {
        String evidence = v.evidence().stream().filter(e -> e.kind() != CredentialKind.MFA_DEVICE)
                .map(e -> e.kind() + "/" + e.basis() + "/" + e.date() + "/" + e.counts()).sorted()
                .collect(Collectors.joining(","));
        // Keys too (as the report names them: neither path reads their ids; the CloudTrail stage does).
        String keys = v.user().accessKeys().stream().map(k -> String.valueOf(k.accessKeyId())).sorted()
                .collect(Collectors.joining(","));
        return v.outcome() + " " + v.lastActivity() + " " + v.driving().kind() + " " + v.driving().date() + " ["
                + evidence + "] keys " + keys;
    }

    @Test
    void bulkAndPerUserDetailsGiveTheSameVerdictsUserByUser() {
        try (IamRig rig = new IamRig(FaultPlan.none(), null)) {
            Population population = new Population(rig.state(), 7);
            population.scanUsers("bench.user", 300, 0.2);
            for (int i = 0; i < 40; i++) {
                population.deletableUser(Population.name("bench.mixed", i), i % 5 == 0, 40 + i);
            }
            for (int i = 0; i < 40; i += 6) {
                population.exempt(Population.name("bench.mixed", i));
            }

            Map<String, String> perUser = scan(rig, "per-user");
            Map<String, String> bulk = scan(rig, "bulk");

            assertThat(bulk).hasSize(340).isEqualTo(perUser);
            assertThat(bulk.values()).anyMatch(e -> e.startsWith(Outcome.INACTIVE.name()))
                    .anyMatch(e -> e.startsWith(Outcome.UNKNOWN_ACTIVITY.name()))
                    .anyMatch(e -> e.startsWith(Outcome.EXEMPT.name()));
        }
    }
}
