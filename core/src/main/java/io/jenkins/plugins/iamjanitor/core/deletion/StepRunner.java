package io.jenkins.plugins.iamjanitor.core.deletion;

import io.jenkins.plugins.iamjanitor.core.port.IamUserAdmin;
import io.jenkins.plugins.iamjanitor.core.port.ProgressListener;
import io.jenkins.plugins.iamjanitor.core.port.ServiceException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Runs one user's plan call by call. NoSuchEntity is "already gone"; a DeleteConflict re-reads the user, removes the
 * dependents that are still there (only those the backup knows of) and retries the call once.
 */
final class StepRunner {
    private final IamUserAdmin admin;
    private final UserSnapshot backedUp;
    private final ProgressListener progress;
    private final List<DeletionStep> executed = new ArrayList<>();
    private int alreadyGone;

    StepRunner(IamUserAdmin admin, UserSnapshot backedUp, ProgressListener progress) {
        this.admin = admin;
        this.backedUp = backedUp;
        this.progress = progress;
    }

    DeletionResult run(List<DeletionStep> plan, String backup) {
        String user = backedUp.userName();
        Set<String> known = keys(plan);
        for (DeletionStep step : plan) {
            try {
                apply(step);
            } catch (DeleteConflictException conflict) {
                progress.progress(step.describe() + " refused (DeleteConflict); re-reading the user and retrying once");
                Optional<String> failure = resolveConflict(step, known);
                if (failure.isPresent()) {
                    return new DeletionResult(user, DeletionStatus.FAILED, failure.get(), backup, executed,
                            notRun(plan));
                }
            } catch (ServiceException e) {
                return new DeletionResult(user, DeletionStatus.FAILED, step.describe() + " failed: " + e.getMessage()
                        + "; run again to finish (completed calls are skipped)", backup, executed, notRun(plan));
            }
        }
        String reason = alreadyGone == 0 ? null : alreadyGone + " of " + executed.size()
                + " call(s) found their target already gone (finished an earlier, interrupted run)";
        return new DeletionResult(user, DeletionStatus.DELETED, reason, backup, executed);
    }

    /** The plan's calls that were not made, in order. */
    private List<DeletionStep> notRun(List<DeletionStep> plan) {
        Set<String> made = keys(executed);
        return plan.stream().filter(s -> !made.contains(key(s))).toList();
    }

    private void apply(DeletionStep step) {
        StepResult result = admin.apply(step);
        executed.add(step);
        if (result == StepResult.ALREADY_GONE) {
            alreadyGone++;
        }
        progress.progress(step.describe() + (result == StepResult.ALREADY_GONE ? " - already gone" : " - done"));
    }

    /** Empty when the retried call went through; otherwise why the user could not be finished. */
    private Optional<String> resolveConflict(DeletionStep step, Set<String> known) {
        Optional<UserSnapshot> fresh = admin.snapshot(step.userName());
        if (fresh.isEmpty()) {
            return step.action() == DeletionAction.DELETE_USER ? Optional.empty()
                    : Optional.of(step.describe() + " refused (DeleteConflict) and the user has vanished meanwhile");
        }
        List<DeletionStep> blocking = DeletionPlanner.plan(fresh.get()).stream()
                .filter(s -> s.action().compareTo(step.action()) < 0)
                .toList();
        List<String> unknown = blocking.stream().filter(s -> !known.contains(key(s))).map(DeletionStep::describe)
                .toList();
        if (!unknown.isEmpty()) {
            // Something appeared after the backup: deleting it would lose data nobody saw or approved.
            return Optional.of(step.describe() + " blocked by dependent(s) that appeared after the backup: "
                    + String.join(", ", unknown) + "; not deleted, review and run again");
        }
        try {
            for (DeletionStep dependent : blocking) {
                apply(dependent);
            }
            apply(step);
            return Optional.empty();
        } catch (DeleteConflictException again) {
            List<String> left = admin.snapshot(step.userName())
                    .map(s -> DeletionPlanner.plan(s).stream()
                            .filter(d -> d.action().compareTo(step.action()) < 0)
                            .map(DeletionStep::describe).toList())
                    .orElse(List.of());
            return Optional.of(step.describe() + " refused twice (DeleteConflict: " + again.getMessage() + ")"
                    + (left.isEmpty() ? "" : "; blocking dependent(s): " + String.join(", ", left)));
        } catch (ServiceException e) {
            return Optional.of("retry after DeleteConflict failed: " + e.getMessage());
        }
    }

    private static Set<String> keys(List<DeletionStep> plan) {
        Set<String> out = new HashSet<>();
        plan.forEach(s -> out.add(key(s)));
        return out;
    }

    private static String key(DeletionStep s) {
        return s.action() + "|" + s.target();
    }
}
