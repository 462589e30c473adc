package io.jenkins.plugins.iamjanitor.core.review;

import io.jenkins.plugins.iamjanitor.core.approval.Decision;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionSettings;
import io.jenkins.plugins.iamjanitor.core.policy.Outcome;
import io.jenkins.plugins.iamjanitor.core.port.ProgressListener;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;

/** A completed review record built by running the workflow on the fakes, for renderer tests. */
public final class ReviewRecords {
    private ReviewRecords() {
    }

    public static ReviewRecord completed(String hostileName) {
        ReviewFakes.Approvals approvals = new ReviewFakes.Approvals(List.of(
                ReviewFakes.decide(hostileName, Decision.APPROVE), ReviewFakes.decide("bob", Decision.KEEP)), false);
        ReviewPorts ports = new ReviewPorts(p -> ReviewFakes.scan(ReviewFakes.verdict(hostileName, Outcome.INACTIVE, 45),
                ReviewFakes.verdict("bob", Outcome.INACTIVE, 60), ReviewFakes.verdict("svc-ci", Outcome.EXEMPT, 9)),
                approvals, new ReviewFakes.Tickets(), new ReviewFakes.Activity(), new ReviewFakes.Deleter(false),
                new ReviewFakes.Store(), new ReviewFakes.Reports(), new ReviewFakes.KeyIds());
        ReviewSettings settings = new ReviewSettings(null, "123456789012", "#c", List.of("U123"),
                Duration.ofMinutes(1), null, null, null, null, null, null, new DeletionSettings(false, 10));
        return new ReviewWorkflow(ports, settings, null, Clock.fixed(ReviewFakes.NOW, ZoneOffset.UTC))
                .run(ProgressListener.NONE, ReviewObserver.NONE);
    }
}
