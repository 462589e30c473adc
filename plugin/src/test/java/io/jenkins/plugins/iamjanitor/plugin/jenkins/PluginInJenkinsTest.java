package io.jenkins.plugins.iamjanitor.plugin.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import io.jenkins.plugins.iamjanitor.plugin.IamJanitorConfiguration;
import java.util.List;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The plugin loaded into a real Jenkins 2.555.3 with the Pipeline plugins. */
@WithJenkins
class PluginInJenkinsTest {

    @Test
    void theFiveStepsAndTheConfigurationAreRegistered(JenkinsRule j) {
        for (String name : List.of("iamListInactive", "slackAskApproval", "jiraCreateReviewTicket",
                "cloudtrailEnrich", "iamDeleteUser")) {
            assertThat(StepDescriptor.byFunctionName(name)).as(name).isNotNull();
        }
        assertThat(IamJanitorConfiguration.get()).isNotNull();
    }

    @Test
    void anInvalidArgumentFailsTheBuildWithOneLine(JenkinsRule j) throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, "invalid");
        p.setDefinition(new CpsFlowDefinition("iamListInactive(days: 0)", true));
        WorkflowRun b = j.buildAndAssertStatus(Result.FAILURE, p);
        j.assertLogContains("iamListInactive: invalid argument 'days': must be between 1 and 3650, got 0", b);
        j.assertLogNotContains("\tat ", b);
    }
}
