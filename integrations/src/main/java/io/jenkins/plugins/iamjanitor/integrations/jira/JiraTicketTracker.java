package io.jenkins.plugins.iamjanitor.integrations.jira;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.iamjanitor.core.doc.Document;
import io.jenkins.plugins.iamjanitor.core.port.ProgressListener;
import io.jenkins.plugins.iamjanitor.core.port.ServiceException;
import io.jenkins.plugins.iamjanitor.core.port.TicketTracker;
import io.jenkins.plugins.iamjanitor.core.ticket.ReviewTicket;
import io.jenkins.plugins.iamjanitor.core.ticket.TicketRef;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The review ticket in Jira Cloud or Data Center.
 *
 * <p>One ticket per review: before creating, a JQL search looks for an open ticket (status category not Done)
 * labelled {@code iam-janitor} and the account id that carries either this review's label
 * ({@code iam-janitor-review-<reviewId>}) or the user label ({@code iam-janitor-user-<name>}) of every user under
 * review. Exact labels are used rather than text search because Jira's text search tokenises and stems words, so
 * "bob" would also match "bob-ci". In dry-run, searches and reads still run; creates, comments and transitions are
 * logged and skipped.
 */
public final class JiraTicketTracker implements TicketTracker {
    public static final String REVIEW_LABEL_PREFIX = "iam-janitor-review-";
    public static final String USER_LABEL_PREFIX = "iam-janitor-user-";
    /** The key returned in dry-run when a ticket would have been created. */
    public static final String DRY_RUN_KEY = "DRY-RUN";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int SUMMARY_MAX = 255;
    /** The link type between an umbrella ticket and the tickets it gathers. */
    public static final String LINK_TYPE = "Relates";

    private final JiraRestClient client;
    private final JiraSettings settings;
    private final ProgressListener log;

    public JiraTicketTracker(JiraRestClient client, JiraSettings settings, ProgressListener log) {
        this.client = client;
        this.settings = settings;
        this.log = log == null ? ProgressListener.NONE : log;
    }

    /** The usual wiring: a JDK HttpClient with default retries, the flavour from the settings. */
    public static JiraTicketTracker create(JiraSettings settings, JiraCredentials credentials, ProgressListener log) {
        return new JiraTicketTracker(JiraRestClient.create(settings.baseUrl(), credentials, settings.flavour()),
                settings, log);
    }

    /** Checks URL and credentials: who Jira says we are, and which flavour it is. */
    public String testConnection() {
        JiraFlavour flavour = client.flavour();
        JsonNode me = client.myself();
        String who = me.path("displayName").asText(me.path("name").asText(me.path("accountId").asText("?")));
        return "Connected to Jira " + (flavour == JiraFlavour.CLOUD ? "Cloud" : "Data Center") + " at "
                + client.baseUrl() + " as " + who;
    }

    @Override
    public TicketRef openOrFind(ReviewTicket ticket) {
        List<String> labels = labelsFor(ticket);
        String reviewLabel = reviewLabel(ticket.reviewId());
        Set<String> userLabels = ticket.userNames().stream().map(JiraTicketTracker::userLabel)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        List<JsonNode> open = client.search(dedupeJql(ticket.accountId(), reviewLabel, userLabels),
                List.of("summary", "labels", "status"), 50);
        for (JsonNode issue : open) {
            Set<String> has = new LinkedHashSet<>();
            issue.path("fields").path("labels").forEach(l -> has.add(l.asText()));
            if (has.contains(reviewLabel) || (!userLabels.isEmpty() && has.containsAll(userLabels))) {
                String key = issue.path("key").asText();
                log.progress("Jira: reusing open review ticket " + key + " (" + browse(key) + ")");
                return new TicketRef(key, browse(key), false);
            }
        }
        if (settings.dryRun()) {
            log.progress("Jira (dry-run): would create a " + settings.issueType() + " in " + settings.projectKey()
                    + ": \"" + ticket.summary() + "\" with labels " + labels);
            return new TicketRef(DRY_RUN_KEY, null, false);
        }
        JsonNode created = client.createIssue(fields(ticket, labels));
        String key = created.path("key").asText();
        log.progress("Jira: created review ticket " + key + " (" + browse(key) + ")");
        return new TicketRef(key, browse(key), true);
    }

    @Override
    public void comment(String ticketKey, Document comment) {
        if (settings.dryRun() || DRY_RUN_KEY.equals(ticketKey)) {
            log.progress("Jira (dry-run): would comment on " + ticketKey);
            return;
        }
        client.addComment(ticketKey, comment);
        log.progress("Jira: commented on " + ticketKey);
    }

    /** Moves the ticket to {@code statusName}; a ticket already there is left alone, so re-runs are harmless. */
    @Override
    public void transition(String ticketKey, String statusName) {
        if (DRY_RUN_KEY.equals(ticketKey)) {
            log.progress("Jira (dry-run): would move " + ticketKey + " to " + statusName);
            return;
        }
        String current = client.getIssue(ticketKey, List.of("status")).path("fields").path("status").path("name")
                .asText("");
        if (current.equalsIgnoreCase(statusName)) {
            log.progress("Jira: " + ticketKey + " is already in " + current);
            return;
        }
        List<JiraRestClient.Transition> transitions = client.transitions(ticketKey);
        JiraRestClient.Transition match = transitions.stream()
                .filter(t -> t.toStatus().equalsIgnoreCase(statusName)).findFirst()
                .or(() -> transitions.stream().filter(t -> t.name().equalsIgnoreCase(statusName)).findFirst())
                .orElseThrow(() -> new ServiceException(JiraRestClient.SERVICE, "transition", "NoSuchTransition",
                        ticketKey + " (status '" + current + "') has no transition to '" + statusName
                                + "'; available: " + describe(transitions)));
        if (settings.dryRun()) {
            log.progress("Jira (dry-run): would move " + ticketKey + " from " + current + " to " + match.toStatus()
                    + " via '" + match.name() + "'");
            return;
        }
        client.doTransition(ticketKey, match.id());
        log.progress("Jira: moved " + ticketKey + " from " + current + " to " + match.toStatus());
    }

