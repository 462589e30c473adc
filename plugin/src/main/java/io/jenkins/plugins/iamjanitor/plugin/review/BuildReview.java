package io.jenkins.plugins.iamjanitor.plugin.review;

import hudson.model.Run;
import io.jenkins.plugins.iamjanitor.core.review.ReviewRecord;
import io.jenkins.plugins.iamjanitor.integrations.review.JsonReviewStore;
import java.nio.file.Path;
import java.util.List;
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
 * restart with the build; the action itself holds only the id, the scope and, for a per-account review, the account.
 * A build runs one review, or one per AWS account (the organisation fan-out): each its own action, id, record file,
 * cap, backups folder and page ({@code iam-review} alone, {@code iam-review-<account>} per account).
 */
public final class BuildReview implements RunAction2 {
    static final String DIR = "iam-janitor";
    static final String ICON = "symbol-people-outline plugin-ionicons-api";

    private final String reviewId;
    /** What the scan ran against and with which policy; null for a review started without one. */
    private ReviewScope scope;
    /** The AWS account of a per-account review (one of several in the build); null for the build's only review. */
    private String account;
    private transient Run<?, ?> run;

    private BuildReview(Run<?, ?> run, String reviewId) {
        this.run = run;
        this.reviewId = reviewId;
    }

    /** Records a new review on the build (the build's only one, for the account its scan ran in). */
    public static BuildReview start(Run<?, ?> run, ReviewRecord initial) throws java.io.IOException {
        return start(run, initial, null, null);
    }

    /** Like {@link #start(Run, ReviewRecord)}, also recording the scan's account, identity and policy. */
    public static BuildReview start(Run<?, ?> run, ReviewRecord initial, ReviewScope scope)
            throws java.io.IOException {
        return start(run, initial, scope, null);
    }

    /**
     * Records a new review on the build. Several reviews may run in one build, one per AWS account ({@code account}:
     * the account a per-account review was started for, from its role; null for the build's single review). A second
     * review of the same account, or with the same id, is refused: it would give that account a second cap. Serialised
     * across the build's parallel branches, so two branches cannot both pass the check.
     */
    public static BuildReview start(Run<?, ?> run, ReviewRecord initial, ReviewScope scope, String account)
            throws java.io.IOException {
        synchronized (BuildReview.class) {
            refuseSecond(run, initial.reviewId(), account);
            for (BuildReview other : all(run)) {
                String otherAccount = other.account != null ? other.account : other.record().accountId();
                String thisAccount = account != null ? account : initial.accountId();
                if (thisAccount != null && thisAccount.equals(otherAccount)) {
                    throw new IllegalArgumentException("this build already started review " + other.reviewId
                            + " of account " + thisAccount + "; one review per account and build");
                }
            }
            BuildReview review = new BuildReview(run, initial.reviewId());
            review.scope = scope;
            review.account = account;
            review.store().save(initial);
            run.addAction(review);
            run.save();
            return review;
        }
    }

    /**
     * Fails when the build already has a review with that id or of that account ({@code account}: known before the
     * scan from the role; null for the build's single review): called before a scan, so a refused review costs no AWS
     * call. {@link #start} checks again with the account the scan found.
     */
    public static void refuseSecond(Run<?, ?> run, String reviewId, String account) {
        for (BuildReview other : all(run)) {
            if (other.reviewId.equals(reviewId)) {
                throw new IllegalArgumentException("this build already started review " + other.reviewId
                        + (account == null ? "; one review per build (per account when each names its roleArn)"
                                : " of account " + account + "; one review per account and build"));
            }
            if (account != null && account.equals(other.account)) {
                throw new IllegalArgumentException("this build already started review " + other.reviewId
                        + " of account " + account + "; one review per account and build");
            }
        }
    }

    /** The build's reviews, in the order they were started. */
    public static List<BuildReview> all(Run<?, ?> run) {
        // The persisted actions only: getActions(Class) would ask the transient factories, BuildReviewIndex among them.
        return run.getActions().stream().filter(BuildReview.class::isInstance).map(BuildReview.class::cast).toList();
    }

    /**
     * The build's review with that id (null: its only review); a clear error when the build has none, several and no
     * id was given, or none with that id (an id from elsewhere is never trusted).
     */
    public static BuildReview require(Run<?, ?> run, String reviewId) {
        List<BuildReview> reviews = all(run);
        if (reviews.isEmpty()) {
            throw new IllegalArgumentException("this build has no IAM review: call iamListInactive first");
        }
        if (reviewId == null) {
            if (reviews.size() > 1) {
                throw new IllegalArgumentException("this build runs " + reviews.size() + " reviews; pass review: the"
                        + " result of iamListInactive");
            }
            return reviews.get(0);
        }
        for (BuildReview review : reviews) {
            if (review.reviewId.equals(reviewId)) {
                return review;
            }
        }
        throw new IllegalArgumentException("review '" + reviewId + "' is not this build's review ("
                + String.join(", ", reviews.stream().map(BuildReview::getReviewId).toList()) + ")");
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

    /** The 12-digit account of a role ARN ({@code arn:aws:iam::<account>:role/...}); null when it names none. */
    public static String accountOfRole(String roleArn) {
        String[] parts = roleArn == null ? new String[0] : roleArn.split(":", -1);
        return parts.length > 5 && parts[4].matches("\\d{12}") ? parts[4] : null;
    }

    public String getReviewId() {
        return reviewId;
    }

    /** The account this per-account review was started for; null for the build's single review. */
    public String getAccountId() {
        return account;
    }

    /** The account's alias the scan read from IAM; null when it has none, it could not be read, or no scan ran. */
    public String accountAlias() {
        return scope == null ? null : scope.accountAlias();
    }

    /** How the page, Slack and Jira name the account: {@code <id> (<alias>)}, the id alone without an alias. */
    public String getAccountLabel() {
        String id = account != null ? account : record().accountId();
        String alias = accountAlias();
        return id == null ? null : alias == null ? id : id + " (" + alias + ")";
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

    /** In the sidebar only when it is the build's only review; several are listed by {@link BuildReviewIndex}. */
    @Override
    public String getIconFileName() {
        return run != null && all(run).size() > 1 ? null : ICON;
    }

    @Override
    public String getDisplayName() {
        return account == null ? "IAM review" : "IAM review of account " + account
                + (accountAlias() == null ? "" : " (" + accountAlias() + ")");
    }

    /** Stable whatever else the build runs: {@code iam-review}, or {@code iam-review-<account>} per account. */
    @Override
    public String getUrlName() {
        return account == null ? "iam-review" : "iam-review-" + account;
    }
}
