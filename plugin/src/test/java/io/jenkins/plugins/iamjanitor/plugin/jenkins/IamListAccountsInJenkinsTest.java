package io.jenkins.plugins.iamjanitor.plugin.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.domains.Domain;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
import hudson.model.Result;
import io.jenkins.plugins.iamjanitor.plugin.IamJanitorConfiguration;
import io.jenkins.plugins.iamjanitor.plugin.IamListAccountsStep;
import io.jenkins.plugins.iamjanitor.sandbox.org.OrgScenario;
import io.jenkins.plugins.iamjanitor.sandbox.org.OrganizationSandbox;
import org.jenkinsci.plugins.structs.describable.DescribableModel;
import org.jenkinsci.plugins.structs.describable.DescribableParameter;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * iamListAccounts in a sandboxed Pipeline against the sandbox organisation (the Organizations emulator over the
 * wire, through the bundled SDK client): OU path, filters, suspended account left out, job authority; then one
 * account's review through its role, and the account that denies AssumeRole failing with the reason.
 */
@WithJenkins
class IamListAccountsInJenkinsTest {

    @Test
    void listsTheActiveAccountsWithTheirOuPathsFiltersAndRefusesJobsWithoutAuthority(JenkinsRule j) throws Exception {
        try (OrganizationSandbox org = OrgScenario.builtIn().start()) {
            CredentialsProvider.lookupStores(j.jenkins).iterator().next().addCredentials(Domain.global(),
                    new UsernamePasswordCredentialsImpl(CredentialsScope.GLOBAL, SandboxJenkins.AWS_ID,
                            "management account keys", "AKIASANDBOX", SandboxJenkins.AWS_SECRET));
            IamJanitorConfiguration c = IamJanitorConfiguration.get();
            c.setAwsCredentialsId(SandboxJenkins.AWS_ID);
            c.setAwsRegion("us-east-1");
            c.setAwsEndpointUrl(org.iamEndpoint().toString());
            c.setOrganizationsEndpointUrl(org.organizationsEndpoint().toString());
            c.setAwsAllowedJobs("accounts");

            WorkflowJob p = j.createProject(WorkflowJob.class, "accounts");
            p.setDefinition(new CpsFlowDefinition("""
                    def all = iamListAccounts()
                    echo "all=" + all.collect { a -> "${a.id}|${a.name}|${a.email}|${a.status}|${a.ouPath}" }.join(',')
                    echo "untagged=" + all.collect { a -> a.tags.size() }.sum()
                    def prod = iamListAccounts(ous: ['ou-sbx0-prod0001'], excludeAccounts: ['333333333333'])
                    echo "prod=" + prod.collect { a -> a.id }.join(',')
                    def dev = iamListAccounts(accountTags: [env: 'dev'])
                    echo "dev=" + dev.collect { a -> "${a.id}:${a.tags.env}" }.join(',')
                    def picked = iamListAccounts(accounts: ['333333333333', '555555555555'])
                    echo "picked=" + picked.collect { a -> a.id }.join(',')
                    """, true));
            WorkflowRun b = j.buildAndAssertSuccess(p);
            // Ordered by id, nested OU paths, the suspended account left out and named with its reason.
            j.assertLogContains("all=222222222222|prod-payments|prod-payments@example.com|ACTIVE|Root/prod/apps,"
                    + "333333333333|prod-web|prod-web@example.com|ACTIVE|Root/prod,"
                    + "444444444444|dev-sandbox|dev-sandbox@example.com|ACTIVE|Root/sandboxes\n", b);
            j.assertLogContains("skipped 555555555555 (closed-project): account status is SUSPENDED", b);
            j.assertLogContains("untagged=0", b);
            // Nested units included; the deny list wins.
            j.assertLogContains("prod=222222222222\n", b);
            // Tags are read when a tag filter asks for them; the suspended dev account stays out.
            j.assertLogContains("dev=444444444444:dev\n", b);
            // The allow list cannot bring a suspended account back.
            j.assertLogContains("picked=333333333333\n", b);
            j.assertLogNotContains(SandboxJenkins.AWS_SECRET, b);

            // Each listed account is reviewed with its own role (one review per build): the role's account's users,
            // and an account that denies AssumeRole fails its build alone with the reason.
            c.setAwsRoleOverrideJobs("accounts");
            p.setDefinition(new CpsFlowDefinition("""
                    def r = iamListInactive(days: 21, roleArn: 'arn:aws:iam::333333333333:role/OrganizationAccountAccessRole')
                    echo "flagged=" + r.users.collect { u -> u.user }.join(',') + " scanned=${r.scanned}"
                    """, true));
            WorkflowRun web = j.buildAndAssertSuccess(p);
            j.assertLogContains("flagged=web.old-contractor scanned=2", web);
            p.setDefinition(new CpsFlowDefinition("iamListInactive(days: 21, roleArn: "
                    + "'arn:aws:iam::444444444444:role/OrganizationAccountAccessRole')", true));
            WorkflowRun denied = j.buildAndAssertStatus(Result.FAILURE, p);
            j.assertLogContains("not authorized to perform: sts:AssumeRole", denied);
            j.assertLogNotContains("dev.someone", denied);

            // A bad account id is one line; a job outside the job authority is refused before any AWS call.
            p.setDefinition(new CpsFlowDefinition("iamListAccounts(excludeAccounts: ['12345'])", true));
            j.assertLogContains("an AWS account id has 12 digits, got '12345'",
                    j.buildAndAssertStatus(Result.FAILURE, p));
            WorkflowJob other = j.createProject(WorkflowJob.class, "elsewhere");
            other.setDefinition(new CpsFlowDefinition("iamListAccounts()", true));
            j.assertLogContains("job 'elsewhere' may not use the IAM Janitor AWS identity",
                    j.buildAndAssertStatus(Result.FAILURE, other));
        }
        DescribableModel<?> model = DescribableModel.of(IamListAccountsStep.class);
        assertThat(model.getHelp()).isNotBlank();
        for (DescribableParameter arg : model.getParameters()) {
            assertThat(arg.getHelp()).as(arg.getName()).isNotBlank();
        }
    }
}
