package io.jenkins.plugins.iamjanitor.plugin;

import hudson.AbortException;
import io.jenkins.plugins.iamjanitor.core.port.ServiceException;

/** Turns expected failures into a one-line step failure; anything else keeps its stack trace for diagnosis. */
final class StepFailures {
    private StepFailures() {
    }

    interface Body<T> {
        T run() throws Exception;
    }

    static <T> T oneLine(String functionName, BuildLog log, Body<T> body) throws Exception {
        try {
            return body.run();
        } catch (IllegalArgumentException | ServiceException e) {
            String message = functionName + ": " + log.mask(e.getMessage());
            log.progress("FAILED " + message);
            throw new AbortException(message);
        }
    }
}
