package io.jenkins.plugins.iamjanitor.core.policy;

import static io.jenkins.plugins.iamjanitor.core.model.CredentialStatus.ACTIVE;
import static io.jenkins.plugins.iamjanitor.core.model.CredentialStatus.INACTIVE;
import static io.jenkins.plugins.iamjanitor.core.policy.Users.user;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.iamjanitor.core.model.IamUser;
import io.jenkins.plugins.iamjanitor.core.model.Tag;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InactivityPolicyTest {
    static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
    static final Duration DAY = Duration.ofDays(1);
    static final Duration THRESHOLD = Duration.ofDays(21);
    static final Instant LONG_AGO = NOW.minus(Duration.ofDays(400));

    static Instant daysAgo(long days) {
        return NOW.minus(Duration.ofDays(days));
    }

    static InactivityPolicy policy(boolean unknownBlocks, Exemptions exemptions) {
        return new InactivityPolicy(new PolicySettings(THRESHOLD, unknownBlocks, exemptions),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    static InactivityPolicy policy() {
        return policy(true, Exemptions.defaults());
    }

    @Nested
    class ThresholdBoundary {
        @ParameterizedTest(name = "key last used {0}s before the 21-day mark -> {1}")
        @CsvSource({"-1, INACTIVE", "0, ACTIVE", "1, ACTIVE"})
        void lastUseAtTheBoundary(long secondsYounger, Outcome expected) {
            Instant lastUsed = NOW.minus(THRESHOLD).plusSeconds(secondsYounger);
            Verdict v = policy().evaluate(user("alice", LONG_AGO).key("AKIA1", ACTIVE, LONG_AGO, lastUsed).build());
            assertThat(v.outcome()).isEqualTo(expected);
            assertThat(v.lastActivity()).isEqualTo(lastUsed);
            assertThat(v.driving().id()).isEqualTo("AKIA1");
        }

        @Test
        void daysInactiveCountsWholeDays() {
            Instant lastUsed = daysAgo(40).minusSeconds(3600);
            Verdict v = policy().evaluate(user("alice", LONG_AGO).password(LONG_AGO, lastUsed).build());
            assertThat(v.daysInactive()).isEqualTo(40);
            assertThat(v.reason()).contains("console password").contains("40 days ago");
        }

        @Test
        void mostRecentCredentialDrivesTheVerdict() {
            IamUser u = user("bob", LONG_AGO)
                    .password(LONG_AGO, daysAgo(90))
                    .key("AKIAOLD", ACTIVE, LONG_AGO, daysAgo(60))
                    .key("AKIANEW", ACTIVE, LONG_AGO, daysAgo(5))
                    .build();
            Verdict v = policy().evaluate(u);
            assertThat(v.outcome()).isEqualTo(Outcome.ACTIVE);
            assertThat(v.driving().id()).isEqualTo("AKIANEW");
            assertThat(v.driving().basis()).isEqualTo(ActivityBasis.LAST_USED);
            assertThat(v.reason()).contains("AKIANEW").contains("s3 in us-east-1");
            assertThat(v.evidence()).extracting(CredentialEvidence::kind).containsExactly(CredentialKind.USER,
                    CredentialKind.CONSOLE_PASSWORD, CredentialKind.ACCESS_KEY, CredentialKind.ACCESS_KEY);
        }
    }

    @Nested
    class NeverUsed {
        @Test
        void neverUsedKeyCountsFromItsCreationDate() {
            Verdict old = policy().evaluate(user("a", LONG_AGO).key("AKIA1", ACTIVE, daysAgo(30), null).build());
            assertThat(old.outcome()).isEqualTo(Outcome.INACTIVE);
            assertThat(old.driving().basis()).isEqualTo(ActivityBasis.CREATED_NEVER_USED);
            assertThat(old.lastActivity()).isEqualTo(daysAgo(30));

            Verdict fresh = policy().evaluate(user("a", LONG_AGO).key("AKIA1", ACTIVE, daysAgo(3), null).build());
            assertThat(fresh.outcome()).isEqualTo(Outcome.ACTIVE);
            assertThat(fresh.reason()).contains("never used");
        }

        @Test
        void neverUsedPasswordWithoutCreationDateFallsBackToTheUser() {
            Verdict v = policy().evaluate(user("a", daysAgo(50)).password(null, null).build());
            assertThat(v.outcome()).isEqualTo(Outcome.INACTIVE);
            assertThat(v.driving().kind()).isEqualTo(CredentialKind.CONSOLE_PASSWORD);
            assertThat(v.driving().date()).isEqualTo(daysAgo(50));
            assertThat(v.driving().detail()).contains("creation date unknown");
        }

        @Test
        void userWithoutCredentialsIsJudgedByItsCreationDate() {
            Verdict v = policy().evaluate(user("bare", daysAgo(22)).build());
            assertThat(v.outcome()).isEqualTo(Outcome.INACTIVE);
            assertThat(v.driving().kind()).isEqualTo(CredentialKind.USER);
            assertThat(v.driving().counts()).isTrue();
            assertThat(v.lastActivity()).isEqualTo(daysAgo(22));
            assertThat(v.daysInactive()).isEqualTo(22);
        }

        @Test
        void userWithoutAnyDateIsNotFlagged() {
            Verdict v = policy().evaluate(user("nodate", null).build());
            assertThat(v.outcome()).isEqualTo(Outcome.UNKNOWN_ACTIVITY);
            assertThat(v.daysInactive()).isEqualTo(-1);
        }
    }

    @Nested
    class GracePeriod {
        @Test
        void newUserIsNeverFlaggedEvenWithOldLookingCredentials() {
            Verdict v = policy().evaluate(user("new", daysAgo(20)).build());
            assertThat(v.outcome()).isEqualTo(Outcome.GRACE_PERIOD);
            assertThat(v.driving().kind()).isEqualTo(CredentialKind.USER);
            assertThat(v.reason()).contains("grace period").contains("20 days ago");
        }

        @ParameterizedTest(name = "credential-less user created {0}s before the 21-day mark -> {1}")
        @CsvSource({"1, GRACE_PERIOD", "0, ACTIVE", "-1, INACTIVE"})
        void graceBoundary(long secondsYounger, Outcome expected) {
            // Without credentials the creation date is also the last activity, so exactly 21 days is out of the
            // grace period but not yet "older than" the threshold.
            Instant created = NOW.minus(THRESHOLD).plusSeconds(secondsYounger);
            Verdict v = policy().evaluate(user("u", created).build());
            assertThat(v.outcome()).isEqualTo(expected);
        }
    }

    @Nested
    class DisabledCredentials {
        @Test
        void inactiveKeyUsedYesterdayDoesNotCount() {
            IamUser u = user("a", LONG_AGO)
                    .password(LONG_AGO, daysAgo(60))
                    .key("AKIAOFF", INACTIVE, LONG_AGO, daysAgo(1))
                    .build();
            Verdict v = policy().evaluate(u);
            assertThat(v.outcome()).isEqualTo(Outcome.INACTIVE);
            assertThat(v.driving().kind()).isEqualTo(CredentialKind.CONSOLE_PASSWORD);
            assertThat(v.evidence()).filteredOn(r -> "AKIAOFF".equals(r.id()))
                    .singleElement()
                    .satisfies(r -> {
                        assertThat(r.basis()).isEqualTo(ActivityBasis.DISABLED);
                        assertThat(r.counts()).isFalse();
                    });
        }

        @Test
        void disabledPasswordDoesNotCount() {
            Verdict v = policy().evaluate(user("a", daysAgo(100)).disabledPassword(daysAgo(2)).build());
            assertThat(v.outcome()).isEqualTo(Outcome.INACTIVE);
            assertThat(v.driving().kind()).isEqualTo(CredentialKind.USER);
            assertThat(v.lastActivity()).isEqualTo(daysAgo(100));
        }

        @Test
        void inactiveSshKeyDoesNotBlock() {
            Verdict v = policy().evaluate(user("a", LONG_AGO).password(LONG_AGO, daysAgo(30))
                    .ssh("APKA1", INACTIVE, daysAgo(200)).build());
            assertThat(v.outcome()).isEqualTo(Outcome.INACTIVE);
        }

        @Test
        void mfaDeviceNeitherCountsNorBlocks() {
            Verdict v = policy().evaluate(user("a", LONG_AGO).password(LONG_AGO, daysAgo(30))
                    .mfa("arn:aws:iam::123456789012:mfa/a", daysAgo(1)).build());
            assertThat(v.outcome()).isEqualTo(Outcome.INACTIVE);
            assertThat(v.evidence()).extracting(CredentialEvidence::kind).contains(CredentialKind.MFA_DEVICE);
        }
    }

    @Nested
    class UnknownActivity {
        IamUser withSsh() {
            return user("git", LONG_AGO).password(LONG_AGO, daysAgo(30)).ssh("APKA1", ACTIVE, daysAgo(300))
                    .cert("CERT1", ACTIVE, daysAgo(300)).ssc("SSC1", ACTIVE, daysAgo(300)).build();
        }

        @Test
        void blocksByDefault() {
            Verdict v = policy().evaluate(withSsh());
            assertThat(v.outcome()).isEqualTo(Outcome.UNKNOWN_ACTIVITY);
            assertThat(v.flagged()).isFalse();
            assertThat(v.driving().kind()).isEqualTo(CredentialKind.SSH_PUBLIC_KEY);
            assertThat(v.reason()).contains("SSH public key APKA1").contains("3 such credentials");
            assertThat(v.lastActivity()).isEqualTo(daysAgo(30));
            assertThat(v.evidence()).filteredOn(r -> r.basis() == ActivityBasis.UNKNOWN)
                    .extracting(CredentialEvidence::kind)
                    .containsExactly(CredentialKind.SSH_PUBLIC_KEY, CredentialKind.SIGNING_CERTIFICATE,
                            CredentialKind.SERVICE_SPECIFIC_CREDENTIAL);
        }

        @Test
        void ignoredWhenSwitchedOff() {
            Verdict v = policy(false, Exemptions.defaults()).evaluate(withSsh());
            assertThat(v.outcome()).isEqualTo(Outcome.INACTIVE);
            assertThat(v.driving().kind()).isEqualTo(CredentialKind.CONSOLE_PASSWORD);
            assertThat(v.reason()).contains("ignoring 3");
        }

        @Test
        void activeUserStaysActiveWhateverTheSwitch() {
            IamUser u = user("git", LONG_AGO).password(LONG_AGO, daysAgo(2)).ssh("APKA1", ACTIVE, daysAgo(300))
                    .build();
            assertThat(policy(true, null).evaluate(u).outcome()).isEqualTo(Outcome.ACTIVE);
            assertThat(policy(false, null).evaluate(u).outcome()).isEqualTo(Outcome.ACTIVE);
        }
    }

    @Nested
    class ExemptionsFirst {
        final Users inactive = user("svc-build", LONG_AGO).path("/system/ci/").password(LONG_AGO, daysAgo(90));

        Verdict evaluate(Exemptions exemptions, IamUser u) {
            return policy(true, exemptions).evaluate(u);
        }

        @Test
        void byUserNameGlob() {
            Verdict v = evaluate(new Exemptions(List.of("svc-*"), null, null, null), inactive.build());
            assertThat(v.outcome()).isEqualTo(Outcome.EXEMPT);
            assertThat(v.reason()).contains("svc-*");
            assertThat(v.evidence()).isNotEmpty();
            assertThat(v.driving().kind()).isEqualTo(CredentialKind.CONSOLE_PASSWORD);
            assertThat(evaluate(new Exemptions(List.of("SVC-B?ILD"), null, null, null), inactive.build()).outcome())
                    .as("IAM names are case-insensitive; ? matches one character").isEqualTo(Outcome.EXEMPT);
            assertThat(evaluate(new Exemptions(List.of("svc"), null, null, null), inactive.build()).outcome())
                    .as("a glob matches the whole name").isEqualTo(Outcome.INACTIVE);
            assertThat(evaluate(new Exemptions(List.of("svc.build"), null, null, null),
                    user("svcxbuild", LONG_AGO).build()).outcome())
                    .as("regex characters are literal").isEqualTo(Outcome.INACTIVE);
        }

        @Test
        void byPathPrefix() {
            assertThat(evaluate(new Exemptions(null, List.of("/system/"), null, null), inactive.build()).reason())
                    .contains("/system/ci/").contains("'/system/'");
            assertThat(evaluate(new Exemptions(null, List.of("/system"), null, null), inactive.build()).outcome())
                    .isEqualTo(Outcome.EXEMPT);
            assertThat(evaluate(new Exemptions(null, List.of("/sys"), null, null), inactive.build()).outcome())
                    .as("a prefix means a whole path segment").isEqualTo(Outcome.INACTIVE);
        }

        @Test
        void byDefaultTagKeyWithAnyValue() {
            Verdict v = policy().evaluate(inactive.tags(new Tag("iam-janitor:exempt", "true")).build());
            assertThat(v.outcome()).isEqualTo(Outcome.EXEMPT);
            assertThat(v.reason()).contains("iam-janitor:exempt=true");
        }

        @Test
        void byTagKeyValue() {
            Exemptions e = new Exemptions(null, null, List.of("team=platform"), null);
            assertThat(evaluate(e, inactive.tags(new Tag("team", "platform")).build()).outcome())
                    .isEqualTo(Outcome.EXEMPT);
            assertThat(evaluate(e, inactive.tags(new Tag("team", "web")).build()).outcome())
                    .isEqualTo(Outcome.INACTIVE);
            assertThat(evaluate(e, inactive.tags(new Tag("owner", "platform")).build()).outcome())
                    .isEqualTo(Outcome.INACTIVE);
        }

        @Test
        void byGroup() {
            Exemptions e = new Exemptions(null, null, null, List.of("BreakGlass"));
            Verdict v = evaluate(e, inactive.groups("developers", "breakglass").build());
            assertThat(v.outcome()).isEqualTo(Outcome.EXEMPT);
            assertThat(v.reason()).contains("group breakglass");
            assertThat(evaluate(e, inactive.groups("developers").build()).outcome()).isEqualTo(Outcome.INACTIVE);
        }

        @Test
        void exemptionWinsOverGracePeriodAndActivity() {
            Exemptions e = new Exemptions(List.of("*"), null, null, null);
            assertThat(evaluate(e, user("new", daysAgo(1)).build()).outcome()).isEqualTo(Outcome.EXEMPT);
            assertThat(evaluate(e, user("busy", LONG_AGO).password(LONG_AGO, NOW).build()).outcome())
                    .isEqualTo(Outcome.EXEMPT);
        }
    }
}
