package io.jenkins.plugins.iamjanitor.integrations.review;

import io.jenkins.plugins.iamjanitor.core.activity.ActivityEvent;
import io.jenkins.plugins.iamjanitor.core.activity.ActivityLookup;
import io.jenkins.plugins.iamjanitor.core.approval.ApprovalHandle;
import io.jenkins.plugins.iamjanitor.core.approval.ApprovalOutcome;
import io.jenkins.plugins.iamjanitor.core.approval.Decision;
import io.jenkins.plugins.iamjanitor.core.approval.UserDecision;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionAction;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionResult;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionStatus;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionStep;
import io.jenkins.plugins.iamjanitor.core.model.AccessKey;
import io.jenkins.plugins.iamjanitor.core.model.ConsolePassword;
import io.jenkins.plugins.iamjanitor.core.model.CredentialStatus;
import io.jenkins.plugins.iamjanitor.core.model.IamUser;
import io.jenkins.plugins.iamjanitor.core.model.MfaDevice;
import io.jenkins.plugins.iamjanitor.core.model.Tag;
import io.jenkins.plugins.iamjanitor.core.policy.ActivityBasis;
import io.jenkins.plugins.iamjanitor.core.policy.CredentialEvidence;
import io.jenkins.plugins.iamjanitor.core.policy.CredentialKind;
import io.jenkins.plugins.iamjanitor.core.policy.Outcome;
import io.jenkins.plugins.iamjanitor.core.policy.Verdict;
import io.jenkins.plugins.iamjanitor.core.review.EvidenceSummary;
import io.jenkins.plugins.iamjanitor.core.review.GateDecision;
import io.jenkins.plugins.iamjanitor.core.review.ReviewRecord;
import io.jenkins.plugins.iamjanitor.core.review.ReviewStage;
import io.jenkins.plugins.iamjanitor.core.review.ReviewStatus;
import io.jenkins.plugins.iamjanitor.core.review.ScanSummary;
import io.jenkins.plugins.iamjanitor.core.scan.ScanResult;
import io.jenkins.plugins.iamjanitor.core.ticket.TicketRef;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A review record with every field filled, built stage by stage the way the workflow does. */
final class SampleRecords {
    static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    private SampleRecords() {
    }

    static Verdict verdict(String name, long days) {
        Instant last = NOW.minus(Duration.ofDays(days));
        IamUser u = new IamUser(name, "AIDA" + name.toUpperCase(), "arn:aws:iam::123456789012:user/" + name,
                "/people/", NOW.minus(Duration.ofDays(500)), List.of(new Tag("team", "blue")), List.of("devs"),
                new ConsolePassword(true, NOW.minus(Duration.ofDays(400)), last),
                List.of(new AccessKey("AKIA" + name.toUpperCase(), 0, CredentialStatus.ACTIVE,
                        NOW.minus(Duration.ofDays(400)), null, null, null)),
                List.of(), List.of(), List.of(), List.of(new MfaDevice("arn:aws:iam::123456789012:mfa/" + name,
                        NOW.minus(Duration.ofDays(300)), true)));
        List<CredentialEvidence> ev = List.of(
                new CredentialEvidence(CredentialKind.CONSOLE_PASSWORD, null, ActivityBasis.LAST_USED, last, true,
                        "console sign-in"),
                new CredentialEvidence(CredentialKind.ACCESS_KEY, "AKIA" + name.toUpperCase(),
                        ActivityBasis.CREATED_NEVER_USED, NOW.minus(Duration.ofDays(400)), true, "never used"));
        return new Verdict(u, Outcome.INACTIVE, "inactive " + days + " days", NOW, last, days, ev.get(0), ev);
    }

    static ReviewRecord inProgress(String id, Instant started) {
        return ReviewRecord.start(id, "123456789012", false, started)
                .withScan(ScanSummary.of(new ScanResult(NOW, List.of(verdict("alice", 40), verdict("bob", 50)))),
                        List.of(verdict("alice", 40), verdict("bob", 50)), NOW)
                .withApprovalHandle(new ApprovalHandle(id, "slack:C42", List.of("1700.0001")), NOW)
                .withApproval(new ApprovalOutcome(id, List.of(
                        new UserDecision("alice", Decision.APPROVE, "U1", "Ann", NOW, "slack:C42"),
                        new UserDecision("bob", Decision.KEEP, "U1", "Ann", NOW, "slack:C42")), false), NOW);
    }

    static ReviewRecord completed(String id) {
        ActivityEvent login = new ActivityEvent("e1", NOW.minus(Duration.ofDays(41)), "ConsoleLogin",
                "signin.amazonaws.com", "eu-west-1", "198.51.100.7", "Mozilla/5.0", null, null, "alice", "Success",
                Boolean.TRUE);
        EvidenceSummary ev = EvidenceSummary.of(new ActivityLookup("alice", List.of(login),
                Map.of("ap-south-1", "CloudTrail LookupEvents failed (AccessDenied): no")), NOW.minus(Duration.ofDays(90)),
                NOW.minus(Duration.ofDays(40)));
        ReviewRecord r = inProgress(id, NOW)
                .withTicket(new TicketRef("SEC-7", "https://jira.example/browse/SEC-7", true), NOW)
                .withEvidence(List.of(ev), NOW)
                .withGate(new GateDecision(true, "ops", NOW, null), NOW)
                .withDeletion(new DeletionResult("alice", DeletionStatus.DELETED, null, "/backups/alice.json",
                        List.of(new DeletionStep(DeletionAction.DELETE_LOGIN_PROFILE, "alice", null),
                                new DeletionStep(DeletionAction.DELETE_USER, "alice", null))), NOW)
                .atStage(ReviewStage.TICKET_TRANSITIONED, NOW)
                .withNote("a note", NOW);
        return r.finish(ReviewStatus.COMPLETED, NOW);
    }
}
