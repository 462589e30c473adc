package io.jenkins.plugins.iamjanitor.plugin;

import hudson.Extension;
import hudson.ExtensionList;
import hudson.init.Terminator;
import hudson.util.DaemonThreadFactory;
import hudson.util.NamingThreadFactory;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The controller-wide side of paused {@code slackAskApproval} steps: which step waits for which review (so a click is
 * routed to the one build that owns it) and the plugin's own threads for everything that may touch the network or
 * wait (posting to Slack, click handling, closing a review, timeouts). Never the CPS VM thread, and not
 * {@code jenkins.util.Timer}, which is shared by all of Jenkins and meant for short tasks.
 */
@Extension
public class ApprovalWaits {
    private static final Logger LOGGER = Logger.getLogger(ApprovalWaits.class.getName());

    private final Map<String, ApprovalStepExecution> waiting = new ConcurrentHashMap<>();
    private final ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(2,
            new NamingThreadFactory(new DaemonThreadFactory(), "IAM Janitor approvals"));

    public ApprovalWaits() {
        executor.setRemoveOnCancelPolicy(true);
    }

    public static ApprovalWaits get() {
        return ExtensionList.lookupSingleton(ApprovalWaits.class);
    }

    void register(String reviewId, ApprovalStepExecution execution) {
        waiting.put(reviewId, execution);
    }

    void unregister(String reviewId, ApprovalStepExecution execution) {
        waiting.remove(reviewId, execution);
    }

    /** The paused step that owns this review, or null when none waits for it (any more, or not yet resumed). */
    ApprovalStepExecution waitingFor(String reviewId) {
        return reviewId == null ? null : waiting.get(reviewId);
    }

    ScheduledExecutorService executor() {
        return executor;
    }

    /** Runs the task on the approval threads after the delay; a failure is logged, never lost silently. */
    TimeoutScheduler scheduler() {
        return (delay, task) -> {
            ScheduledFuture<?> f = executor.schedule(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOGGER.log(Level.WARNING, "IAM Janitor: an approval task failed", e);
                }
            }, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
            return () -> f.cancel(false);
        };
    }

    /** At shutdown: stop the Socket Mode client and the approval threads (paused steps resume after the restart). */
    @Terminator
    public static void shutdown() {
        ExtensionList<ApprovalWaits> all = ExtensionList.lookup(ApprovalWaits.class);
        ExtensionList<SlackRuntime> slack = ExtensionList.lookup(SlackRuntime.class);
        if (!slack.isEmpty()) {
            slack.get(0).socketMode().stop();
        }
        if (!all.isEmpty()) {
            all.get(0).executor.shutdownNow();
        }
    }
}
