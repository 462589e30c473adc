package io.jenkins.plugins.iamjanitor.core.quarantine;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.iamjanitor.core.activity.ActivityEvent;
import io.jenkins.plugins.iamjanitor.core.activity.ActivityLookup;
import io.jenkins.plugins.iamjanitor.core.deletion.QuarantineState;
import io.jenkins.plugins.iamjanitor.core.deletion.UserSnapshot;
import io.jenkins.plugins.iamjanitor.core.model.AccessKey;
import io.jenkins.plugins.iamjanitor.core.model.CredentialStatus;
import io.jenkins.plugins.iamjanitor.core.model.IamUser;
import io.jenkins.plugins.iamjanitor.core.model.Tag;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The plans (what is left to do, what a release undoes) and the signs that keep a quarantined user. */
class QuarantinePlannerTest {
    private static final Instant SINCE = Instant.parse("2026-11-01T10:00:00Z");

    @Test
    void quarantinePlanPutsTheDenyFirstDeactivatesOnlyActiveKeysAndTagsLast() {
        UserSnapshot s = user(List.of(key("AKIA1", CredentialStatus.ACTIVE), key("AKIA2", CredentialStatus.INACTIVE)),
                true, Map.of(), List.of(new Tag("team", "a")));

        assertThat(QuarantinePlanner.quarantine(s, "r-1", SINCE)).extracting(QuarantineStep::describe).containsExactly(
                "PutUserPolicy(UserName=u, PolicyName=iam-janitor-quarantine-deny-all)",
                "UpdateAccessKey(UserName=u, AKIA1, Status=Inactive)",
                "DeleteLoginProfile(UserName=u)",
                "TagUser(UserName=u, iam-janitor:quarantined-at=2026-11-01T10:00:00Z)",
                "TagUser(UserName=u, iam-janitor:review=r-1)");
    }

    @Test
    void aHalfQuarantinedUserGetsOnlyTheMissingCallsAndKeepsItsQuarantineDate() {
        UserSnapshot s = user(List.of(key("AKIA1", CredentialStatus.INACTIVE), key("AKIA2", CredentialStatus.ACTIVE)),
                false, Map.of(QuarantineMarks.DENY_POLICY_NAME, QuarantineMarks.DENY_ALL_DOCUMENT),
                List.of(new Tag(QuarantineMarks.QUARANTINED_AT_TAG, "2026-10-01T00:00:00Z")));

        assertThat(QuarantinePlanner.quarantine(s, "r-1", SINCE)).extracting(QuarantineStep::describe).containsExactly(
                "UpdateAccessKey(UserName=u, AKIA2, Status=Inactive)", "TagUser(UserName=u, iam-janitor:review=r-1)");
    }

    @Test
    void releaseReactivatesOnlyTheKeysThatWereActiveAndLeavesADenyPolicyThatWasNotOurs() {
        UserSnapshot before = user(List.of(key("AKIA1", CredentialStatus.ACTIVE), key("AKIA2", CredentialStatus.INACTIVE)),
                true, Map.of(QuarantineMarks.DENY_POLICY_NAME, "{\"someone\":\"else\"}"), List.of());
        UserSnapshot now = user(List.of(key("AKIA1", CredentialStatus.INACTIVE),
                key("AKIA2", CredentialStatus.INACTIVE)), false,
                Map.of(QuarantineMarks.DENY_POLICY_NAME, QuarantineMarks.DENY_ALL_DOCUMENT),
                List.of(new Tag(QuarantineMarks.QUARANTINED_AT_TAG, "x"), new Tag(QuarantineMarks.REVIEW_TAG, "r-1")));

        assertThat(QuarantinePlanner.release(before, now)).extracting(QuarantineStep::describe).containsExactly(
                "UpdateAccessKey(UserName=u, AKIA1, Status=Active)",
                "UntagUser(UserName=u, TagKeys=iam-janitor:quarantined-at)",
                "UntagUser(UserName=u, TagKeys=iam-janitor:review)");
    }

    @Test
    void aFailedCallWithADeactivatedKeyANewKeyAndChangedTagsAreSignsButOldUseIsNot() {
        UserSnapshot original = user(List.of(key("AKIA1", CredentialStatus.ACTIVE)), false, Map.of(),
                List.of(new Tag("team", "a")));
        QuarantineState q = new QuarantineState(SINCE, SINCE.plusSeconds(86_400L * 30), "b.json", List.of(), null,
                null);
        var expected = QuarantineSweep.expectedTags(original, q, "r-1");
        UserSnapshot quiet = user(List.of(key("AKIA1", CredentialStatus.INACTIVE)), false,
                Map.of(QuarantineMarks.DENY_POLICY_NAME, QuarantineMarks.DENY_ALL_DOCUMENT), new ArrayList<>(expected));
        IamUser live = new IamUser("u", "AIDA1", null, "/", SINCE.minusSeconds(1_000_000), null, null, null,
                List.of(new AccessKey("AKIA1", 0, CredentialStatus.INACTIVE, SINCE.minusSeconds(900_000),
                        SINCE.minusSeconds(100), "s3", "us-east-1")), null, null, null, null);
        ActivityLookup none = new ActivityLookup("u", List.of(new ActivityEvent("e0", SINCE.minusSeconds(50),
                "ListBuckets", "s3.amazonaws.com", "us-east-1", null, null, "AKIA1", null, "u", null, null)), Map.of());

        assertThat(QuarantineSigns.of(original, quiet, live, none, SINCE, expected)).isEmpty();

        ActivityLookup refused = new ActivityLookup("u", List.of(new ActivityEvent("e1", SINCE.plusSeconds(60),
                "GetUser", "iam.amazonaws.com", "us-east-1", "10.0.0.1", null, "AKIA1", "InvalidClientTokenId", "u",
                null, null)), Map.of());
        assertThat(QuarantineSigns.of(original, quiet, live, refused, SINCE, expected)).singleElement().asString()
                .contains("GetUser", "AKIA1", "refused: InvalidClientTokenId");

        List<Tag> retagged = new ArrayList<>(expected);
        retagged.add(new Tag("owner", "bob"));
        UserSnapshot busy = user(List.of(key("AKIA1", CredentialStatus.INACTIVE), key("AKIA9", CredentialStatus.ACTIVE)),
                false, Map.of(), retagged);
        assertThat(QuarantineSigns.of(original, busy, live, none, SINCE, expected)).containsExactly(
                "new access key AKIA9 created at " + SINCE.minusSeconds(900_000),
                "the deny-all policy iam-janitor-quarantine-deny-all was removed or changed",
                "tags changed: +owner=bob");
    }

    private static AccessKey key(String id, CredentialStatus status) {
        return new AccessKey(id, 0, status, SINCE.minusSeconds(900_000), null, null, null);
    }

    private static UserSnapshot user(List<AccessKey> keys, boolean login, Map<String, String> inline, List<Tag> tags) {
        return new UserSnapshot("u", "AIDA1", "arn:aws:iam::1:user/u", "/", SINCE.minusSeconds(1_000_000), tags, null,
                List.of(), List.of(), new HashMap<>(inline), login, keys, List.of(), List.of(), List.of(), List.of());
    }
}
