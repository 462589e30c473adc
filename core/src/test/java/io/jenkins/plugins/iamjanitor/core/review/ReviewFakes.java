package io.jenkins.plugins.iamjanitor.core.review;

import io.jenkins.plugins.iamjanitor.core.activity.ActivityEvent;
import io.jenkins.plugins.iamjanitor.core.activity.ActivityLookup;
import io.jenkins.plugins.iamjanitor.core.activity.ActivityQuery;
import io.jenkins.plugins.iamjanitor.core.approval.ApprovalHandle;
import io.jenkins.plugins.iamjanitor.core.approval.ApprovalOutcome;
import io.jenkins.plugins.iamjanitor.core.approval.ApprovalRecord;
import io.jenkins.plugins.iamjanitor.core.approval.ApprovalRequest;
import io.jenkins.plugins.iamjanitor.core.approval.Decision;
import io.jenkins.plugins.iamjanitor.core.approval.UserDecision;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionAction;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionResult;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionStatus;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionStep;
import io.jenkins.plugins.iamjanitor.core.doc.Document;
import io.jenkins.plugins.iamjanitor.core.model.AccessKey;
import io.jenkins.plugins.iamjanitor.core.model.ConsolePassword;
import io.jenkins.plugins.iamjanitor.core.model.CredentialStatus;
import io.jenkins.plugins.iamjanitor.core.model.IamUser;
import io.jenkins.plugins.iamjanitor.core.model.Tag;
import io.jenkins.plugins.iamjanitor.core.policy.ActivityBasis;
import io.jenkins.plugins.iamjanitor.core.policy.CredentialEvidence;
import io.jenkins.plugins.iamjanitor.core.policy.CredentialKind;
import io.jenkins.plugins.iamjanitor.core.policy.Outcome;
import io.jenkins.plugins.iamjanitor.core.policy.Verdict;
import io.jenkins.plugins.iamjanitor.core.port.AccessKeyIds;
import io.jenkins.plugins.iamjanitor.core.port.ActivityLog;
import io.jenkins.plugins.iamjanitor.core.port.ApprovalChannel;
import io.jenkins.plugins.iamjanitor.core.port.ProgressListener;
import io.jenkins.plugins.iamjanitor.core.port.ReportStore;
import io.jenkins.plugins.iamjanitor.core.port.ReviewStore;
import io.jenkins.plugins.iamjanitor.core.port.TicketTracker;
import io.jenkins.plugins.iamjanitor.core.scan.ScanResult;
import io.jenkins.plugins.iamjanitor.core.ticket.ReviewTicket;
import io.jenkins.plugins.iamjanitor.core.ticket.TicketRef;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** In-memory doubles of the ports a review drives; core has no protocol to test through. */
final class ReviewFakes {
    static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    private ReviewFakes() {
    }

    static Verdict verdict(String name, Outcome outcome, long daysInactive) {
        Instant last = NOW.minus(Duration.ofDays(daysInactive));
        IamUser user = new IamUser(name, "AIDA" + name.toUpperCase(), "arn:aws:iam::123456789012:user/" + name, "/",
                NOW.minus(Duration.ofDays(400)), List.of(new Tag("team", "blue")), List.of("developers"),
                new ConsolePassword(true, NOW.minus(Duration.ofDays(300)), last),
                List.of(new AccessKey("AKIA" + name.toUpperCase(), 0, CredentialStatus.ACTIVE,
                        NOW.minus(Duration.ofDays(300)), last.minus(Duration.ofDays(3)), "iam", "us-east-1")),
                List.of(), List.of(), List.of(), List.of());
        List<CredentialEvidence> evidence = List.of(
                new CredentialEvidence(CredentialKind.CONSOLE_PASSWORD, null, ActivityBasis.LAST_USED, last, true,
                        "console sign-in"),
                new CredentialEvidence(CredentialKind.ACCESS_KEY, "AKIA" + name.toUpperCase(), ActivityBasis.LAST_USED,
                        last.minus(Duration.ofDays(3)), true, "last used iam in us-east-1"));
        return new Verdict(user, outcome, outcome + " for " + daysInactive + " days", NOW, last, daysInactive,
                evidence.get(0), evidence);
    }

    static ScanResult scan(Verdict... verdicts) {
        return new ScanResult(NOW, List.of(verdicts));
    }

    static UserDecision decide(String user, Decision decision) {
        return new UserDecision(user, decision, "U123", "Alice Approver", NOW.plusSeconds(60), "slack:C42");
    }

    static class Approvals implements ApprovalChannel {
        final List<ApprovalRequest> posted = new ArrayList<>();
        int awaits;
        ApprovalOutcome outcome;

        Approvals(List<UserDecision> decisions, boolean timedOut) {
            this.outcome = new ApprovalOutcome("set-on-post", decisions, timedOut);
        }

        @Override
        public ApprovalHandle post(ApprovalRequest request) {
            posted.add(request);
            return new ApprovalHandle(request.reviewId(), "slack:C42", List.of("1700000000.000100"));
        }

