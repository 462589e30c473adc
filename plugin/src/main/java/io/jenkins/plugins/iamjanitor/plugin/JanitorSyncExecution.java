package io.jenkins.plugins.iamjanitor.plugin;

import hudson.model.TaskListener;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;

/**
 * Base of the steps that run to completion on a background thread: opens the build log (masking every secret the
 * step reads), turns expected failures into a one-line step failure, and closes the adapters afterwards.
 *
 * @param <S> the step, holding the arguments
 * @param <T> the plain value handed back to Pipeline
 */
abstract class JanitorSyncExecution<S, T> extends SynchronousNonBlockingStepExecution<T> {
    private static final long serialVersionUID = 1L;
    private final transient String functionName;
    final transient S step;
    final transient JanitorServices services;

    JanitorSyncExecution(String functionName, S step, StepContext context, JanitorServices services) {
        super(context);
        this.functionName = functionName;
        this.step = step;
        this.services = services;
    }

    @Override
    protected final T run() throws Exception {
        BuildLog log = new BuildLog(getContext().get(TaskListener.class).getLogger(), services::secrets);
        try {
            return StepFailures.oneLine(functionName, log, () -> work(log));
        } finally {
            services.close();
        }
    }

    /** The step's work; IllegalArgumentException and ServiceException become the one-line failure. */
    abstract T work(BuildLog log) throws Exception;
}