    /**
     * Links the account ticket to the umbrella with Jira's "Relates" type (present on every Jira unless an admin
     * removed it), after reading the umbrella's links so that a re-run adds none twice.
     */
    @Override
    public boolean link(String umbrellaKey, String ticketKey) {
        if (settings.dryRun() || DRY_RUN_KEY.equals(umbrellaKey) || DRY_RUN_KEY.equals(ticketKey)) {
            log.progress("Jira (dry-run): would link " + ticketKey + " to " + umbrellaKey);
            return false;
        }
        for (JsonNode l : client.getIssue(umbrellaKey, List.of("issuelinks")).path("fields").path("issuelinks")) {
            String other = l.path("inwardIssue").path("key").asText(l.path("outwardIssue").path("key").asText(""));
            if (other.equalsIgnoreCase(ticketKey) && l.path("type").path("name").asText("").equals(LINK_TYPE)) {
                return false;
            }
        }
        client.linkIssues(LINK_TYPE, ticketKey, umbrellaKey);
        log.progress("Jira: linked " + ticketKey + " to " + umbrellaKey);
        return true;
    }

    static String dedupeJql(String accountId, String reviewLabel, Set<String> userLabels) {
        StringBuilder jql = new StringBuilder("labels = ").append(quote(ReviewLabels.BASE))
                .append(" AND labels = ").append(quote(ReviewLabels.sanitize(accountId)))
                .append(" AND statusCategory != Done AND (labels = ").append(quote(reviewLabel));
        if (!userLabels.isEmpty()) {
            jql.append(" OR labels in (")
                    .append(userLabels.stream().map(JiraTicketTracker::quote).collect(Collectors.joining(", ")))
                    .append(")");
        }
        return jql.append(") ORDER BY created DESC").toString();
    }

    private List<String> labelsFor(ReviewTicket ticket) {
        Set<String> labels = new LinkedHashSet<>();
        labels.add(ReviewLabels.BASE);
        labels.add(ReviewLabels.sanitize(ticket.accountId()));
        ticket.labels().forEach(l -> labels.add(ReviewLabels.sanitize(l)));
        labels.add(reviewLabel(ticket.reviewId()));
        ticket.userNames().forEach(u -> labels.add(userLabel(u)));
        return new ArrayList<>(labels);
    }

    private ObjectNode fields(ReviewTicket ticket, List<String> labels) {
        boolean cloud = client.flavour() == JiraFlavour.CLOUD;
        ObjectNode f = MAPPER.createObjectNode();
        f.putObject("project").put("key", settings.projectKey());
        f.putObject("issuetype").put("name", settings.issueType());
        String summary = ticket.summary();
        f.put("summary", summary.length() > SUMMARY_MAX ? summary.substring(0, SUMMARY_MAX - 3) + "..." : summary);
        f.set("description", client.richText(ticket.description()));
        ArrayNode l = f.putArray("labels");
        labels.forEach(l::add);
        Map<String, Object> extra = ticket.fields();
        Object components = extra.getOrDefault("components", settings.components());
        if (components instanceof List<?> list && !list.isEmpty()) {
            ArrayNode c = f.putArray("components");
            list.forEach(name -> c.addObject().put("name", String.valueOf(name)));
        }
        Object priority = extra.getOrDefault("priority", settings.priority());
        if (priority != null) {
            f.putObject("priority").put("name", String.valueOf(priority));
        }
        Object assignee = extra.getOrDefault("assignee", settings.assignee());
        if (assignee != null) {
            f.putObject("assignee").put(cloud ? "accountId" : "name", String.valueOf(assignee));
        }
        settings.customFields().forEach((id, value) -> f.set(id, MAPPER.valueToTree(value)));
        extra.forEach((id, value) -> {
            if (!Set.of("components", "priority", "assignee").contains(id)) {
                f.set(id, MAPPER.valueToTree(value));
            }
        });
        return f;
    }

    static String reviewLabel(String reviewId) {
        return ReviewLabels.sanitize(REVIEW_LABEL_PREFIX + reviewId);
    }

    static String userLabel(String userName) {
        return ReviewLabels.sanitize(USER_LABEL_PREFIX + userName);
    }

    private String browse(String key) {
        return client.baseUrl() + "/browse/" + key;
    }

    private static String describe(List<JiraRestClient.Transition> transitions) {
        return transitions.isEmpty() ? "none" : transitions.stream()
                .map(t -> "'" + t.name() + "' -> " + t.toStatus()).collect(Collectors.joining(", "));
    }

    private static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** Jira labels cannot hold spaces and are at most 255 characters. */
    static final class ReviewLabels {
        static final String BASE = "iam-janitor";

        private ReviewLabels() {
        }

        static String sanitize(String text) {
            String s = text.trim().replaceAll("\\s+", "_");
            return s.length() > 255 ? s.substring(0, 255) : s;
        }
    }
}
