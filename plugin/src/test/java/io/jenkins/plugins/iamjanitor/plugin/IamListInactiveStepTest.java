package io.jenkins.plugins.iamjanitor.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.iamjanitor.core.model.IamUser;
import io.jenkins.plugins.iamjanitor.core.port.IamDirectory;
import io.jenkins.plugins.iamjanitor.core.port.ProgressListener;
import io.jenkins.plugins.iamjanitor.core.port.ServiceException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IamListInactiveStepTest {
    final FakeServices services = new FakeServices();
    final FakeStepContext context = new FakeStepContext();
    final FakeIam iam = new FakeIam();

    @BeforeEach
    void iam() {
        services.directory = iam;
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> run(IamListInactiveStep step) throws Exception {
        new IamListInactiveStep.Execution(step, context, services).start();
        assertThat(context.failure()).isNull();
        return (List<Map<String, Object>>) context.result();
    }

    @Test
    void listsInactiveUsersWithEvidenceAsPlainMaps() throws Exception {
        List<Map<String, Object>> result = run(new IamListInactiveStep());

        assertThat(result).extracting(m -> m.get("user")).containsExactly("alice");
        Map<String, Object> alice = result.get(0);
        assertThat(alice).containsEntry("arn", "arn:aws:iam::123456789012:user/alice")
                .containsEntry("daysInactive", 40L).containsEntry("outcome", "INACTIVE");
        assertThat(alice.get("evidence")).asString().contains("ACCESS_KEY", "AKIAALICE0000000001", "LAST_USED");
        assertThat(context.log()).contains("[iam-janitor] Listing IAM users inactive for more than 21 days",
                "inactive: alice (40 days)", "1 of 3 users are inactive");
        assertThat(services.awsTargets).containsExactly(new AwsTarget(null, "us-east-1", null, null));
    }

    @Test
    void stepArgumentsOverrideTheConfiguredDefaults() throws Exception {
        IamListInactiveStep step = new IamListInactiveStep();
        step.setDays(1);
        step.setExemptTags(List.of());
        step.setExemptUsers(List.of("b*"));
        step.setRegion("eu-west-1");
        step.setRoleArn("arn:aws:iam::210987654321:role/iam-janitor");
        step.setAwsCredentialsId("aws-audit");

        assertThat(run(step)).extracting(m -> m.get("user")).containsExactly("alice", "carol");
        assertThat(services.awsTargets).containsExactly(
                new AwsTarget("aws-audit", "eu-west-1", "arn:aws:iam::210987654321:role/iam-janitor", null));
    }

    @Test
    void invalidArgumentsFailBeforeAwsIsCalled() throws Exception {
        IamListInactiveStep days = new IamListInactiveStep();
        days.setDays(0);
        new IamListInactiveStep.Execution(days, context, services).start();
        assertThat(context.failure()).hasMessageContaining("invalid argument 'days'");

        for (IamListInactiveStep bad : List.of(withRegion("Ireland"), withRole("arn:aws:iam::1:user/x"),
                withTags(List.of(" ")))) {
            FakeStepContext c = new FakeStepContext();
            new IamListInactiveStep.Execution(bad, c, services).start();
            assertThat(c.failure()).hasMessageMatching(".*invalid argument '(region|roleArn|exemptTags)'.*");
        }
        assertThat(services.awsTargets).isEmpty();
    }

    @Test
    void secretsReadAfterTheLogOpenedAreMaskedToo() throws Exception {
        // As in Jenkins: the credentials are looked up only when the step builds its AWS client, after the log opened.
        services.directory = new IamDirectory() {
            @Override
            public List<IamUser> listUsers(ProgressListener progress) {
                services.secrets.add("wJalrXUtnFEMI-late-secret");
                throw new ServiceException("IAM", "ListUsers", "Oops",
                        "signature wJalrXUtnFEMI-late-secret refused");
            }

            @Override
            public IamUser withDetails(IamUser user) {
                return user;
            }

            @Override
            public Optional<IamUser> fetchLive(String userName) {
                return Optional.empty();
            }
        };
        new IamListInactiveStep.Execution(new IamListInactiveStep(), context, services).start();
        assertThat(context.failure()).hasMessageContaining("****").hasMessageNotContaining("late-secret");
        assertThat(context.log()).contains("FAILED").doesNotContain("late-secret");
    }

    static IamListInactiveStep withRegion(String r) {
        IamListInactiveStep s = new IamListInactiveStep();
        s.setRegion(r);
        return s;
    }

    static IamListInactiveStep withRole(String r) {
        IamListInactiveStep s = new IamListInactiveStep();
        s.setRoleArn(r);
        return s;
    }

    static IamListInactiveStep withTags(List<String> t) {
        IamListInactiveStep s = new IamListInactiveStep();
        s.setExemptTags(t);
        return s;
    }
}
