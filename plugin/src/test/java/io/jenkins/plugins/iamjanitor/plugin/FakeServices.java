package io.jenkins.plugins.iamjanitor.plugin;

import io.jenkins.plugins.iamjanitor.core.port.ActivityLog;
import io.jenkins.plugins.iamjanitor.core.port.ApprovalChannel;
import io.jenkins.plugins.iamjanitor.core.port.BackupStore;
import io.jenkins.plugins.iamjanitor.core.port.IamDirectory;
import io.jenkins.plugins.iamjanitor.core.port.IamUserAdmin;
import io.jenkins.plugins.iamjanitor.core.port.TicketTracker;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Test doubles behind {@link JanitorServices}; each port is a fake the test installs. */
final class FakeServices implements JanitorServices {
    static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    JanitorDefaults defaults = new JanitorDefaults(new AwsTarget(null, "us-east-1", null, null), 21,
            "iam-janitor:exempt", 10, "#iam-reviews", List.of("U0APPROVER"), "SEC", "Task");
    IamDirectory directory;
    IamUserAdmin admin;
    ActivityLog activityLog;
    ApprovalChannel approvalChannel;
    TicketTracker tracker;
    BackupStore backups;
    Path artifacts;
    final List<String> secrets = new ArrayList<>();
    final List<AwsTarget> awsTargets = new ArrayList<>();
    final List<String> trackerProjects = new ArrayList<>();
    final ManualScheduler scheduler = new ManualScheduler();
    final RecordingRegistry reviews = new RecordingRegistry();
    /** When set (end-to-end tests), used instead of the recording registry. */
    ReviewRegistry registry;
    Path backupDirectory;

    void advance(Duration d) {
        clock = Clock.fixed(clock.instant().plus(d), ZoneOffset.UTC);
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public JanitorDefaults defaults() {
        return defaults;
    }

    @Override
    public IamDirectory iamDirectory(AwsTarget target) {
        awsTargets.add(target);
        return directory;
    }

    @Override
    public IamUserAdmin iamUserAdmin(AwsTarget target) {
        return admin;
    }

    @Override
    public ActivityLog activityLog(AwsTarget target) {
        return activityLog;
    }

    @Override
    public ApprovalChannel approvalChannel() {
        return approvalChannel;
    }

    @Override
    public ReviewRegistry reviews() {
        return registry != null ? registry : reviews;
    }

    @Override
    public TimeoutScheduler scheduler() {
        return scheduler;
    }

    @Override
    public TicketTracker ticketTracker(String projectKey, String issueType) {
        trackerProjects.add(projectKey + "/" + issueType);
        return tracker;
    }

    @Override
    public BackupStore backupStore(Path directory) {
        backupDirectory = directory;
        return backups;
    }

    @Override
    public Path artifactsDir() {
        return artifacts;
    }

    @Override
    public String buildUrl() {
        return "https://jenkins.example.com/job/iam-janitor/7/";
    }

    @Override
    public List<String> secrets() {
        return secrets;
    }

    /** Holds scheduled tasks until the test fires them. */
    static final class ManualScheduler implements TimeoutScheduler {
        final List<Runnable> pending = new ArrayList<>();
        final List<Duration> delays = new ArrayList<>();
        int cancelled;

        @Override
        public Runnable schedule(Duration delay, Runnable task) {
            pending.add(task);
            delays.add(delay);
            return () -> {
                cancelled++;
                pending.remove(task);
            };
        }

        void fireAll() {
            new ArrayList<>(pending).forEach(Runnable::run);
        }
    }

    static final class RecordingRegistry implements ReviewRegistry {
        final List<String> events = new ArrayList<>();
        /** Decisions the registry already holds (e.g. a click that came before the step could be reached). */
        final List<io.jenkins.plugins.iamjanitor.core.approval.UserDecision> recorded = new ArrayList<>();

        @Override
        public List<io.jenkins.plugins.iamjanitor.core.approval.UserDecision> decisions(String reviewId) {
            return recorded.stream().filter(d -> d.channel().contains("C0123REVIEW")).toList();
        }

        @Override
        public void resume(io.jenkins.plugins.iamjanitor.core.approval.ApprovalRequest request,
                io.jenkins.plugins.iamjanitor.core.approval.ApprovalHandle handle,
                List<io.jenkins.plugins.iamjanitor.core.approval.UserDecision> earlier) {
            events.add("resume " + handle.reviewId() + " " + handle.channel() + " " + handle.messageIds() + " "
                    + request.candidates().stream().map(v -> v.user().userName()).toList() + " "
                    + request.approvers() + " " + request.channel() + " earlier=" + earlier.size());
        }

        @Override
        public boolean recordElsewhere(String reviewId, io.jenkins.plugins.iamjanitor.core.approval.UserDecision d) {
            events.add("elsewhere " + reviewId + " " + d.userName());
            return true;
        }

        @Override
        public void refresh(String reviewId) {
            events.add("refresh " + reviewId);
        }

        @Override
        public void close(String reviewId) {
            events.add("close " + reviewId);
        }
    }
}
