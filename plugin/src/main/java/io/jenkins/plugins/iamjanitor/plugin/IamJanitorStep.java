package io.jenkins.plugins.iamjanitor.plugin;

import hudson.Extension;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.BodyExecutionCallback;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code iamJanitor(config: 'iam-janitor.yml') { ... }}: the job's policy file for every {@code iamListInactive} in the
 * block, without repeating it. The block only puts the file's name (or text) into the body's context
 * ({@link JanitorBlockPolicy}); each scan reads it from its own workspace and merges it over the global policy, then
 * its own {@code config:} and arguments over that, each only adding exemptions or tightening.
 */
public final class IamJanitorStep extends Step {
    private String config;
    private String configText;

    @DataBoundConstructor
    public IamJanitorStep() {
    }

    public String getConfig() {
        return config;
    }

    /** A path in the workspace of each scan inside the block. */
    @DataBoundSetter
    public void setConfig(String config) {
        this.config = StepArguments.blankToNull(config);
    }

    public String getConfigText() {
        return configText;
    }

    /** The job's policy file as YAML text. */
    @DataBoundSetter
    public void setConfigText(String configText) {
        this.configText = StepArguments.blankToNull(configText);
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(context, config, configText);
    }

    @Extension
    public static final class DescriptorImpl extends StepDescriptor {
        @Override
        public String getFunctionName() {
            return "iamJanitor";
        }

        @Override
        public String getDisplayName() {
            return "IAM Janitor policy file for the steps inside this block";
        }

        @Override
        public boolean takesImplicitBlockArgument() {
            return true;
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of();
        }
    }

    /** Starts the body with the block's policy file in its context; the block ends when the body does. */
    static final class Execution extends StepExecution {
        private static final long serialVersionUID = 1L;
        private final String config;
        private final String configText;

        Execution(StepContext context, String config, String configText) {
            super(context);
            this.config = config;
            this.configText = configText;
        }

        @Override
        public boolean start() throws Exception {
            if ((config == null) == (configText == null)) {
                throw new hudson.AbortException("iamJanitor: give config (a file in the workspace) or configText"
                        + " (YAML text)");
            }
            JanitorBlockPolicy outer = getContext().get(JanitorBlockPolicy.class);
            getContext().newBodyInvoker()
                    .withContext(JanitorBlockPolicy.inside(outer, config, configText))
                    .withCallback(BodyExecutionCallback.wrap(getContext()))
                    .start();
            return false;
        }

        @Override
        public void onResume() {
            // The body resumes on its own; its context (the policy file's name) was saved with the program.
        }
    }
}
