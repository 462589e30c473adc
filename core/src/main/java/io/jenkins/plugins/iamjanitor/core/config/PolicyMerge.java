package io.jenkins.plugins.iamjanitor.core.config;

import io.jenkins.plugins.iamjanitor.core.policy.ExemptionRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Combines policy files key by key (see {@link PolicyFields}).
 *
 * <p>{@link #jobOverGlobal}: a job's file (a Jenkinsfile's, written by whoever can push a branch) may only make the
 * administrator's global policy safer. It adds exemptions and CloudTrail regions; it may raise the threshold, the
 * grace period and {@code deleteAfterDays}, lower {@code maxDeletions}, make unknown activity block and choose
 * quarantine over delete; it may fill in a value the global file leaves unset. Anything else it sets is an error,
 * all of them reported at once.
 *
 * <p>{@link #overlay}: the command line's flags replace single values of a file (each replacement is reported so
 * that nobody wonders which one won); exemptions given as flags are added, never replacing the file's.
 */
public final class PolicyMerge {
    /** Keys whose values are unioned rather than replaced. */
    private static final List<String> ADDITIVE = List.of("exemptions", "cloudTrail.regions");
    /** Keys a job may change only upwards (more days before anything happens). */
    private static final List<String> ONLY_UP = List.of("thresholdDays", "gracePeriodDays", "deleteAfterDays");

    private PolicyMerge() {
    }

    /** The global policy with the job's additions; throws {@link PolicyException} listing every refused change. */
    public static PolicyFile jobOverGlobal(PolicyFile global, PolicyFile job) {
        Map<String, Object> merged = PolicyFields.flatten(global);
        List<PolicyError> errors = new ArrayList<>();
        EffectivePolicy g = global.effective();
        for (Map.Entry<String, Object> e : PolicyFields.flatten(job).entrySet()) {
            String key = e.getKey();
            Object value = e.getValue();
            Object current = merged.get(key);
            if (ADDITIVE.contains(key)) {
                merged.put(key, union(current, value));
            } else if (current == null && !safetyKey(key) || Objects.equals(current, value) || safer(key, value, g)) {
                merged.put(key, value);
            } else {
                errors.add(new PolicyError(job.source(), 0, 0, key + ": " + show(value)
                        + " would weaken the global policy (" + describe(key, current, g) + " in " + global.source()
                        + "); a job's file may only add exemptions or make the policy stricter"));
            }
        }
        if (!errors.isEmpty()) {
            throw new PolicyException(errors);
        }
        return PolicyFields.rebuild(global.source() + " + " + job.source(), merged);
    }

    /**
     * {@code overrides} over {@code base}.
     *
     * @param flagNames the command-line flag for a key (e.g. {@code thresholdDays -> --days}), to say which won
     * @param notes     receives one line per value the overrides replace
     */
    public static PolicyFile overlay(PolicyFile base, PolicyFile overrides, Map<String, String> flagNames,
            java.util.function.Consumer<String> notes) {
        Map<String, Object> merged = PolicyFields.flatten(base);
        for (Map.Entry<String, Object> e : PolicyFields.flatten(overrides).entrySet()) {
            String key = e.getKey();
            Object current = merged.get(key);
            if (key.equals("exemptions")) {
                merged.put(key, union(current, e.getValue()));
                continue;
            }
            if (current != null && !current.equals(e.getValue())) {
                notes.accept(flagNames.getOrDefault(key, key) + " " + show(e.getValue()) + " overrides " + key + ": "
                        + show(current) + " from " + base.source());
            }
            merged.put(key, e.getValue());
        }
        return PolicyFields.rebuild(base.source(), merged);
    }

    /** Keys whose unset global value still means a default the job must not weaken. */
    private static boolean safetyKey(String key) {
        return ONLY_UP.contains(key) || key.equals("maxDeletions") || key.equals("unknownActivity")
                || key.equals("action") || key.equals("approvers");
    }

    private static boolean safer(String key, Object value, EffectivePolicy g) {
        return switch (key) {
            case "thresholdDays" -> (Integer) value >= g.thresholdDays();
            case "gracePeriodDays" -> (Integer) value >= g.gracePeriodDays();
            case "deleteAfterDays" -> g.deleteAfterDays() == null || (Integer) value >= g.deleteAfterDays();
            case "maxDeletions" -> (Integer) value <= g.maxDeletions();
            case "unknownActivity" -> value == PolicyFile.UnknownActivity.block;
            case "action" -> value == PolicyFile.Action.quarantine;
            default -> false;
        };
    }

    private static String describe(String key, Object current, EffectivePolicy g) {
        if (current != null) {
            return key + ": " + show(current);
        }
        return switch (key) {
            case "thresholdDays" -> "thresholdDays: " + g.thresholdDays();
            case "gracePeriodDays" -> "gracePeriodDays: " + g.gracePeriodDays();
            case "maxDeletions" -> "maxDeletions: " + g.maxDeletions();
            case "unknownActivity" -> "unknownActivity: " + g.unknownActivity();
            case "action" -> "action: " + g.action();
            default -> key + " unset";
        };
    }

    private static Object union(Object current, Object more) {
        LinkedHashSet<Object> all = new LinkedHashSet<>();
        if (current != null) {
            all.addAll((List<?>) current);
        }
        all.addAll((List<?>) more);
        if (!all.isEmpty() && all.iterator().next() instanceof ExemptionRule) {
            // The same rule twice with different reasons: keep the first (the global file's) only.
            Map<String, Object> byKey = new LinkedHashMap<>();
            all.forEach(r -> byKey.putIfAbsent(((ExemptionRule) r).key(), r));
            return List.copyOf(byKey.values());
        }
        return List.copyOf(all);
    }

    private static String show(Object value) {
        return value instanceof List<?> l ? String.join(", ", l.stream().map(String::valueOf).toList())
                : String.valueOf(value);
    }
}
