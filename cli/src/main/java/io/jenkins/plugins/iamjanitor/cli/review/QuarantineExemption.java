package io.jenkins.plugins.iamjanitor.cli.review;

import io.jenkins.plugins.iamjanitor.core.policy.Exemptions;
import io.jenkins.plugins.iamjanitor.core.policy.PolicySettings;
import io.jenkins.plugins.iamjanitor.core.quarantine.QuarantineMarks;
import java.util.ArrayList;
import java.util.List;

/** The scan of a review skips users an earlier review quarantined: the quarantine sweep decides their fate. */
final class QuarantineExemption {
    private QuarantineExemption() {
    }

    static PolicySettings added(PolicySettings policy) {
        Exemptions e = policy.exemptions();
        List<String> tags = new ArrayList<>(e.tags());
        tags.add(QuarantineMarks.QUARANTINED_AT_TAG);
        return new PolicySettings(policy.threshold(), policy.unknownActivityBlocks(),
                new Exemptions(e.userNameGlobs(), e.pathPrefixes(), tags, e.groups()));
    }
}
