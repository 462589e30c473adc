package io.jenkins.plugins.iamjanitor.plugin;

import io.jenkins.plugins.iamjanitor.core.config.EffectivePolicy;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionResult;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionSettings;
import io.jenkins.plugins.iamjanitor.core.deletion.DeletionStatus;
import io.jenkins.plugins.iamjanitor.core.deletion.UserDeleter;
import io.jenkins.plugins.iamjanitor.core.policy.InactivityPolicy;
import io.jenkins.plugins.iamjanitor.core.port.ReportStore;
import io.jenkins.plugins.iamjanitor.core.port.ServiceException;
import io.jenkins.plugins.iamjanitor.core.port.TicketTracker;
import io.jenkins.plugins.iamjanitor.core.quarantine.QuarantinePorts;
import io.jenkins.plugins.iamjanitor.core.quarantine.QuarantineSettings;
import io.jenkins.plugins.iamjanitor.core.quarantine.QuarantineSweep;
import io.jenkins.plugins.iamjanitor.core.quarantine.SweepCap;
import io.jenkins.plugins.iamjanitor.core.review.ReviewPorts;
import io.jenkins.plugins.iamjanitor.core.review.ReviewRecord;
import io.jenkins.plugins.iamjanitor.core.review.UserStage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;

/**
 * The quarantine sweep of one job ({@code iamQuarantineSweep}): every user a real review of this job quarantined
 * (read from the job's {@link QuarantineVault}, so discarded builds do not matter) goes through the core
 * {@link QuarantineSweep}, once per AWS target and account the reviews acted on: deleted when due and untouched,
 * "wanted back?" on any sign of use. Deletions share the configured per-run cap. Call it holding the vault's lock.
 */
final class JobQuarantineSweep {
    private final QuarantineVault vault;
    private final JanitorServices services;
    private final ReportStore reports;
    /** Fails (one line) unless the job may act with the target; the boolean: a role other than the configured one. */
    private final BiConsumer<AwsTarget, Boolean> authority;
    private final Path backups;
    private final BuildLog log;

    JobQuarantineSweep(QuarantineVault vault, JanitorServices services, ReportStore reports,
            BiConsumer<AwsTarget, Boolean> authority, Path backups, BuildLog log) {
        this.vault = vault;
        this.services = services;
        this.reports = reports;
        this.authority = authority;
        this.backups = backups;
        this.log = log;
    }

    Map<String, Object> sweep(boolean dryRun, EffectivePolicy policy) {
        JanitorDefaults defaults = services.defaults();
        AwsTarget admin = StepPolicy.adminAws(defaults);
        authority.accept(admin, false);
        QuarantineSettings settings = ReviewQuarantine.settings(policy, null, null);
        List<ReviewRecord> pending = vault.pending();
        long users = pending.stream().flatMap(r -> r.deletions().stream())
                .filter(d -> d.status() == DeletionStatus.QUARANTINED).count();
        log.progress((dryRun ? "DRY RUN: " : "") + "Quarantine sweep: " + users + " quarantined user(s) in "
                + pending.size() + " review(s) of this job (" + vault.directory() + ")");
        Map<Group, List<String>> groups = new LinkedHashMap<>();
        for (ReviewRecord r : pending) {
            vault.placement(r.reviewId()).ifPresentOrElse(
                    p -> groups.computeIfAbsent(new Group(p.target(), r.accountId()), g -> new ArrayList<>())
                            .add(r.reviewId()),
                    () -> log.progress("Review " + r.reviewId() + " has no recorded AWS target; skipped"));
        }
        SweepCap capped = new SweepCap(defaults.maxDeletions());
        List<QuarantineSweep.Outcome> outcomes = new ArrayList<>();
        for (Map.Entry<Group, List<String>> g : groups.entrySet()) {
            AwsTarget target = withExternalId(g.getKey().target(), admin);
            authority.accept(target, !Objects.equals(target.roleArn(), admin.roleArn()));
            Set<String> ids = Set.copyOf(g.getValue());
            UserDeleter deleter = new UserDeleter(services.iamDirectory(target), services.iamUserAdmin(target),
                    services.backupStore(backups), new InactivityPolicy(policy.policySettings(), services.clock()),
                    new DeletionSettings(dryRun, defaults.maxDeletions()), services.clock());
            QuarantinePorts ports = new QuarantinePorts(services.iamDirectory(target), services.iamUserAdmin(target),
                    services.iamQuarantineAdmin(target), services.activityLog(target),
                    services.backupStore(vault.backupDir()), vault.store(r -> ids.contains(r.reviewId())), capped.around(ReviewPorts.deletion(deleter)),
                    tickets(), services.notifier(), reports);
            outcomes.addAll(new QuarantineSweep(ports, settings, g.getKey().accountId(), dryRun,
                    policy.jiraDoneStatus(), services.clock()).sweep(log));
        }
        return result(outcomes, capped.planned(), dryRun);
    }

    private Map<String, Object> result(List<QuarantineSweep.Outcome> outcomes, List<String> planned, boolean dryRun) {
        Map<String, Object> users = new LinkedHashMap<>();
        for (QuarantineSweep.Outcome o : outcomes) {
            Map<String, Object> u = new LinkedHashMap<>();
            u.put("reviewId", o.reviewId());
            u.put("status", o.status().name().toLowerCase(java.util.Locale.ROOT));
            UserStage stage = vault.load(o.reviewId()).map(r -> UserStage.of(r, o.userName())).orElse(null);
            u.put("stage", stage == null ? null : stage.describe());
            u.put("nextDate", stage == null ? "" : stage.nextDate());
            u.put("line", o.line());
            users.put(o.userName(), u);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("dryRun", dryRun);
        out.put("users", users);
        out.put("deleted", names(outcomes, DeletionStatus.DELETED));
        out.put("wantedBack", names(outcomes, DeletionStatus.WANTED_BACK));
        out.put("planned", new ArrayList<>(planned));
        List<String> waiting = names(outcomes, DeletionStatus.QUARANTINED);
        waiting.removeAll(planned);
        out.put("quarantined", waiting);
        out.put("notFound", names(outcomes, DeletionStatus.NOT_FOUND));
        log.progress("Quarantine sweep " + (dryRun ? "(dry run) " : "") + "done: " + out.get("deleted") + " deleted, "
                + planned + " would be deleted, " + out.get("wantedBack") + " wanted back?, " + waiting
                + " still quarantined");
        return out;
    }

    private static List<String> names(List<QuarantineSweep.Outcome> outcomes, DeletionStatus status) {
        return outcomes.stream().filter(o -> o.status() == status).map(QuarantineSweep.Outcome::userName)
                .collect(Collectors.toCollection(ArrayList::new));
    }

    /** The review ticket's tracker; null when Jira is not configured (the follow-ups then skip the ticket). */
    private TicketTracker tickets() {
        try {
            return services.ticketTracker(services.defaults().jiraProjectKey(), services.defaults().jiraIssueType());
        } catch (ServiceException e) {
            log.progress("Tickets not updated: " + e.getMessage());
            return null;
        }
    }

    /** The configured external id goes with the configured role only (as for the review's own steps). */
    static AwsTarget withExternalId(AwsTarget recorded, AwsTarget configured) {
        boolean configuredRole = Objects.equals(recorded.roleArn(), configured.roleArn());
        return new AwsTarget(recorded.credentialsId(), recorded.region(), recorded.roleArn(),
                configuredRole ? configured.externalId() : null);
    }

    private record Group(AwsTarget target, String accountId) {
    }

    /** The configured cap across the whole sweep (every review, every target), and the names a dry run plans. */
}
