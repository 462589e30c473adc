package io.jenkins.plugins.iamjanitor.core.config;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A policy record as a flat map from the file's key path ({@code jira.project}) to the value, and back. Merging,
 * overriding and printing then work key by key, and a key added to {@link PolicyFile} needs no code here.
 * Unset values (null, empty lists) are left out of the map.
 */
public final class PolicyFields {
    private PolicyFields() {
    }

    /** Every set value by key path; {@code source} is not a key and is skipped. */
    public static Map<String, Object> flatten(Record policy) {
        Map<String, Object> out = new LinkedHashMap<>();
        flatten(policy, "", out);
        return out;
    }

    private static void flatten(Record r, String prefix, Map<String, Object> out) {
        for (RecordComponent c : r.getClass().getRecordComponents()) {
            if (c.getName().equals("source")) {
                continue;
            }
            Object value = get(c, r);
            String key = prefix + c.getName();
            if (value instanceof Record nested && c.getType().isRecord()) {
                flatten(nested, key + ".", out);
            } else if (value != null && !(value instanceof List<?> l && l.isEmpty())) {
                out.put(key, value);
            }
        }
    }

    /** The policy record whose set values are {@code values} (key paths as {@link #flatten} makes them). */
    public static PolicyFile rebuild(String source, Map<String, Object> values) {
        return (PolicyFile) build(PolicyFile.class, "", values, source);
    }

    /** Every key path a file may hold, sections first-level included (e.g. {@code jira}, {@code jira.project}). */
    public static List<String> keys() {
        Map<String, Object> out = new LinkedHashMap<>();
        keys(PolicyFile.class, "", out);
        return List.copyOf(out.keySet());
    }

    private static void keys(Class<?> type, String prefix, Map<String, Object> out) {
        for (RecordComponent c : type.getRecordComponents()) {
            if (!c.getName().equals("source")) {
                out.put(prefix + c.getName(), c.getType());
                if (c.getType().isRecord()) {
                    keys(c.getType(), prefix + c.getName() + ".", out);
                }
            }
        }
    }

    private static Object build(Class<?> type, String prefix, Map<String, Object> values, String source) {
        RecordComponent[] components = type.getRecordComponents();
        Object[] args = new Object[components.length];
        boolean any = false;
        for (int i = 0; i < components.length; i++) {
            RecordComponent c = components[i];
            String key = prefix + c.getName();
            if (c.getName().equals("source")) {
                args[i] = source;
            } else if (c.getType().isRecord() && !(values.get(key) instanceof Record)) {
                args[i] = build(c.getType(), key + ".", values, source);
            } else {
                args[i] = values.get(key);
            }
            any |= args[i] != null && !c.getName().equals("source");
        }
        if (!any && !prefix.isEmpty()) {
            return null;
        }
        try {
            Class<?>[] types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
            return type.getDeclaredConstructor(types).newInstance(args);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build " + type.getSimpleName(), e);
        }
    }

    private static Object get(RecordComponent c, Record r) {
        try {
            return c.getAccessor().invoke(r);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + c.getName(), e);
        }
    }
}
