package io.jenkins.plugins.iamjanitor.plugin;

import hudson.model.TaskListener;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import org.jenkinsci.plugins.workflow.steps.BodyInvoker;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * A unit-test double of Pipeline's step context (JenkinsRule tests use the real one): records the outcome and the build log. Serializable like the real one,
 * so an execution holding it survives a simulated controller restart (serialize + deserialize).
 */
final class FakeStepContext extends StepContext {
    private static final long serialVersionUID = 1L;
    private final StringBuffer log = new StringBuffer();
    private Object result;
    private Throwable failure;
    private int completions;

    @Override
    public <T> T get(Class<T> key) {
        if (key == TaskListener.class) {
            PrintStream out = new PrintStream(new OutputStream() {
                @Override
                public void write(int b) {
                    log.append((char) b);
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    log.append(new String(b, off, len, StandardCharsets.UTF_8));
                }
            }, true, StandardCharsets.UTF_8);
            return key.cast((TaskListener) () -> out);
        }
        return null;
    }

    @Override
    public synchronized void onSuccess(Object value) {
        completions++;
        result = value;
    }

    @Override
    public synchronized void onFailure(Throwable t) {
        completions++;
        failure = t;
    }

    @Override
    public BodyInvoker newBodyInvoker() {
        throw new UnsupportedOperationException("no body in these steps");
    }

    @Override
    public ListenableFuture<Void> saveState() {
        return Futures.immediateFuture(null);
    }

    @Override
    @SuppressWarnings("deprecation")
    public void setResult(hudson.model.Result r) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean isReady() {
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }

    String log() {
        return log.toString();
    }

    Object result() {
        return result;
    }

    Throwable failure() {
        return failure;
    }

    int completions() {
        return completions;
    }

    boolean done() {
        return completions > 0;
    }
}
