package io.jenkins.plugins.iamjanitor.integrations.slack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.iamjanitor.core.approval.ApprovalOutcome;
import io.jenkins.plugins.iamjanitor.core.approval.ApprovalRequest;
import io.jenkins.plugins.iamjanitor.core.approval.Candidate;
import io.jenkins.plugins.iamjanitor.core.approval.Decision;
import io.jenkins.plugins.iamjanitor.core.approval.UserDecision;
import io.jenkins.plugins.iamjanitor.core.model.Tag;
import io.jenkins.plugins.iamjanitor.core.policy.CredentialEvidence;
import io.jenkins.plugins.iamjanitor.core.policy.Verdict;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Renders a review as Block Kit. Each candidate takes two blocks (a section with the evidence, then the buttons or,
 * once decided, the outcome), so a review is split into pages that each stay under Slack's 50 blocks per message.
 * The first page carries the header and links, the last one the approve-all / keep-all buttons.
 */
public final class SlackReviewMessages {
    public static final int MAX_BLOCKS = 50;
    private static final int SECTION_TEXT_LIMIT = 3000;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

    private final ObjectMapper json;

    public SlackReviewMessages(ObjectMapper json) {
        this.json = json;
    }

    /** The user names on each page, in order. */
    public List<List<String>> paginate(ApprovalRequest request) {
        List<String> names = request.candidates().stream().map(v -> v.user().userName()).toList();
        List<List<String>> pages = new ArrayList<>();
        int i = 0;
        do {
            // first page: header + intro; later pages: a "part n" context; every page reserves one for approve-all
            int fixed = (pages.isEmpty() ? 2 : 1) + 1;
            int room = (MAX_BLOCKS - fixed) / 2;
            int end = Math.min(names.size(), i + room);
            pages.add(List.copyOf(names.subList(i, end)));
            i = end;
        } while (i < names.size());
        return pages;
    }

    public String fallbackText(ApprovalRequest request) {
        return "IAM Janitor: " + request.candidates().size() + " inactive IAM user(s) in account "
                + request.accountLabel() + " need a decision";
    }

    /**
     * One page's blocks, showing the buttons for undecided users, or the outcome for decided ones.
     *
     * @param timedOut the review closed without a decision for some users
     */
    public ArrayNode render(ApprovalRequest request, List<List<String>> pages, int page, ApprovalOutcome outcome,
            boolean timedOut) {
        Map<String, UserDecision> decided = outcome.decisions().stream()
                .collect(Collectors.toMap(UserDecision::userName, Function.identity()));
        Map<String, Verdict> byName = request.candidates().stream()
                .collect(Collectors.toMap(v -> v.user().userName(), Function.identity()));
        ArrayNode blocks = json.createArrayNode();
        if (page == 0) {
            blocks.add(header("Inactive IAM users in account " + request.accountLabel()));
            blocks.add(section(intro(request)));
        } else {
            blocks.add(context("Part " + (page + 1) + " of " + pages.size() + " of review " + esc(request.reviewId())
                    + ", account " + esc(request.accountLabel())));
        }
        for (String name : pages.get(page)) {
            Verdict v = byName.get(name);
            blocks.add(section(candidateText(v)).put("block_id", "iamj-user:" + name));
            UserDecision d = decided.get(name);
            if (d != null) {
                blocks.add(context(outcomeLine(d)).put("block_id", "iamj-done:" + name));
            } else if (timedOut) {
                blocks.add(context(":hourglass: No decision before the timeout: *" + esc(name)
                        + "* is kept (not approved).").put("block_id", "iamj-done:" + name));
            } else {
                blocks.add(buttons("iamj-act:" + name,
                        button(new SlackAction(request.reviewId(), name, Decision.APPROVE), "Approve deletion",
                                "primary"),
                        button(new SlackAction(request.reviewId(), name, Decision.KEEP), "Keep", null)));
            }
        }
        if (page == pages.size() - 1) {
            boolean allDone = decided.size() == request.candidates().size();
            if (allDone || timedOut) {
                blocks.add(context(allDone ? ":white_check_mark: Every user in this review has a decision."
                        : ":hourglass: The review timed out; undecided users are kept.").put("block_id", "iamj-all"));
            } else if (request.candidates().size() > 1) {
                ObjectNode approveAll = button(new SlackAction(request.reviewId(), null, Decision.APPROVE),
                        "Approve all undecided", "danger");
                approveAll.set("confirm", json.createObjectNode()
                        .<ObjectNode>set("title", plain("Approve all?"))
                        .<ObjectNode>set("text", plain("Every undecided user in this review will be approved for "
                                + "deletion."))
                        .<ObjectNode>set("confirm", plain("Approve all"))
                        .set("deny", plain("Cancel")));
                blocks.add(buttons("iamj-all", approveAll,
                        button(new SlackAction(request.reviewId(), null, Decision.KEEP), "Keep all undecided", null)));
            }
        }
        return blocks;
    }

