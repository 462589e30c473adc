package io.jenkins.plugins.iamjanitor.plugin;

import hudson.model.Run;
import hudson.model.TaskListener;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;

/** What every IAM Janitor step needs from Pipeline: the build (credentials, artifacts) and its log. */
public abstract class JanitorStepDescriptor extends StepDescriptor {
    @Override
    public Set<? extends Class<?>> getRequiredContext() {
        return Set.of(Run.class, TaskListener.class);
    }
}
