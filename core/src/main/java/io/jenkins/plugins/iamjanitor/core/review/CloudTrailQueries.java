package io.jenkins.plugins.iamjanitor.core.review;

import io.jenkins.plugins.iamjanitor.core.activity.ActivityQuery;
import io.jenkins.plugins.iamjanitor.core.model.AccessKey;
import io.jenkins.plugins.iamjanitor.core.policy.Verdict;
import io.jenkins.plugins.iamjanitor.core.port.AccessKeyIds;
import io.jenkins.plugins.iamjanitor.core.port.ProgressListener;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The CloudTrail lookups of the users a review checks: by user name and by the id of every access key. The scan's
 * credential-report path names keys by slot only (their ids have no bulk read), so the ids of exactly the users
 * checked here whose scanned keys have no id are read now, through {@link AccessKeyIds}: one IAM call per such user
 * instead of one per flagged user in the scan. A user whose scanned keys all have ids (the per-user scan path) costs
 * nothing; a user without keys at the scan neither (a key created since counts as a sign of life in the live
 * re-check before deletion).
 */
final class CloudTrailQueries {
    private CloudTrailQueries() {
    }

    static List<ActivityQuery> of(List<Verdict> users, AccessKeyIds keyIds, Instant since, List<String> regions,
            ProgressListener progress) {
        List<String> unnamed = users.stream().filter(v -> v.user().accessKeys().stream()
                .anyMatch(k -> k.accessKeyId() == null)).map(v -> v.user().userName()).toList();
        List<List<String>> listed = List.of();
        if (!unnamed.isEmpty()) {
            progress.progress("IAM: reading the access key ids of " + unnamed.size() + " user(s) for CloudTrail"
                    + " (the scan's credential report names keys by slot only)");
            listed = keyIds.read(unnamed, progress);
            if (listed.size() != unnamed.size()) {
                throw new IllegalStateException("access key ids: asked for " + unnamed.size() + " user(s), got "
                        + listed.size());
            }
        }
        List<ActivityQuery> queries = new ArrayList<>(users.size());
        for (Verdict v : users) {
            // The scan's ids (when it had them) and IAM's list now: a key known to either is looked up.
            Set<String> ids = new LinkedHashSet<>();
            v.user().accessKeys().stream().map(AccessKey::accessKeyId).filter(Objects::nonNull).forEach(ids::add);
            int at = unnamed.indexOf(v.user().userName());
            if (at >= 0) {
                List<String> now = listed.get(at);
                ids.addAll(now);
                if (now.size() < v.user().accessKeys().size()) {
                    progress.progress("WARNING: " + v.user().userName() + " had " + v.user().accessKeys().size()
                            + " access key(s) at the scan, IAM lists " + now.size() + " now; events made with a key"
                            + " deleted since are found only when they carry the user name");
                }
            }
            queries.add(new ActivityQuery(v.user().userName(), List.copyOf(ids), since, regions));
        }
        return queries;
    }
}
