package io.jenkins.plugins.iamjanitor.core.port;

import io.jenkins.plugins.iamjanitor.core.review.ReviewRecord;
import java.util.List;
import java.util.Optional;

/** Where review records live between stages and across runs (JSON files, a Jenkins build directory). */
public interface ReviewStore {

    /** Replaces the record atomically (temp file, fsync, rename): after a crash the old or the new one is there. */
    void save(ReviewRecord record);

    /**
     * Stores a new record only if no record of that id exists yet (create-new, atomically where the store can).
     *
     * @return false when the id was taken (nothing written): the caller picks another id
     */
    default boolean create(ReviewRecord record) {
        if (load(record.reviewId()).isPresent()) {
            return false;
        }
        save(record);
        return true;
    }

    Optional<ReviewRecord> load(String reviewId);

    /** Every stored record, oldest first. A record that cannot be read is an error, never silently skipped. */
    List<ReviewRecord> list();

    /** The newest review of this account that is still in progress, i.e. the one a re-run resumes. */
    default Optional<ReviewRecord> findUnfinished(String accountId) {
        List<ReviewRecord> all = list();
        for (int i = all.size() - 1; i >= 0; i--) {
            ReviewRecord r = all.get(i);
            if (!r.finished() && java.util.Objects.equals(r.accountId(), accountId)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
