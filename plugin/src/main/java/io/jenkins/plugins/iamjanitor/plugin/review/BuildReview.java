package io.jenkins.plugins.iamjanitor.plugin.review;

import hudson.model.Run;
import io.jenkins.plugins.iamjanitor.core.review.ReviewRecord;
import io.jenkins.plugins.iamjanitor.integrations.review.JsonReviewStore;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import io.jenkins.plugins.iamjanitor.plugin.ReviewPage;
import jenkins.model.RunAction2;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.interceptor.RequirePOST;

/**
 * The review a build runs, recorded by the controller: the core {@link ReviewRecord} (the same record and stage rules
 * as the CLI's {@code review}) kept as {@code <build dir>/iam-janitor/<reviewId>.review.json}, replaced atomically on
 * every change. Steps read what authorises a deletion (who was flagged, the evidence, the decisions, who confirmed,
 * what counts against the cap) from here, never from values a Jenkinsfile passes in. The file outlives a controller
 * restart with the build; the action itself holds only the id.
 */
public final class BuildReview implements RunAction2 {
    static final String DIR = "iam-janitor";

    private final String reviewId;
    /** What the scan ran against and with which policy; null for a review started without one. */
    private ReviewScope scope;
    private transient Run<?, ?> run;

    private BuildReview(Run<?, ?> run, String reviewId) {
        this.run = run;
        this.reviewId = reviewId;
    }

    /** Records a new review on the build (one per build); fails when the build already has one. */
    public static synchronized BuildReview start(Run<?, ?> run, ReviewRecord initial) throws java.io.IOException {
        BuildReview existing = run.getAction(BuildReview.class);
        if (existing != null) {
            throw new IllegalStateException("this build already runs review " + existing.reviewId
                    + "; one review per build");
        }
        BuildReview review = new BuildReview(run, initial.reviewId());
        review.store().save(initial);
        run.addAction(review);
        run.save();
        return review;
    }

    /** Like {@link #start(Run, ReviewRecord)}, also recording the scan's account, identity and policy. */
    public static synchronized BuildReview start(Run<?, ?> run, ReviewRecord initial, ReviewScope scope)
            throws java.io.IOException {
        BuildReview existing = run.getAction(BuildReview.class);
        if (existing != null) {
            throw new IllegalStateException("this build already runs review " + existing.reviewId
                    + "; one review per build");
        }
        BuildReview review = new BuildReview(run, initial.reviewId());
        review.scope = scope;
        review.store().save(initial);
        run.addAction(review);
        run.save();
        return review;
    }

    /**
     * The build's review with that id; a clear error when the build has none or another one (an id from elsewhere is
     * never trusted).
     */
    public static BuildReview require(Run<?, ?> run, String reviewId) {
        BuildReview review = run.getAction(BuildReview.class);
        if (review == null) {
            throw new IllegalArgumentException("this build has no IAM review: call iamListInactive first");
        }
        if (reviewId != null && !reviewId.equals(review.reviewId)) {
            throw new IllegalArgumentException("review '" + reviewId + "' is not this build's review ("
                    + review.reviewId + ")");
        }
        return review;
    }

    /**
     * The build's review named by a step's {@code review} argument: the map {@code iamListInactive} returned (its
     * {@code reviewId} is read, nothing else) or the id itself; null means the build's only review.
     */
    public static BuildReview resolve(Run<?, ?> run, Object reviewArgument) {
        Object id = reviewArgument instanceof java.util.Map<?, ?> m ? m.get("reviewId") : reviewArgument;
        if (id != null && !(id instanceof CharSequence)) {
            throw new IllegalArgumentException("review must be the result of iamListInactive or its reviewId");
        }
        return require(run, id == null ? null : id.toString());
    }

    public String getReviewId() {
        return reviewId;
    }

    /** The scan's account, identity and policy; null when the review was started without one. */
    public ReviewScope scope() {
        return scope;
    }

    public Run<?, ?> getRun() {
        return run;
    }

    /** The record as last saved. */
    public ReviewRecord record() {
        return store().load(reviewId).orElseThrow(() -> new IllegalStateException(
                "the record of review " + reviewId + " is missing from " + store().fileOf(reviewId)));
    }

    /** Applies a change and saves it atomically; changes to one review are serialised. */
    public synchronized ReviewRecord update(UnaryOperator<ReviewRecord> change) {
        ReviewRecord next = change.apply(record());
        store().save(next);
        return next;
    }

    private JsonReviewStore store() {
        return new JsonReviewStore(directory());
    }

    Path directory() {
        return run.getRootDir().toPath().resolve(DIR);
    }

    /** The "IAM review" page (index.jelly): the flagged users, their evidence and decisions, and the buttons. */
    public ReviewPage getPage() {
        return new ReviewPage(this);
    }

    /** The page's summary cards and overview table, from the same model as the archived reports. */
    public ReviewSummary getSummary() {
        return new ReviewSummary(record());
    }

    /** The archived HTML report relative to this page ({@code ../artifact/...}); null before one was archived. */
    public String getReportUrl() {
        String artifact = BuildReports.htmlArtifact(this);
        return artifact == null ? null : "../artifact/" + artifact;
    }

    /** Writes the reports again from the current record (a refresh point); for users who may update the build. */
    @RequirePOST
    public HttpResponse doArchiveReports() {
        run.checkPermission(Run.UPDATE);
        BuildReports.archive(this);
        return org.kohsuke.stapler.HttpResponses.redirectToDot();
    }

    /** The page's Approve/Keep buttons: POST with a crumb; who may decide is checked by {@link ReviewPage}. */
    @RequirePOST
    public HttpResponse doDecide(@QueryParameter String user, @QueryParameter String decision) {
        return ReviewPage.decide(this, user, decision);
    }

    /** The page's quarantine section (issue 19): each quarantined user's stage, and the Release buttons. */
    public io.jenkins.plugins.iamjanitor.plugin.QuarantineSection getQuarantine() {
        return new io.jenkins.plugins.iamjanitor.plugin.QuarantineSection(this);
    }

    /** The page's Release button: POST with a crumb; who may release is checked by the quarantine section. */
    @RequirePOST
    public HttpResponse doRelease(@QueryParameter String user) {
        return io.jenkins.plugins.iamjanitor.plugin.QuarantineSection.release(this, user);
    }

    @Override
    public void onAttached(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public String getIconFileName() {
        return "symbol-people-outline plugin-ionicons-api";
    }

    @Override
    public String getDisplayName() {
        return "IAM review";
    }

    @Override
    public String getUrlName() {
        return "iam-review";
    }
}
