package io.jenkins.plugins.iamjanitor.core.approval;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A review as the decision registry sees it.
 *
 * @param channel      recorded on every decision, e.g. {@code slack:C0123}
 * @param approverIds  channel identities allowed to decide, already resolved (user groups expanded by the adapter);
 *                     empty means nobody may decide
 */
public record ReviewSpec(String reviewId, String channel, List<Candidate> candidates, Set<String> approverIds) {
    public ReviewSpec {
        Objects.requireNonNull(reviewId, "reviewId");
        Objects.requireNonNull(channel, "channel");
        candidates = List.copyOf(candidates);
        approverIds = approverIds == null ? Set.of() : Set.copyOf(approverIds);
        Set<String> seen = new HashSet<>();
        for (Candidate c : candidates) {
            if (!seen.add(c.userName())) {
                throw new IllegalArgumentException("user " + c.userName() + " is listed twice in review " + reviewId);
            }
        }
    }

    public Candidate candidate(String userName) {
        return candidates.stream().filter(c -> c.userName().equals(userName)).findFirst().orElse(null);
    }
}
