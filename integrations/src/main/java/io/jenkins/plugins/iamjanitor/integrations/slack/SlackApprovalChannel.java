package io.jenkins.plugins.iamjanitor.integrations.slack;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.jenkins.plugins.iamjanitor.core.approval.ApprovalHandle;
import io.jenkins.plugins.iamjanitor.core.approval.ApprovalOutcome;
import io.jenkins.plugins.iamjanitor.core.approval.ApprovalRequest;
import io.jenkins.plugins.iamjanitor.core.approval.Candidate;
import io.jenkins.plugins.iamjanitor.core.approval.ReviewDecisions;
import io.jenkins.plugins.iamjanitor.core.approval.ReviewSpec;
import io.jenkins.plugins.iamjanitor.core.approval.UserDecision;
import io.jenkins.plugins.iamjanitor.core.port.ApprovalChannel;
import io.jenkins.plugins.iamjanitor.core.port.ServiceException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Asks for approval in a Slack channel with Block Kit buttons. Clicks arrive through {@link SlackInteractionHandler}
 * (HTTP Request URL or Socket Mode), are judged by the shared {@link ReviewDecisions}, and each recorded decision
 * replaces that user's buttons with the outcome via chat.update.
 *
 * <p>Approvers are Slack user ids ({@code U…}/{@code W…}) or user group ids ({@code S…}); groups are expanded with
 * usergroups.users.list when the review is posted.
 */
public final class SlackApprovalChannel implements ApprovalChannel {
    private static final Logger LOG = Logger.getLogger(SlackApprovalChannel.class.getName());

    private final SlackWebClient slack;
    private final ReviewDecisions decisions;
    private final SlackReviewMessages messages;
    private final Map<String, Board> boards = new ConcurrentHashMap<>();

    public SlackApprovalChannel(SlackWebClient slack, ReviewDecisions decisions) {
        this.slack = Objects.requireNonNull(slack, "slack");
        this.decisions = Objects.requireNonNull(decisions, "decisions");
        this.messages = new SlackReviewMessages(slack.json());
    }

    public ReviewDecisions decisions() {
        return decisions;
    }

    SlackWebClient slack() {
        return slack;
    }

    @Override
    public ApprovalHandle post(ApprovalRequest request) {
        if (request.channel() == null || request.channel().isBlank()) {
            throw new IllegalArgumentException("a Slack channel is needed to ask for approval");
        }
        Set<String> approverIds = resolveApprovers(request.approvers());
        List<List<String>> pages = messages.paginate(request);
        String text = messages.fallbackText(request);
        ApprovalOutcome none = new ApprovalOutcome(request.reviewId(), List.of(), false);
        // Open before anything is visible: a click can arrive before postMessage has even answered.
        decisions.open(spec(request, "slack:" + request.channel(), approverIds), List.of());
        String channelId = request.channel();
        List<String> tss = new ArrayList<>();
        String[] rendered = new String[pages.size()];
        try {
            for (int i = 0; i < pages.size(); i++) {
                ArrayNode blocks = messages.render(request, pages, i, none, false);
                PostedMessage posted = slack.postMessage(channelId, text, blocks);
                channelId = posted.channel();
                tss.add(posted.ts());
                rendered[i] = blocks.toString();
                if (i == 0) {
                    decisions.relabelChannel(request.reviewId(), "slack:" + channelId);
                }
            }
        } catch (RuntimeException e) {
            decisions.expire(request.reviewId());
            decisions.forget(request.reviewId());
            throw e;
        }
        ApprovalHandle handle = new ApprovalHandle(request.reviewId(), channelId, tss);
        boards.put(request.reviewId(), new Board(request, handle, pages, rendered));
        refresh(request.reviewId()); // shows clicks that came in while later pages were being posted
        LOG.info(() -> "Asked for approval of " + request.candidates().size() + " user(s) in Slack channel "
                + request.channel() + " (" + pages.size() + " message(s), review " + request.reviewId() + ")");
        return handle;
    }

