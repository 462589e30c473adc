package io.jenkins.plugins.iamjanitor.plugin;

import io.jenkins.plugins.iamjanitor.core.approval.Approver;
import io.jenkins.plugins.iamjanitor.core.approval.Candidate;
import io.jenkins.plugins.iamjanitor.core.model.IamUser;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A Jenkins user deciding on the build's IAM review page, as the page's request knows them.
 *
 * @param id          the Jenkins user id
 * @param name        full name, for the record
 * @param email       the address from the user's Mailer property; may be null
 * @param authorities the groups Jenkins reports for the user (security realm)
 */
record JenkinsApprover(String id, String name, String email, List<String> authorities) {
    static final String CHANNEL = "jenkins";

    JenkinsApprover {
        authorities = authorities == null ? List.of() : List.copyOf(authorities);
    }

    /** Listed by id or by one of their groups (case-insensitive, as Jenkins user ids are by default). */
    boolean allowedBy(List<String> approvers) {
        return approvers.stream().anyMatch(a -> a.equalsIgnoreCase(id)
                || authorities.stream().anyMatch(g -> g.equalsIgnoreCase(a)));
    }

    /**
     * The core's self-approval rule ({@link Candidate#isSamePerson}) with the identities Jenkins has: the user's
     * email (and an id that is an email) against the IAM user's email tags and name, and the Jenkins user id against
     * the IAM user name.
     */
    boolean isSamePersonAs(IamUser user) {
        Candidate c = Candidate.of(user);
        String lowerId = id.toLowerCase(Locale.ROOT);
        Candidate byName = new Candidate(c.userName(), Set.of(c.userName().toLowerCase(Locale.ROOT)), c.emails());
        return byName.isSamePerson(new Approver(lowerId, name, email))
                || (id.contains("@") && byName.isSamePerson(new Approver(lowerId, name, id)));
    }

    Approver asApprover() {
        return new Approver(id, name, email);
    }
}
