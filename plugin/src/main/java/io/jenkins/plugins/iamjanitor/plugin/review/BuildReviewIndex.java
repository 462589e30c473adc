package io.jenkins.plugins.iamjanitor.plugin.review;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.Action;
import hudson.model.Run;
import io.jenkins.plugins.iamjanitor.core.review.ReviewRecord;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import jenkins.model.TransientActionFactory;

/**
 * The build's "IAM reviews" page ({@code iam-reviews}) when a build runs several reviews (one per AWS account): one
 * sidebar link instead of one per account, and a table linking each account's review page. Computed from the build's
 * {@link BuildReview}s on every request, so it holds no state and needs nothing after a restart.
 */
public final class BuildReviewIndex implements Action {
    private final Run<?, ?> run;

    BuildReviewIndex(Run<?, ?> run) {
        this.run = run;
    }

    public Run<?, ?> getRun() {
        return run;
    }

    /** One line per review, in the order the reviews were started. */
    public List<Entry> getEntries() {
        List<Entry> out = new ArrayList<>();
        for (BuildReview review : BuildReview.all(run)) {
            out.add(new Entry(review));
        }
        return out;
    }

    /** One review as the index shows it (bean getters for Jelly). */
    public static final class Entry {
        private final BuildReview review;
        private final ReviewRecord record;

        Entry(BuildReview review) {
            this.review = review;
            this.record = review.record();
        }

        public String getUrl() {
            return review.getUrlName();
        }

        public String getReviewId() {
            return review.getReviewId();
        }

        public String getAccountId() {
            return record.accountId();
        }

        public int getScanned() {
            return record.scan() == null ? 0 : record.scan().usersScanned();
        }

        public int getFlagged() {
            return record.candidates().size();
        }

        public int getApproved() {
            return record.approvedCandidates().size();
        }

        public String getStage() {
            return record.stage().name();
        }

        public String getTicket() {
            return record.ticket() == null ? null : record.ticket().key();
        }
    }

    @Override
    public String getIconFileName() {
        return BuildReview.ICON;
    }

    @Override
    public String getDisplayName() {
        return "IAM reviews (" + BuildReview.all(run).size() + " accounts)";
    }

    @Override
    public String getUrlName() {
        return "iam-reviews";
    }

    /** Adds the index to builds with two or more reviews; a build with one keeps its single "IAM review" link. */
    @Extension
    @SuppressWarnings("rawtypes") // TransientActionFactory<Run>: the factory type of every build
    public static final class Factory extends TransientActionFactory<Run> {
        @Override
        public Class<Run> type() {
            return Run.class;
        }

        @NonNull
        @Override
        public Collection<? extends Action> createFor(@NonNull Run target) {
            return BuildReview.all(target).size() > 1 ? List.of(new BuildReviewIndex(target)) : List.of();
        }
    }
}
