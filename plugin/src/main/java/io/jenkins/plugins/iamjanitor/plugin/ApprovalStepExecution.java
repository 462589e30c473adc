package io.jenkins.plugins.iamjanitor.plugin;

import hudson.AbortException;
import hudson.model.Run;
import io.jenkins.plugins.iamjanitor.core.approval.ApprovalHandle;
import io.jenkins.plugins.iamjanitor.core.approval.Decision;
import io.jenkins.plugins.iamjanitor.core.approval.DecisionResult;
import io.jenkins.plugins.iamjanitor.core.approval.DecisionResult.Status;
import io.jenkins.plugins.iamjanitor.core.approval.UserDecision;
import io.jenkins.plugins.iamjanitor.core.review.ReviewRecord;
import io.jenkins.plugins.iamjanitor.plugin.review.BuildReview;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * The paused {@code slackAskApproval}. {@link #start()} only validates, registers the wait and returns false: posting
 * to Slack, clicks, timeouts and closing run on {@link ApprovalWaits}' threads, never on the CPS VM thread. Each
 * decision (Slack click or Jenkins page) is written into the build's review record as it arrives, first one per user
 * standing, so neither a restart nor a crash loses it; the step state only holds the channels and the deadline.
 */
public final class ApprovalStepExecution extends JanitorStepExecution {
    private static final long serialVersionUID = 1L;
    private final transient SlackAskApprovalStep step;
    private transient Runnable cancelTimeout;
    private ApprovalWait wait;

    ApprovalStepExecution(SlackAskApprovalStep step, StepContext context, JanitorServices services) {
        super(context, services);
        this.step = step;
    }

    @Override
    public boolean start() throws Exception {
        BuildLog log = log();
        return StepFailures.oneLine("slackAskApproval", log, () -> {
            BuildReview review = review(step.getReview());
            ReviewRecord record = review.record();
            int timeout = StepArguments.positive("timeoutMinutes", step.getTimeoutMinutes(),
                    SlackAskApprovalStep.DEFAULT_TIMEOUT_MINUTES, 30 * 24 * 60);
            IamJanitorConfiguration c = IamJanitorConfiguration.get();
            // Channel and approvers as recorded with the review's policy (issue 15); arguments only narrow.
            ScopedSettings scoped = new ScopedSettings(review.scope(), services().defaults());
            ApprovalWait planned = ApprovalWait.plan(record.reviewId(),
                    new ApprovalWait.Configured(c.getSlackBotTokenCredentialsId() != null, scoped.slackChannel(null),
                            scoped.approvers(), IamJanitorConfiguration.split(c.getJenkinsApprovers())),
                    new ApprovalWait.Asked(step.getChannels(), step.getChannel() == null ? null
                            : scoped.slackChannel(step.getChannel()), step.getApprovers(), step.getJenkinsApprovers(),
                            ExemptUsers.withMessage(step.getMessage(), record)),
                    services().buildUrl(), services().clock().instant().plus(Duration.ofMinutes(timeout)));
            if (record.candidates().isEmpty()) {
                log.progress("Nothing to approve: the review has no flagged users");
                getContext().onSuccess(ApprovalRecords.result(ApprovalRecords.finished(record, false,
                        services().clock().instant())));
                return true;
            }
            synchronized (this) {
                wait = planned;
            }
            ApprovalWaits.get().register(record.reviewId(), this);
            log.progress("Asking for approval of " + record.candidates().size() + " user(s) (review "
                    + record.reviewId() + ") in " + planned.channelsText() + " until " + planned.deadline());
            ApprovalWaits.get().scheduler().schedule(Duration.ZERO, this::open);
            return false;
        });
    }

    private BuildReview review(Object argument) throws Exception {
        return BuildReview.resolve(getContext().get(Run.class), argument);
    }

    BuildReview review() {
        try {
            return review(wait.reviewId());
        } catch (Exception e) {
            throw new IllegalStateException("cannot reach review " + wait.reviewId() + ": " + e.getMessage(), e);
        }
    }

    /** On the approval threads: posts to Slack (when asked to), then waits for clicks and the deadline. */
    private void open() {
        ApprovalWait w = wait;
        if (w == null || w.finished()) {
            return;
        }
        if (w.slack() && w.handle() == null) {
            try {
                ReviewRecord record = review().record();
                ApprovalHandle handle = services().approvalChannel().post(w.request(record.accountId(),
                        review().accountAlias(), record.candidates()));
                synchronized (this) {
                    w.posted(handle);
                }
                review().update(r -> r.withApprovalHandle(handle, services().clock().instant()));
                saveState();
                progress("Asked in Slack " + handle.channel() + " (" + handle.messageIds().size() + " message(s))");
            } catch (RuntimeException e) {
                if (w.jenkinsApprovers().isEmpty()) {
                    fail("could not ask in Slack: " + e.getMessage());
                    return;
                }
                progress("Could not ask in Slack (" + e.getMessage() + "); approvers can still decide on the build's "
                        + "IAM review page");
            }
        }
        catchUp();
        checkTimeout();
        armTimeout();
    }

    /** A decision from either channel. Ignored when the wait is over or the user already has one. */
    synchronized DecisionResult record(UserDecision d) {
        if (wait == null || wait.finished()) {
            return new DecisionResult(Status.CLOSED, List.of(), "This review is no longer waiting; nothing changed.");
        }
        BuildReview review = review();
        ReviewRecord before = review.record();
        if (before.candidate(d.userName()).isEmpty()) {
            return new DecisionResult(Status.UNKNOWN_USER, List.of(), d.userName() + " is not part of this review.");
        }
        if (!ApprovalRecords.accepts(before, d)) {
            return new DecisionResult(Status.ALREADY_DECIDED, List.of(), "Already decided; the first decision stands.");
        }
        ReviewRecord after = review.update(r -> ApprovalRecords.accepts(r, d)
                ? ApprovalRecords.withDecision(r, d, services().clock().instant()) : r);
        saveState();
        progress(d.approverName() + " (" + d.channel() + ") chose " + d.decision() + " for " + d.userName());
        if (ApprovalRecords.allDecided(after)) {
            finish(false);
        }
        return new DecisionResult(Status.RECORDED, List.of(d), "Recorded.");
    }

    /** A click on the build's IAM review page; see {@link JenkinsDecisions}. */
    DecisionResult decideInJenkins(String userName, Decision decision, JenkinsApprover who) {
        return new JenkinsDecisions(this, wait, services()).decide(userName, decision, who);
    }

    /** Picks up clicks the Slack registry recorded before this step could be reached. */
    private void catchUp() {
        ApprovalWait w = wait;
        if (w == null || !w.slack()) {
            return;
        }
        slackQuietly(() -> services().reviews().decisions(w.reviewId()).forEach(this::record));
    }

    /** Ends the wait when the deadline has passed. Safe to call at any time. */
    void checkTimeout() {
        ApprovalWait w = wait;
        if (w != null && !w.finished() && !services().clock().instant().isBefore(w.deadline())) {
            catchUp();
            synchronized (this) {
                if (!w.finished()) {
                    progress("Approval timed out; users without a decision are not approved");
                    finish(true);
                }
            }
        }
    }

    /** Ends the wait (holding this execution's lock): records the outcome, closes Slack, completes the step. */
    private synchronized void finish(boolean timedOut) {
        wait.finish();
        ReviewRecord record = review().update(r -> ApprovalRecords.finished(r, timedOut,
                services().clock().instant()));
        saveState();
        end();
        Map<String, Object> result = ApprovalRecords.result(record);
        progress("Approval finished: approved " + result.get("approved") + ", kept " + result.get("kept")
                + ", undecided " + result.get("undecided"));
        getContext().onSuccess(result);
    }

    private void fail(String problem) {
        synchronized (this) {
            wait.finish();
        }
        end();
        progress("FAILED slackAskApproval: " + problem);
        getContext().onFailure(new AbortException("slackAskApproval: " + problem));
    }

    /** No more decisions: forget the route, stop the timer, mark the Slack messages closed (in the background). */
    private void end() {
        ApprovalWait w = wait;
        ApprovalWaits.get().unregister(w.reviewId(), this);
        disarm();
        if (w.slack()) {
            ApprovalWaits.get().scheduler().schedule(Duration.ZERO,
                    () -> slackQuietly(() -> services().reviews().close(w.reviewId())));
        }
    }

    @Override
    public void onResume() {
        ApprovalWait w = wait;
        if (w == null || w.finished()) {
            return;
        }
        ApprovalWaits.get().register(w.reviewId(), this);
        ApprovalWaits.get().scheduler().schedule(Duration.ZERO, () -> {
            if (w.slack() && w.handle() != null) {
                ReviewRecord record = review().record();
                List<UserDecision> kept = record.approval() == null ? List.of() : record.approval().decisions();
                // Slack's own decisions re-open the review (they carry its channel label); the page's are added after.
                slackQuietly(() -> {
                    services().reviews().resume(w.request(record.accountId(), review().accountAlias(),
                            record.candidates()), w.handle(),
                            kept.stream().filter(d -> !JenkinsApprover.CHANNEL.equals(d.channel())).toList());
                    kept.stream().filter(d -> JenkinsApprover.CHANNEL.equals(d.channel()))
                            .forEach(d -> services().reviews().recordElsewhere(w.reviewId(), d));
                });
            }
            int kept = review().record().approval() == null ? 0 : review().record().approval().decisions().size();
            progress("Resumed waiting for approval (review " + w.reviewId() + ", " + kept + " decision(s) kept)");
            open();
        });
    }

    @Override
    public void stop(Throwable cause) throws Exception {
        boolean ending = false;
        synchronized (this) {
            if (wait != null && !wait.finished()) {
                wait.finish();
                ending = true;
            }
        }
        if (ending) {
            review().update(r -> ApprovalRecords.finished(r, true, services().clock().instant())
                    .withNote("approval stopped: " + cause, services().clock().instant()));
            end();
        }
        getContext().onFailure(cause);
    }

    @Override
    public String getStatus() {
        ApprovalWait w = wait;
        return w == null ? "starting" : w.finished() ? "approval finished"
                : "waiting for approval in " + w.channelsText() + " until " + w.deadline();
    }

    private void saveState() {
        getContext().saveState();
    }

    void slackQuietly(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            // Slack being down must not keep the build from going on: the record and the Jenkins page still work.
            progress("Slack: " + e.getMessage());
        }
    }

    private void armTimeout() {
        ApprovalWait w = wait;
        if (w == null || w.finished()) {
            return;
        }
        Duration left = Duration.between(services().clock().instant(), w.deadline());
        disarm();
        cancelTimeout = ApprovalWaits.get().scheduler().schedule(left.isNegative() ? Duration.ZERO : left,
                this::checkTimeout);
    }

    private void disarm() {
        Runnable c = cancelTimeout;
        cancelTimeout = null;
        if (c != null) {
            c.run();
        }
    }
}
