package io.jenkins.plugins.iamjanitor.plugin;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Validation of Pipeline arguments. Every failure names the argument, so the build log says what to fix. */
final class StepArguments {
    private static final Pattern USER_NAME = Pattern.compile("[\\w+=,.@-]{1,64}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d");
    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[\\w-]*:iam::\\d{12}:role/[\\w+=,.@/-]+");

    private StepArguments() {
    }

    static IllegalArgumentException invalid(String argument, String problem) {
        return new IllegalArgumentException("invalid argument '" + argument + "': " + problem);
    }

    static int positive(String argument, Integer value, int fallback, int max) {
        int v = value == null ? fallback : value;
        if (v < 1 || v > max) {
            throw invalid(argument, "must be between 1 and " + max + ", got " + v);
        }
        return v;
    }

    static String userName(String argument, Object value) {
        if (!(value instanceof CharSequence text) || !USER_NAME.matcher(text).matches()) {
            throw invalid(argument, "'" + value + "' is not an IAM user name");
        }
        return text.toString();
    }

    /** Users as given by iamListInactive (maps with a "user" key) or plain user names. */
    static List<Map<String, Object>> users(String argument, Object value) {
        if (!(value instanceof List<?> list) || list.isEmpty()) {
            throw invalid(argument, "expected a non-empty list of user names or of maps returned by iamListInactive");
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Object item = list.get(i);
            if (item instanceof Map<?, ?> map) {
                userName(argument + "[" + i + "].user", map.get("user"));
                out.add(PipelineValues.stringKeys(map));
            } else {
                out.add(Map.of("user", userName(argument + "[" + i + "]", item)));
            }
        }
        return out;
    }

    static Map<String, Object> map(String argument, Object value, boolean required) {
        if (value == null && !required) {
            return null;
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw invalid(argument, "expected the map returned by the previous step, got "
                    + (value == null ? "nothing" : value.getClass().getSimpleName()));
        }
        return PipelineValues.stringKeys(map);
    }

    static List<String> strings(String argument, List<String> value) {
        if (value == null) {
            return List.of();
        }
        for (String s : value) {
            if (s == null || s.isBlank()) {
                throw invalid(argument, "contains an empty entry");
            }
        }
        return List.copyOf(value);
    }

    /**
     * A step may narrow a configured allow-list, never widen it (otherwise whoever edits a Jenkinsfile could name
     * themselves). No argument: the allow-list itself.
     */
    static List<String> narrowing(String argument, List<String> chosen, List<String> allowList) {
        if (chosen == null) {
            return allowList;
        }
        List<String> ids = strings(argument, chosen);
        for (String id : ids) {
            if (!allowList.isEmpty() && !allowList.contains(id)) {
                throw invalid(argument, id + " is not on the configured approver allow-list");
            }
        }
        return ids;
    }

    static String region(String argument, String value) {
        if (value != null && !REGION.matcher(value).matches()) {
            throw invalid(argument, "'" + value + "' is not an AWS region (e.g. us-east-1)");
        }
        return value;
    }

    static String roleArn(String argument, String value) {
        if (value != null && !ROLE_ARN.matcher(value).matches()) {
            throw invalid(argument, "'" + value + "' is not an IAM role ARN (arn:aws:iam::123456789012:role/name)");
        }
        return value;
    }

    static Instant instant(String argument, Object value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value.toString());
        } catch (DateTimeParseException e) {
            throw invalid(argument, "'" + value + "' is not an ISO-8601 instant");
        }
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
