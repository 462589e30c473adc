package org.jenkinsci.plugins.workflow.steps;

public abstract class SynchronousNonBlockingStepExecution<T> extends StepExecution {
    private static final long serialVersionUID = 1L;

    protected SynchronousNonBlockingStepExecution(StepContext context) {
        super(context);
    }

    protected abstract T run() throws Exception;

    /**
     * Upstream runs {@link #run()} on a background thread. The shim is on the plugin's test classpath, so here it
     * runs inline and reports to the context the same way, which is what the unit tests observe.
     */
    @Override
    public final boolean start() throws Exception {
        try {
            getContext().onSuccess(run());
        } catch (Exception | Error e) {
            getContext().onFailure(e);
        }
        return false;
    }
}
