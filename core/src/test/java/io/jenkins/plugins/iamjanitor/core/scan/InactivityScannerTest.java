package io.jenkins.plugins.iamjanitor.core.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.iamjanitor.core.model.ConsolePassword;
import io.jenkins.plugins.iamjanitor.core.model.CredentialStatus;
import io.jenkins.plugins.iamjanitor.core.model.IamUser;
import io.jenkins.plugins.iamjanitor.core.model.SshPublicKey;
import io.jenkins.plugins.iamjanitor.core.model.Tag;
import io.jenkins.plugins.iamjanitor.core.policy.Exemptions;
import io.jenkins.plugins.iamjanitor.core.policy.InactivityPolicy;
import io.jenkins.plugins.iamjanitor.core.policy.Outcome;
import io.jenkins.plugins.iamjanitor.core.policy.PolicySettings;
import io.jenkins.plugins.iamjanitor.core.policy.Verdict;
import io.jenkins.plugins.iamjanitor.core.port.IamDirectory;
import io.jenkins.plugins.iamjanitor.core.port.ProgressListener;
import io.jenkins.plugins.iamjanitor.core.port.ServiceException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InactivityScannerTest {
    static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");

    static IamUser user(String name, int lastLoginDaysAgo) {
        Instant old = NOW.minus(Duration.ofDays(300));
        return new IamUser(name, "AIDA" + name, "arn:aws:iam::1:user/" + name, "/", old, null, null,
                new ConsolePassword(true, old, NOW.minus(Duration.ofDays(lastLoginDaysAgo))), null, null, null, null,
                null);
    }

    /** Directory fake: counts detail look-ups, answers tags/groups from a map, fails for "broken". */
    static final class Directory implements IamDirectory {
        final List<IamUser> users;
        final Map<String, List<Tag>> tags;
        final List<String> detailCalls = new ArrayList<>();

        Directory(List<IamUser> users, Map<String, List<Tag>> tags) {
            this.users = users;
            this.tags = tags;
        }

        @Override
        public List<IamUser> listUsers(ProgressListener progress) {
            return users;
        }

        @Override
        public IamUser withDetails(IamUser user) {
            detailCalls.add(user.userName());
            if (user.userName().equals("broken")) {
                throw new ServiceException("IAM", "ListUserTags", "AccessDenied", "not authorized");
            }
            IamUser detailed = user.withDetails(tags.getOrDefault(user.userName(), List.of()), List.of());
            if (!user.userName().equals("git-user")) {
                return detailed;
            }
            // Like the credential report path: the SSH key only shows up with the details.
            return new IamUser(detailed.userName(), detailed.userId(), detailed.arn(), detailed.path(),
                    detailed.createDate(), detailed.tags(), detailed.groups(), detailed.password(), List.of(),
                    List.of(new SshPublicKey("APKAGIT", CredentialStatus.ACTIVE, NOW.minus(Duration.ofDays(200)))),
                    List.of(), List.of(), List.of());
        }

        @Override
        public Optional<IamUser> fetchLive(String userName) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void fetchesDetailsOnlyForWouldBeCandidatesAndAppliesTagExemptions() {
        Directory dir = new Directory(
                List.of(user("busy", 1), user("idle", 60), user("keeper", 60), user("broken", 90)),
                Map.of("keeper", List.of(new Tag(Exemptions.DEFAULT_TAG, "yes"))));
        InactivityPolicy policy = new InactivityPolicy(PolicySettings.defaults(), Clock.fixed(NOW, ZoneOffset.UTC));
        List<String> lines = new ArrayList<>();

        ScanResult result = new InactivityScanner(dir, policy).scan(lines::add);

        assertThat(dir.detailCalls).containsExactly("idle", "keeper", "broken");
        assertThat(result.verdicts()).extracting(Verdict::outcome).containsExactly(Outcome.ACTIVE, Outcome.INACTIVE,
                Outcome.EXEMPT, Outcome.UNKNOWN_ACTIVITY);
        assertThat(result.flagged()).extracting(v -> v.user().userName()).containsExactly("idle");
        assertThat(result.flagged().get(0).user().detailsKnown()).isTrue();
        assertThat(result.verdicts().get(3).reason()).contains("AccessDenied");
        assertThat(result.scannedAt()).isEqualTo(NOW);
        assertThat(lines).anyMatch(l -> l.startsWith("[2/4] idle: INACTIVE"))
                .anyMatch(l -> l.startsWith("[3/4] keeper: EXEMPT"))
                .last().asString().contains("1 of 4");
    }

    @Test
    void fetchesDetailsForCandidatesEvenWithoutTagOrGroupExemptions() {
        Directory dir = new Directory(List.of(user("git-user", 60), user("idle", 60)), Map.of());
        PolicySettings noTagExemption = new PolicySettings(Duration.ofDays(21), true,
                new Exemptions(List.of(), List.of(), List.of(), List.of()));
        InactivityPolicy policy = new InactivityPolicy(noTagExemption, Clock.fixed(NOW, ZoneOffset.UTC));

        ScanResult result = new InactivityScanner(dir, policy).scan(ProgressListener.NONE);

        assertThat(dir.detailCalls).containsExactly("git-user", "idle");
        assertThat(result.verdicts()).extracting(Verdict::outcome)
                .containsExactly(Outcome.UNKNOWN_ACTIVITY, Outcome.INACTIVE);
    }
}