        @Override
        public ApprovalOutcome await(ApprovalHandle handle, Duration timeout) {
            awaits++;
            return new ApprovalOutcome(handle.reviewId(), outcome.decisions(), outcome.timedOut());
        }
    }

    static class Tickets implements TicketTracker {
        final Map<String, ReviewTicket> created = new LinkedHashMap<>();
        final List<String> comments = new ArrayList<>();
        final List<Document> commentDocs = new ArrayList<>();
        final List<String> transitions = new ArrayList<>();
        int openCalls;

        @Override
        public TicketRef openOrFind(ReviewTicket ticket) {
            openCalls++;
            for (Map.Entry<String, ReviewTicket> e : created.entrySet()) {
                if (e.getValue().reviewId().equals(ticket.reviewId())) {
                    return new TicketRef(e.getKey(), "https://jira.example/browse/" + e.getKey(), false);
                }
            }
            String key = "SEC-" + (created.size() + 1);
            created.put(key, ticket);
            return new TicketRef(key, "https://jira.example/browse/" + key, true);
        }

        @Override
        public void comment(String ticketKey, Document comment) {
            comments.add(ticketKey);
            commentDocs.add(comment);
        }

        @Override
        public void transition(String ticketKey, String statusName) {
            transitions.add(ticketKey + "->" + statusName);
        }
    }

    /** IAM's access key ids now, per user; records each call. Users it does not know have no keys. */
    static final class KeyIds implements AccessKeyIds {
        final Map<String, List<String>> ids = new HashMap<>();
        final List<List<String>> calls = new ArrayList<>();

        @Override
        public List<List<String>> read(List<String> userNames, ProgressListener progress) {
            calls.add(List.copyOf(userNames));
            return userNames.stream().map(u -> ids.getOrDefault(u, List.<String>of())).toList();
        }
    }

    static final class Activity implements ActivityLog {
        final List<ActivityQuery> queries = new ArrayList<>();
        /** Extra events per user, e.g. a use after the evidence the approval was based on. */
        final Map<String, List<ActivityEvent>> extra = new HashMap<>();

        @Override
        public ActivityLookup lookup(ActivityQuery query) {
            queries.add(query);
            // At the start of the window: never newer than the evidence of any verdict here.
            ActivityEvent login = new ActivityEvent("ev-" + query.userName(), query.since(),
                    "ConsoleLogin", "signin.amazonaws.com", "us-east-1", "198.51.100.7", "Mozilla", null, null,
                    query.userName(), "Success", true);
            List<ActivityEvent> events = new ArrayList<>(extra.getOrDefault(query.userName(), List.of()));
            events.add(login);
            return new ActivityLookup(query.userName(), events, Map.of());
        }

        @Override
        public List<ActivityLookup> lookupAll(List<ActivityQuery> all, ProgressListener progress) {
            return all.stream().map(this::lookup).toList();
        }
    }

    /** Deletes (or plans) whatever it is given, unless told the user was used since or should crash. */
    static class Deleter implements ReviewPorts.Deletion {
        final List<ApprovalRecord> calls = new ArrayList<>();
        final boolean dryRun;
        Set<String> usedSince = Set.of();
        String crashOn;

        Deleter(boolean dryRun) {
            this.dryRun = dryRun;
        }

        @Override
        public List<DeletionResult> delete(List<ApprovalRecord> approvals, ProgressListener progress) {
            List<DeletionResult> results = new ArrayList<>();
            for (ApprovalRecord a : approvals) {
                if (a.userName().equals(crashOn)) {
                    crashOn = null;
                    throw new IllegalStateException("simulated crash while deleting " + a.userName());
                }
                calls.add(a);
                List<DeletionStep> plan = List.of(new DeletionStep(DeletionAction.DELETE_USER, a.userName(), null));
                if (usedSince.contains(a.userName())) {
                    results.add(new DeletionResult(a.userName(), DeletionStatus.KEPT, "used since the evidence",
                            null, List.of()));
                } else if (dryRun) {
                    results.add(new DeletionResult(a.userName(), DeletionStatus.PLANNED, null, null, plan));
                } else {
                    results.add(new DeletionResult(a.userName(), DeletionStatus.DELETED, null,
                            "/backups/" + a.userName() + ".json", plan));
                }
            }
            return results;
        }
    }

    static final class Store implements ReviewStore {
        final Map<String, ReviewRecord> records = new LinkedHashMap<>();
        int saves;

        @Override
        public void save(ReviewRecord record) {
            saves++;
            records.put(record.reviewId(), record);
        }

        @Override
        public Optional<ReviewRecord> load(String reviewId) {
            return Optional.ofNullable(records.get(reviewId));
        }

        @Override
        public List<ReviewRecord> list() {
            return List.copyOf(records.values());
        }
    }

    static final class Reports implements ReportStore {
        final List<ReviewRecord> written = new ArrayList<>();

        @Override
        public List<String> write(ReviewRecord record) {
            written.add(record);
            return List.of("/reports/" + record.reviewId() + ".html");
        }
    }
}
