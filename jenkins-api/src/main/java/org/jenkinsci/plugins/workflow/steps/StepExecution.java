package org.jenkinsci.plugins.workflow.steps;

import com.google.common.util.concurrent.ListenableFuture;
import java.io.Serializable;
import java.util.function.Consumer;

public abstract class StepExecution implements Serializable {
    private static final long serialVersionUID = 1L;

    // The shim is on the plugin's test classpath too, so the few members unit tests reach behave like upstream's.
    private final StepContext context;

    protected StepExecution(StepContext context) {
        this.context = context;
    }

    public StepContext getContext() {
        return context;
    }

    public abstract boolean start() throws Exception;

    public void stop(Throwable cause) throws Exception {
        getContext().onFailure(cause);
    }

    public void onResume() {
    }

    public String getStatus() {
        return null;
    }

    public static <T extends StepExecution> ListenableFuture<?> acceptAll(Class<T> type, Consumer<? super T> fn) {
        throw new UnsupportedOperationException("compile-only shim");
    }
}
