package io.jenkins.plugins.iamjanitor.plugin.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** iamListInactive in a real Pipeline (sandboxed Groovy) against the IAM emulator, configured as an admin would. */
@WithJenkins
class IamListInactiveInJenkinsTest {

    @Test
    void listsTheInactiveUsersAndTheScriptCanUseThePlainResult(JenkinsRule j) throws Exception {
        try (SandboxJenkins s = SandboxJenkins.start(j)) {
            WorkflowJob p = j.createProject(WorkflowJob.class, "scan");
            p.setDefinition(new CpsFlowDefinition("""
                    def users = iamListInactive(days: 21)
                    echo "flagged=${users.size()} first=${users[0].userName} users=${users.collect { it.userName }.sort()}"
                    """, true));
            WorkflowRun b = j.buildAndAssertSuccess(p);
            j.assertLogContains("users are inactive", b);
            j.assertLogContains("of 40 users are inactive", b);
            // The built-in scenario announces its verdicts (DefaultScenarioScanTest): these are among the flagged.
            j.assertLogContains("peggy.edge-22-days", b);
            j.assertLogNotContains(SandboxJenkins.AWS_SECRET, b);
            assertThat(b.getResult()).isEqualTo(Result.SUCCESS);
        }
    }
}
