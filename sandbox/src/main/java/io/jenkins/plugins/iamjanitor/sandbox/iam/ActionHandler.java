package io.jenkins.plugins.iamjanitor.sandbox.iam;

/** Handles one Query action; returns the inner XML of the {@code <XxxResult>} element ("" for output-less calls). */
@FunctionalInterface
interface ActionHandler {
    String handle(QueryRequest request);
}