    /**
     * Picks up a review posted earlier (e.g. after a Jenkins restart) so clicks on its messages work again, with the
     * decisions recorded before. Approver groups are resolved again.
     */
    public void resume(ApprovalRequest request, ApprovalHandle handle, List<UserDecision> earlier) {
        List<List<String>> pages = messages.paginate(request);
        if (pages.size() != handle.messageIds().size()) {
            throw new IllegalArgumentException("review " + request.reviewId() + " has " + pages.size()
                    + " page(s) but the handle lists " + handle.messageIds().size() + " message(s)");
        }
        String channel = earlier.isEmpty() ? "slack:" + handle.channel() : earlier.get(0).channel();
        decisions.open(spec(request, channel, resolveApprovers(request.approvers())), earlier);
        boards.put(request.reviewId(), new Board(request, handle, pages, new String[pages.size()]));
    }

    private static ReviewSpec spec(ApprovalRequest request, String channel, Set<String> approverIds) {
        List<Candidate> candidates = request.candidates().stream().map(v -> Candidate.of(v.user())).toList();
        return new ReviewSpec(request.reviewId(), channel, candidates, approverIds);
    }

    @Override
    public ApprovalOutcome await(ApprovalHandle handle, Duration timeout) {
        try {
            decisions.await(handle.reviewId(), timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            decisions.expire(handle.reviewId());
        }
        ApprovalOutcome outcome = decisions.outcome(handle.reviewId());
        if (outcome.timedOut()) {
            refresh(handle.reviewId());
        }
        return outcome;
    }

    /** Closes the review as timed out (for asynchronous callers that keep their own clock) and updates Slack. */
    public ApprovalOutcome expire(String reviewId) {
        ApprovalOutcome outcome = decisions.expire(reviewId);
        refresh(reviewId);
        return outcome;
    }

    public boolean knows(String reviewId) {
        return boards.containsKey(reviewId);
    }

    /** Re-renders the review's messages and chat.updates the ones that changed. */
    public void refresh(String reviewId) {
        Board board = boards.get(reviewId);
        if (board == null) {
            return;
        }
        synchronized (board) {
            ApprovalOutcome outcome = decisions.outcome(reviewId);
            for (int i = 0; i < board.pages.size(); i++) {
                ArrayNode blocks = messages.render(board.request, board.pages, i, outcome, outcome.timedOut());
                String rendered = blocks.toString();
                if (rendered.equals(board.lastRendered[i])) {
                    continue;
                }
                try {
                    slack.update(board.handle.channel(), board.handle.messageIds().get(i),
                            messages.fallbackText(board.request), blocks);
                    board.lastRendered[i] = rendered;
                } catch (ServiceException e) {
                    LOG.log(Level.WARNING, "Could not update the Slack message of review {0}: {1}",
                            new Object[] {reviewId, e.getMessage()});
                }
            }
        }
    }

    private Set<String> resolveApprovers(List<String> approvers) {
        if (approvers.isEmpty()) {
            throw new IllegalArgumentException("no approvers: list Slack user ids (U…) or user group ids (S…)");
        }
        Set<String> ids = new LinkedHashSet<>();
        for (String raw : approvers) {
            String a = raw == null ? "" : raw.trim();
            if (a.matches("[UW][A-Z0-9]{2,}")) {
                ids.add(a);
            } else if (a.matches("S[A-Z0-9]{2,}")) {
                ids.addAll(slack.userGroupMembers(a));
            } else {
                throw new IllegalArgumentException("approver '" + a + "' is neither a Slack user id (U…/W…) nor a "
                        + "Slack user group id (S…)");
            }
        }
        return ids;
    }

    private record Board(ApprovalRequest request, ApprovalHandle handle, List<List<String>> pages,
            String[] lastRendered) {
    }
}
