package io.jenkins.plugins.iamjanitor.core.deletion;

/** What a destructive call did. A NoSuchEntity on a dependent means it is already gone: not an error. */
public enum StepResult {
    DONE,
    ALREADY_GONE
}
