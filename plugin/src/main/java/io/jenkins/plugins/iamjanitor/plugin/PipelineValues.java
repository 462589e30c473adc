package io.jenkins.plugins.iamjanitor.plugin;

import io.jenkins.plugins.iamjanitor.core.deletion.DeletionResult;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionStep;
import io.jenkins.plugins.iamjanitor.core.deletion.ApprovalEvidence;
import io.jenkins.plugins.iamjanitor.core.model.IamUser;
import io.jenkins.plugins.iamjanitor.core.model.Tag;
import io.jenkins.plugins.iamjanitor.core.policy.ActivityBasis;
import io.jenkins.plugins.iamjanitor.core.policy.CredentialEvidence;
import io.jenkins.plugins.iamjanitor.core.policy.CredentialKind;
import io.jenkins.plugins.iamjanitor.core.policy.Outcome;
import io.jenkins.plugins.iamjanitor.core.policy.Verdict;
import io.jenkins.plugins.iamjanitor.core.ticket.TicketRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Converts core records to the plain values Pipeline keeps (LinkedHashMap, ArrayList, String, Number, Boolean;
 * instants as ISO-8601 strings) and back. Core and SDK types never reach a Pipeline script.
 */
final class PipelineValues {
    private PipelineValues() {
    }

    static Map<String, Object> verdict(Verdict v) {
        IamUser u = v.user();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("user", u.userName());
        m.put("arn", u.arn());
        m.put("userId", u.userId());
        m.put("path", u.path());
        m.put("daysInactive", v.daysInactive());
        m.put("lastActivity", iso(v.lastActivity()));
        // What an approval of this user is based on; iamDeleteUser's live re-check keeps the user if anything is newer.
        m.put("evidenceAsOf", iso(ApprovalEvidence.lastSignOfLife(u, v.lastActivity())));
        m.put("outcome", v.outcome().name());
        m.put("reason", v.reason());
        List<Object> evidence = new ArrayList<>();
        for (CredentialEvidence e : v.evidence()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("kind", e.kind().name());
            row.put("id", e.id());
            row.put("basis", e.basis().name());
            row.put("date", iso(e.date()));
            row.put("counts", e.counts());
            row.put("detail", e.detail());
            evidence.add(row);
        }
        m.put("evidence", evidence);
        if (u.tags() != null) {
            Map<String, Object> tags = new LinkedHashMap<>();
            u.tags().forEach(t -> tags.put(t.key(), t.value()));
            m.put("tags", tags);
        }
        return m;
    }

    /** Rebuilds enough of a verdict from {@link #verdict(Verdict)}'s map (or a bare user name) to show an approver. */
    static Verdict verdict(Map<String, Object> m, Instant now) {
        String user = (String) m.get("user");
        List<Tag> tags = null;
        if (m.get("tags") instanceof Map<?, ?> t) {
            tags = new ArrayList<>();
            for (Map.Entry<?, ?> e : t.entrySet()) {
                tags.add(new Tag(String.valueOf(e.getKey()), String.valueOf(e.getValue())));
            }
        }
        IamUser iamUser = new IamUser(user, str(m.get("userId")), str(m.get("arn")), str(m.get("path")), null, tags,
                null, null, null, null, null, null, null);
        List<CredentialEvidence> evidence = new ArrayList<>();
        if (m.get("evidence") instanceof List<?> rows) {
            for (Object r : rows) {
                if (r instanceof Map<?, ?> row) {
                    evidence.add(new CredentialEvidence(
                            CredentialKind.valueOf(String.valueOf(row.get("kind")).toUpperCase(Locale.ROOT)),
                            str(row.get("id")),
                            ActivityBasis.valueOf(String.valueOf(row.get("basis")).toUpperCase(Locale.ROOT)),
                            instant(row.get("date")), Boolean.TRUE.equals(row.get("counts")), str(row.get("detail"))));
                }
            }
        }
        Instant last = instant(m.get("lastActivity"));
        long days = m.get("daysInactive") instanceof Number n ? n.longValue() : -1;
        String reason = m.get("reason") == null ? "flagged by iamListInactive" : str(m.get("reason"));
        return new Verdict(iamUser, Outcome.INACTIVE, reason, now, last, days, null, evidence);
    }

    /** Access key ids found in a user's evidence, for CloudTrail lookups by key. */
    static List<String> accessKeyIds(Map<String, Object> user) {
        List<String> ids = new ArrayList<>();
        if (user.get("evidence") instanceof List<?> rows) {
            for (Object r : rows) {
                if (r instanceof Map<?, ?> row && "ACCESS_KEY".equals(row.get("kind")) && row.get("id") != null
                        && String.valueOf(row.get("id")).startsWith("A")) {
                    ids.add(String.valueOf(row.get("id")));
                }
            }
        }
        return ids;
    }

    static Map<String, Object> ticket(TicketRef ref) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", ref.key());
        m.put("url", ref.url());
        m.put("created", ref.created());
        m.put("reused", !ref.created());
        return m;
    }

    static Map<String, Object> deletion(DeletionResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("user", r.userName());
        m.put("status", r.status().name().toLowerCase(Locale.ROOT));
        m.put("reason", r.reason());
        m.put("backup", r.backupFile());
        List<Object> plan = new ArrayList<>();
        for (DeletionStep s : r.plan()) {
            plan.add(s.describe());
        }
        m.put("plan", plan);
        return m;
    }

    static Map<String, Object> stringKeys(Map<?, ?> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }

    static List<String> stringList(Object value) {
        List<String> out = new ArrayList<>();
        if (value instanceof List<?> list) {
            list.forEach(o -> out.add(String.valueOf(o)));
        }
        return out;
    }

    static String iso(Instant i) {
        return i == null ? null : i.toString();
    }

    static Instant instant(Object o) {
        return o == null ? null : Instant.parse(o.toString());
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }
}
