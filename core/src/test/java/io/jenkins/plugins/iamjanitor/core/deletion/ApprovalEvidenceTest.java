package io.jenkins.plugins.iamjanitor.core.deletion;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.iamjanitor.core.model.AccessKey;
import io.jenkins.plugins.iamjanitor.core.model.ConsolePassword;
import io.jenkins.plugins.iamjanitor.core.model.CredentialStatus;
import io.jenkins.plugins.iamjanitor.core.model.IamUser;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApprovalEvidenceTest {
    static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");

    static Instant daysAgo(int days) {
        return NOW.minus(Duration.ofDays(days));
    }

    static IamUser user(ConsolePassword password, AccessKey... keys) {
        return new IamUser("u", "AIDAU", "arn:aws:iam::1:user/u", "/", daysAgo(500), List.of(), List.of(), password,
                List.of(keys), null, null, null, null);
    }

    @Test
    void aDisabledKeyUsedAfterTheActiveCredentialsIsPartOfTheEvidence() {
        IamUser u = user(new ConsolePassword(true, daysAgo(400), daysAgo(90)),
                new AccessKey("AKIAOLD", 0, CredentialStatus.INACTIVE, daysAgo(300), daysAgo(30), "s3", "us-east-1"));

        Instant evidence = ApprovalEvidence.lastSignOfLife(u, daysAgo(90));

        assertThat(evidence).isEqualTo(daysAgo(30));
        assertThat(LiveRecheck.activitySince(u, evidence)).as("the same account passes its own re-check").isEmpty();
        assertThat(LiveRecheck.activitySince(u, daysAgo(90))).as("the verdict's date alone would keep it forever")
                .isPresent();
    }

    @Test
    void aPasswordResetAfterItsLastUseCountsAndNothingMeansNull() {
        IamUser reset = user(new ConsolePassword(true, daysAgo(10), daysAgo(90)));
        assertThat(ApprovalEvidence.lastSignOfLife(reset, daysAgo(90))).isEqualTo(daysAgo(10));
        assertThat(LiveRecheck.activitySince(reset, daysAgo(10))).isEmpty();

        assertThat(ApprovalEvidence.lastSignOfLife(user(null), null)).isNull();
    }
}
