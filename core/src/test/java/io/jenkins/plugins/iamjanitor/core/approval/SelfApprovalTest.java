package io.jenkins.plugins.iamjanitor.core.approval;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.iamjanitor.core.approval.DecisionResult.Status;
import io.jenkins.plugins.iamjanitor.core.model.IamUser;
import io.jenkins.plugins.iamjanitor.core.model.Tag;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Issue 14 item 3: self-approval is caught beyond exact identity tags. */
class SelfApprovalTest {
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private final ReviewDecisions registry = new ReviewDecisions(Clock.fixed(NOW, ZoneOffset.UTC));

    private static IamUser user(String name, Tag... tags) {
        return new IamUser(name, null, null, "/", NOW, List.of(tags), List.of(), null, null, null, null, null, null);
    }

    private Status decide(IamUser user, Approver approver) {
        registry.open(new ReviewSpec("r-" + user.userName(), "slack:C1", List.of(Candidate.of(user)),
                Set.of(approver.id())));
        return registry.decide("r-" + user.userName(), user.userName(), Decision.KEEP, approver).status();
    }

    @Test
    void anIamUserNamedAfterTheApproversEmailLocalPartIsTheirs() {
        assertThat(decide(user("carol"), new Approver("U3", "Carol C", "Carol@example.com")))
                .isEqualTo(Status.SELF_APPROVAL);
    }

    @Test
    void anIamUserNamedAfterTheApproversHandleIsTheirs() {
        assertThat(decide(user("dave.ops"), new Approver("U4", "Dave", null, "Dave.Ops")))
                .isEqualTo(Status.SELF_APPROVAL);
    }

    @Test
    void aSlackIdTagInAnotherCaseStillMatches() {
        assertThat(decide(user("svc-erin", new Tag("Slack-User-Id", "u0erin")), new Approver("U0ERIN", null, null)))
                .isEqualTo(Status.SELF_APPROVAL);
    }

    @Test
    void anEmailInAnOwnerTagMatchesTheApproversEmail() {
        assertThat(decide(user("build-bot", new Tag("owner", "Frank@Example.com")),
                new Approver("U6", "F", "frank@example.com"))).isEqualTo(Status.SELF_APPROVAL);
    }

    @Test
    void anotherPersonMayStillDecide() {
        assertThat(decide(user("build-bot", new Tag("owner", "frank@example.com"), new Tag("team", "ci")),
                new Approver("U7", "Gina", "gina@example.com", "gina"))).isEqualTo(Status.RECORDED);
    }

    @Test
    void aCandidateWithoutAnyIdentityTagHasAnUnknownOwner() {
        assertThat(Candidate.of(user("legacy-deploy", new Tag("team", "web"))).ownerKnown()).isFalse();
        assertThat(Candidate.of(user("legacy-deploy", new Tag("Owner", "web-team@example.com"))).ownerKnown())
                .isTrue();
        assertThat(Candidate.of(user("hugo@example.com")).ownerKnown()).isTrue();
    }
}
