package io.jenkins.plugins.iamjanitor.core.config;

import java.util.List;
import java.util.stream.Collectors;

/** Every problem found in a policy file (or a merge of two), reported together so one edit can fix them all. */
public final class PolicyException extends RuntimeException {
    private final transient List<PolicyError> errors;

    public PolicyException(List<PolicyError> errors) {
        super(summary(errors));
        this.errors = List.copyOf(errors);
    }

    public List<PolicyError> errors() {
        return errors;
    }

    private static String summary(List<PolicyError> errors) {
        return errors.size() == 1 ? errors.get(0).toString()
                : errors.size() + " problems: " + errors.stream().map(PolicyError::toString)
                        .collect(Collectors.joining("; "));
    }
}
