package io.jenkins.plugins.iamjanitor.plugin;

import hudson.model.Run;
import hudson.model.TaskListener;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * Base of an asynchronous step execution that survives a controller restart: it keeps no services across
 * serialization and looks them up again from the build when it is resumed.
 */
abstract class JanitorStepExecution extends StepExecution {
    private static final long serialVersionUID = 1L;
    private transient JanitorServices services;

    JanitorStepExecution(StepContext context, JanitorServices services) {
        super(context);
        this.services = services;
    }

    /** For tests, and what the Jenkins glue does lazily after deserialization. */
    void attach(JanitorServices newServices) {
        this.services = newServices;
    }

    JanitorServices services() {
        if (services == null) {
            try {
                services = JenkinsJanitorServices.forRun(getContext().get(Run.class));
            } catch (Exception e) {
                throw new IllegalStateException("cannot reach the IAM Janitor configuration", e);
            }
        }
        return services;
    }

    BuildLog log() throws Exception {
        return new BuildLog(getContext().get(TaskListener.class).getLogger(), () -> services().secrets());
    }

    void progress(String line) {
        try {
            log().progress(line);
        } catch (Exception e) {
            // The build log is gone (build aborted); what happened is recorded in the execution itself.
        }
    }
}
