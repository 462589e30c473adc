package io.jenkins.plugins.iamjanitor.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The policy's {@code aws} section in the plugin: job authority over a role a job's file picks, locks, the account. */
class ScanTargetTest {
    private static final JobAuthority AUTHORITY = new JobAuthority(List.of("**"), List.of("admin/*"), false);

    private static JanitorDefaults defaults(String yaml) {
        return new JanitorDefaults(new AwsTarget("aws", "us-east-1", null, null), 21, "iam-janitor:exempt", 10, null,
                List.of("U1"), null, null, yaml);
    }

    private static StepPolicy.Resolved resolve(JanitorDefaults d, String job) {
        return StepPolicy.resolve(d, job == null ? List.of() : List.of(new StepPolicy.JobFile("job.yml", job)), null,
                null, null, null, null);
    }

    @Test
    void aRoleChosenByAJobsFileIsTheJobsOwnAndALockedRegionCannotBeReplaced() {
        String role = "aws:\n  roleArn: arn:aws:iam::444455556666:role/audit\n";
        IamListInactiveStep step = new IamListInactiveStep();
        assertThatThrownBy(() -> ScanTarget.of(AUTHORITY, "team/review", step, resolve(defaults(null), role),
                defaults(null))).hasMessageStartingWith("job 'team/review' may not override roleArn");
        AwsTarget t = ScanTarget.of(AUTHORITY, "admin/review", step, resolve(defaults(null), role), defaults(null));
        assertThat(t).isEqualTo(new AwsTarget("aws", "us-east-1", "arn:aws:iam::444455556666:role/audit", null));

        // The same role in the global file is the administrator's: no override needed, and no job may change it.
        StepPolicy.Resolved global = resolve(defaults(role + "  region: eu-west-1\n"), null);
        assertThat(ScanTarget.of(AUTHORITY, "team/review", step, global, defaults(null)).region())
                .isEqualTo("eu-west-1");
        step.setRegion("us-west-2");
        assertThatThrownBy(() -> ScanTarget.of(AUTHORITY, "team/review", step, global, defaults(null)))
                .hasMessage("invalid argument 'region': the global policy file sets aws.region: eu-west-1; a"
                        + " Jenkinsfile may not choose another");
        // Without a global region the step's argument still chooses, as before.
        assertThat(ScanTarget.of(AUTHORITY, "team/review", step, resolve(defaults(null), null), defaults(null))
                .region()).isEqualTo("us-west-2");
    }

    @Test
    void theAccountIsCheckedAndCliOnlyKeysAreNamedInTheLog() {
        StepPolicy.Resolved r = resolve(defaults(null), """
                aws:
                  accountId: "123456789012"
                  profile: prod
                jira:
                  url: https://jira.example.com
                """);
        ScanTarget.checkAccount(r.policy(), "123456789012");
        assertThatThrownBy(() -> ScanTarget.checkAccount(r.policy(), "210987654321"))
                .hasMessage("aws.accountId: the policy expects account 123456789012 but the credentials reached"
                        + " 210987654321; no review was recorded");
        assertThat(ScanTarget.notes(r.policy())).anyMatch(n -> n.startsWith("aws.profile prod is not used"))
                .anyMatch(n -> n.startsWith("jira.url https://jira.example.com is not used"));
        ScanTarget.checkAccount(resolve(defaults(null), null).policy(), null);
    }
}