    private String intro(ApprovalRequest request) {
        StringBuilder text = new StringBuilder();
        if (request.message() != null && !request.message().isBlank()) {
            text.append(esc(request.message())).append("\n");
        }
        text.append(request.candidates().size()).append(" user(s) look inactive. Approve deletion or keep each one;")
                .append(" users without a decision are kept.");
        List<String> links = new ArrayList<>();
        if (request.buildUrl() != null && !request.buildUrl().isBlank()) {
            links.add("<" + request.buildUrl() + "|Jenkins build>");
        }
        if (request.ticketUrl() != null && !request.ticketUrl().isBlank()) {
            links.add("<" + request.ticketUrl() + "|Review ticket>");
        }
        if (!links.isEmpty()) {
            text.append("\n").append(String.join(" · ", links));
        }
        text.append("\nReview `").append(esc(request.reviewId())).append('`');
        return text.toString();
    }

    private String candidateText(Verdict v) {
        StringBuilder t = new StringBuilder("*").append(esc(v.user().userName())).append("* — ");
        if (!Candidate.of(v.user()).ownerKnown()) {
            // Nobody can be kept from deciding about their own account when nothing names its owner.
            t.append("owner unknown — ");
        }
        t.append(v.daysInactive() < 0 ? "no recorded activity" : "inactive " + v.daysInactive() + " days");
        if (v.lastActivity() != null) {
            t.append(" (last activity ").append(DAY.format(v.lastActivity())).append(')');
        }
        for (CredentialEvidence e : v.evidence()) {
            t.append("\n• ").append(kind(e));
            if (e.id() != null) {
                t.append(" `").append(esc(e.id())).append('`');
            }
            t.append(": ").append(basis(e));
            if (e.detail() != null && !e.detail().isBlank()) {
                t.append(" — ").append(esc(e.detail()));
            }
        }
        List<Tag> tags = v.user().tags();
        if (tags != null && !tags.isEmpty()) {
            t.append("\nTags: ").append(tags.stream().map(tag -> esc(tag.key()) + "=" + esc(tag.value()))
                    .collect(Collectors.joining(", ")));
        }
        return t.length() <= SECTION_TEXT_LIMIT ? t.toString() : t.substring(0, SECTION_TEXT_LIMIT - 1) + "…";
    }

    private static String kind(CredentialEvidence e) {
        return switch (e.kind()) {
            case CONSOLE_PASSWORD -> "Console password";
            case ACCESS_KEY -> "Access key";
            case SSH_PUBLIC_KEY -> "SSH key";
            case SIGNING_CERTIFICATE -> "Signing certificate";
            case SERVICE_SPECIFIC_CREDENTIAL -> "Service credential";
            case MFA_DEVICE -> "MFA device";
            case USER -> "User created";
        };
    }

    private static String basis(CredentialEvidence e) {
        String date = e.date() == null ? "unknown date" : DAY.format(e.date());
        return switch (e.basis()) {
            case LAST_USED -> "last used " + date;
            case CREATED_NEVER_USED -> "never used (created " + date + ")";
            case UNKNOWN -> "last use not recorded by AWS";
            case DISABLED -> "disabled";
        };
    }

    static String outcomeLine(UserDecision d) {
        String verb = d.decision() == Decision.APPROVE ? ":white_check_mark: Approved for deletion" : ":hand: Kept";
        return verb + " by <@" + d.approverId() + "> at " + time(d.decidedAt());
    }

    static String time(Instant at) {
        return TIME.format(at);
    }

    /** Slack mrkdwn needs only these three escaped. */
    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private ObjectNode header(String text) {
        String t = text.length() > 150 ? text.substring(0, 149) + "…" : text;
        return json.createObjectNode().put("type", "header").set("text", plain(t));
    }

    private ObjectNode section(String mrkdwn) {
        return json.createObjectNode().put("type", "section")
                .set("text", json.createObjectNode().put("type", "mrkdwn").put("text", mrkdwn));
    }

    private ObjectNode context(String mrkdwn) {
        ObjectNode block = json.createObjectNode().put("type", "context");
        block.putArray("elements").addObject().put("type", "mrkdwn").put("text", mrkdwn);
        return block;
    }

    private ObjectNode buttons(String blockId, ObjectNode... elements) {
        ObjectNode block = json.createObjectNode().put("type", "actions").put("block_id", blockId);
        ArrayNode els = block.putArray("elements");
        for (ObjectNode e : elements) {
            els.add(e);
        }
        return block;
    }

    private ObjectNode button(SlackAction action, String label, String style) {
        ObjectNode b = json.createObjectNode().put("type", "button").put("action_id", action.actionId())
                .put("value", action.value(json));
        b.set("text", plain(label));
        if (style != null) {
            b.put("style", style);
        }
        return b;
    }

    private ObjectNode plain(String text) {
        return json.createObjectNode().put("type", "plain_text").put("text", text);
    }
}
