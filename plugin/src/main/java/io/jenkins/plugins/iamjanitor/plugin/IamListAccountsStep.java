package io.jenkins.plugins.iamjanitor.plugin;

import hudson.Extension;
import hudson.model.Run;
import io.jenkins.plugins.iamjanitor.core.org.AccountFilter;
import io.jenkins.plugins.iamjanitor.core.org.OrgAccount;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code iamListAccounts(ous: [...], accounts: [...], excludeAccounts: [...], accountTags: [k: v])}: the active
 * accounts of the AWS Organization, listed with the configured AWS identity (the management or a
 * delegated-administrator account), for a Pipeline that fans out one review per account. Read-only. Suspended
 * accounts (and every other account the filter leaves out) are named in the build log with the reason.
 */
public final class IamListAccountsStep extends Step {
    private List<String> ous;
    private List<String> accounts;
    private List<String> excludeAccounts;
    private Object accountTags;
    private String awsCredentialsId;
    private String roleArn;
    private String region;

    @DataBoundConstructor
    public IamListAccountsStep() {
    }

    public List<String> getOus() {
        return ous;
    }

    @DataBoundSetter
    public void setOus(List<String> ous) {
        this.ous = ous;
    }

    public List<String> getAccounts() {
        return accounts;
    }

    @DataBoundSetter
    public void setAccounts(List<String> accounts) {
        this.accounts = accounts;
    }

    public List<String> getExcludeAccounts() {
        return excludeAccounts;
    }

    @DataBoundSetter
    public void setExcludeAccounts(List<String> excludeAccounts) {
        this.excludeAccounts = excludeAccounts;
    }

    public Object getAccountTags() {
        return accountTags;
    }

    @DataBoundSetter
    public void setAccountTags(Object accountTags) {
        this.accountTags = accountTags;
    }

    public String getAwsCredentialsId() {
        return awsCredentialsId;
    }

    @DataBoundSetter
    public void setAwsCredentialsId(String awsCredentialsId) {
        this.awsCredentialsId = StepArguments.blankToNull(awsCredentialsId);
    }

    public String getRoleArn() {
        return roleArn;
    }

    @DataBoundSetter
    public void setRoleArn(String roleArn) {
        this.roleArn = StepArguments.blankToNull(roleArn);
    }

    public String getRegion() {
        return region;
    }

    @DataBoundSetter
    public void setRegion(String region) {
        this.region = StepArguments.blankToNull(region);
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        Run<?, ?> run = context.get(Run.class);
        return new Execution(this, context, JenkinsJanitorServices.forRun(run), run,
                JobAuthority.of(IamJanitorConfiguration.get()));
    }

    @Extension
    public static final class DescriptorImpl extends JanitorStepDescriptor {
        @Override
        public String getFunctionName() {
            return "iamListAccounts";
        }

        @Override
        public String getDisplayName() {
            return "List the active accounts of the AWS Organization";
        }
    }

    static final class Execution extends JanitorSyncExecution<IamListAccountsStep, List<Map<String, Object>>> {
        private static final long serialVersionUID = 1L;
        private final transient Run<?, ?> run;
        private final transient JobAuthority authority;

        Execution(IamListAccountsStep step, StepContext context, JanitorServices services, Run<?, ?> run,
                JobAuthority authority) {
            super("iamListAccounts", step, context, services);
            this.run = run;
            this.authority = authority;
        }

        @Override
        List<Map<String, Object>> work(BuildLog log) {
            Map<String, String> tags = tags(step.accountTags);
            AccountFilter filter = new AccountFilter(
                    new LinkedHashSet<>(StepArguments.strings("ous", step.ous)),
                    new LinkedHashSet<>(StepArguments.strings("accounts", step.accounts)),
                    new LinkedHashSet<>(StepArguments.strings("excludeAccounts", step.excludeAccounts)), tags);
            AwsTarget target = authority.target(run.getParent().getFullName(), step.awsCredentialsId, step.region,
                    step.roleArn, services.defaults().aws());
            log.progress("Listing the accounts of the AWS Organization (region " + target.region()
                    + (target.roleArn() == null ? "" : ", role " + target.roleArn()) + ")");
            AccountFilter.Selection selection = filter.select(
                    services.accountDirectory(target, !tags.isEmpty()).listAccounts(log));
            for (AccountFilter.Skipped s : selection.skipped()) {
                log.progress("  skipped " + s.account().label() + ": " + s.reason());
            }
            List<Map<String, Object>> out = new ArrayList<>();
            for (OrgAccount a : selection.selected()) {
                out.add(account(a));
            }
            log.progress(out.size() + " account(s) selected, " + selection.skipped().size() + " skipped");
            return out;
        }

        /** The account tags to require: a map of strings (a Groovy map literal). */
        static Map<String, String> tags(Object value) {
            if (value == null) {
                return Map.of();
            }
            if (!(value instanceof Map<?, ?> map)) {
                throw StepArguments.invalid("accountTags", "expected a map of tag key to value, got "
                        + value.getClass().getSimpleName());
            }
            Map<String, String> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (e.getKey() == null || String.valueOf(e.getKey()).isBlank() || e.getValue() == null) {
                    throw StepArguments.invalid("accountTags", "every entry needs a tag key and a value");
                }
                out.put(String.valueOf(e.getKey()), String.valueOf(e.getValue()));
            }
            return out;
        }

        static Map<String, Object> account(OrgAccount a) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", a.id());
            m.put("name", a.name());
            m.put("email", a.email());
            m.put("status", a.status());
            m.put("ouPath", a.ouPath());
            m.put("tags", new LinkedHashMap<String, Object>(a.tags()));
            return m;
        }
    }
}
