package io.jenkins.plugins.iamjanitor.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.iamjanitor.core.config.EffectivePolicy;
import io.jenkins.plugins.iamjanitor.core.policy.ExemptionRule;
import io.jenkins.plugins.iamjanitor.core.policy.PolicySettings;
import io.jenkins.plugins.iamjanitor.plugin.review.RecordedPolicy;
import io.jenkins.plugins.iamjanitor.plugin.review.ReviewScope;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The glue from the global text area, a job's {@code config:} text and the step's arguments to the review scope. */
class StepPolicyTest {
    private static final String GLOBAL = """
            thresholdDays: 30
            gracePeriodDays: 40
            unknownActivity: ignore
            exemptions:
              users:
                - glob: "svc-*"
                  reason: CI service accounts
            """;

    private static JanitorDefaults defaults(String yaml) {
        return new JanitorDefaults(new AwsTarget(null, "us-east-1", null, null), 21, "iam-janitor:exempt", 10, null,
                List.of(), null, null, yaml);
    }

    @Test
    void theJobAndTheArgumentsAddToTheGlobalPolicyAndTheScopeKeepsAllOfIt() {
        EffectivePolicy p = StepPolicy.effective(defaults(GLOBAL), """
                thresholdDays: 35
                unknownActivity: block
                exemptions:
                  groups:
                    - group: BreakGlass
                      reason: incident access
                """, 45, List.of("terraform"), null, List.of("keep"), null);
        assertThat(p.thresholdDays()).isEqualTo(45);
        assertThat(p.gracePeriodDays()).isEqualTo(40);
        assertThat(p.exemptions().rules()).contains(
                new ExemptionRule(ExemptionRule.Kind.USER, "svc-*", "CI service accounts"),
                new ExemptionRule(ExemptionRule.Kind.GROUP, "BreakGlass", "incident access"),
                new ExemptionRule(ExemptionRule.Kind.USER, "terraform", "step argument"),
                new ExemptionRule(ExemptionRule.Kind.TAG, "keep", "step argument"));

        // What the review records is what the live re-check before a deletion applies.
        ReviewScope scope = ReviewScope.of("aws", "eu-west-1", null, p.policySettings());
        PolicySettings again = scope.policySettings();
        assertThat(again.threshold()).isEqualTo(Duration.ofDays(45));
        assertThat(again.gracePeriod()).isEqualTo(Duration.ofDays(40));
        assertThat(again.unknownActivityBlocks()).isTrue();
        assertThat(again.exemptions()).isEqualTo(p.policySettings().exemptions());
        assertThat(scope.describe()).contains("inactive after 45 days", "svc-*", "CI service accounts");
    }

    @Test
    void withoutAFileTheOlderFieldsAreTheGlobalPolicyAndUnknownActivityBlocks() {
        EffectivePolicy p = StepPolicy.effective(new JanitorDefaults(new AwsTarget(null, "us-east-1", null, null),
                25, "keep-me", 10, null, List.of(), null, null), null, null, null, null, null, null);
        assertThat(p.thresholdDays()).isEqualTo(25);
        assertThat(p.policySettings().unknownActivityBlocks()).isTrue();
        assertThat(p.exemptions().tags()).contains("keep-me", "iam-janitor:exempt");
        assertThatThrownBy(() -> StepPolicy.effective(defaults(null), null, 20, null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("policy refused").hasMessageContaining("thresholdDays: 20");
    }

    @Test
    void weakeningIsRefusedInOneLineNamingEveryChange() {
        assertThatThrownBy(() -> StepPolicy.effective(defaults(GLOBAL), """
                thresholdDays: 7
                gracePeriodDays: 1
                """, null, null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("policy refused: 2 problems")
                .hasMessageContaining("thresholdDays: 7 would weaken").hasMessageContaining("gracePeriodDays: 1")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        // The arguments are held to the global file too, not only to the older field.
        assertThatThrownBy(() -> StepPolicy.effective(defaults(GLOBAL), null, 21, null, null, null, null))
                .hasMessageContaining("thresholdDays: 21 would weaken");
        // A job's file with a typo is an error with its line and column, never an ignored key.
        assertThatThrownBy(() -> StepPolicy.effective(defaults(GLOBAL), "exemptons: []\n", null, null, null, null,
                null)).hasMessageContaining("config:1:1");
        assertThatThrownBy(() -> StepPolicy.effective(defaults("thresholdDays: lots\n"), null, null, null, null, null,
                null)).hasMessageStartingWith("the global IAM Janitor policy is invalid: global configuration:1:");
    }

    private static JanitorDefaults configured(String yaml) {
        return new JanitorDefaults(new AwsTarget("aws", "us-east-1", "arn:aws:iam::111122223333:role/field", "x-field"),
                21, "iam-janitor:exempt", 7, "#field-channel", List.of("U1", "U2"), "FIELD", "Task", yaml);
    }

    @Test
    void safetyFieldsArePolicyTheOthersAreDefaultsAndTheGlobalFileLocksWhatItSets() {
        // No text area: the cap and approvers are the fields' and a job may only lower the cap, never add approvers.
        StepPolicy.Resolved r = StepPolicy.resolve(configured(null), List.of(new StepPolicy.JobFile("job.yml", """
                maxDeletions: 3
                slack:
                  channel: "#job-channel"
                jira:
                  project: JOB
                """)), null, null, null, null, null);
        assertThat(r.policy().maxDeletions()).isEqualTo(3);
        assertThat(r.policy().approvers()).containsExactly("U1", "U2");
        assertThat(r.policy().slackChannel()).isEqualTo("#job-channel");
        assertThat(r.policy().jiraProject()).isEqualTo("JOB");
        assertThat(r.policy().jiraIssueType()).isEqualTo("Task");
        assertThat(r.locked()).isEmpty();
        assertThatThrownBy(() -> StepPolicy.resolve(configured(null), List.of(new StepPolicy.JobFile("job.yml", """
                maxDeletions: 8
                approvers: [U9]
                """)), null, null, null, null, null))
                .hasMessageContaining("maxDeletions: 8 would weaken the global policy (maxDeletions: 7")
                .hasMessageContaining("approvers: U9 would weaken");

        // The text area wins over the fields where it sets a value, and locks it for every job.
        String global = """
                maxDeletions: 5
                approvers: [U2]
                slack:
                  channel: "#global-channel"
                jira:
                  doneStatus: Closed
                """;
        StepPolicy.Resolved g = StepPolicy.resolve(configured(global), List.of(), null, null, null, null, null);
        assertThat(g.policy().maxDeletions()).isEqualTo(5);
        assertThat(g.policy().approvers()).containsExactly("U2");
        assertThat(g.policy().slackChannel()).isEqualTo("#global-channel");
        assertThat(g.policy().jiraProject()).isEqualTo("FIELD");
        assertThat(g.policy().jiraDoneStatus()).isEqualTo("Closed");
        assertThat(g.locked()).contains("slack.channel", "maxDeletions", "jira.doneStatus");
        assertThatThrownBy(() -> StepPolicy.resolve(configured(global), List.of(new StepPolicy.JobFile("job.yml",
                "slack:\n  channel: \"#mine\"\n")), null, null, null, null, null))
                .hasMessageContaining("slack.channel: #mine would weaken");
    }

    @Test
    void theRecordedPolicyDrivesTheLaterStepsAndArgumentsOnlyNarrow() {
        JanitorDefaults d = configured("""
                slack:
                  channel: "#global-channel"
                cloudTrail:
                  lookBackDays: 60
                """);
        StepPolicy.Resolved r = StepPolicy.resolve(d, List.of(new StepPolicy.JobFile("job.yml", """
                action: quarantine
                deleteAfterDays: 45
                maxDeletions: 2
                cloudTrail:
                  regions: [eu-west-1]
                jira:
                  project: OPS
                  issueType: Bug
                """)), null, null, null, null, null);
        AwsTarget target = r.target();
        assertThat(target).isEqualTo(d.aws());
        assertThat(r.jobChoseRole()).isFalse();
        RecordedPolicy recorded = r.record(target, d.aws(), r.policy().source());
        ReviewScope scope = ReviewScope.of("aws", "us-east-1", target.roleArn(), r.policy().policySettings(),
                recorded);
        assertThat(scope.remediation()).isEqualTo(new ReviewScope.Remediation("quarantine", 45));
        assertThat(scope.remediation().quarantine()).isTrue();
        assertThat(recorded.externalId()).isNull();
        assertThat(scope.describe()).contains("cap 2 per review", "action quarantine", "Jira project OPS");

        ScopedSettings s = new ScopedSettings(scope, d);
        assertThat(s.maxDeletions()).isEqualTo(2);
        assertThat(s.jiraProject(null)).isEqualTo("OPS");
        assertThat(s.jiraProject("OTHER")).isEqualTo("OTHER");
        assertThat(s.jiraIssueType(null)).isEqualTo("Bug");
        assertThat(s.slackChannel(null)).isEqualTo("#global-channel");
        assertThatThrownBy(() -> s.slackChannel("#elsewhere"))
                .hasMessage("invalid argument 'channel': the global policy file sets slack.channel: #global-channel;"
                        + " a Jenkinsfile may not choose another");
        assertThat(s.cloudTrailDays(null, 90)).isEqualTo(60);
        assertThat(s.cloudTrailDays(90, 90)).isEqualTo(90);
        assertThatThrownBy(() -> s.cloudTrailDays(30, 90)).hasMessageContaining("never less");
        assertThat(s.cloudTrailRegions(List.of("us-west-2"), "us-east-1"))
                .containsExactly("eu-west-1", "us-west-2");
        assertThat(s.jiraDoneStatus()).isEqualTo("Done");
        assertThat(s.backupPath(null, java.nio.file.Path.of("/builds/7/archive"), "rev", null))
                .isEqualTo(java.nio.file.Path.of("/builds/7/archive/iam-janitor-backups"));
        // One review of several in the build (the organisation fan-out): a folder per account unless told otherwise.
        assertThat(s.backupPath(null, java.nio.file.Path.of("/builds/7/archive"), "rev", "111122223333"))
                .isEqualTo(java.nio.file.Path.of("/builds/7/archive/iam-janitor-backups/111122223333"));
        assertThat(s.backupPath("mine", java.nio.file.Path.of("/builds/7/archive"), "rev", "111122223333"))
                .isEqualTo(java.nio.file.Path.of("/builds/7/archive/mine"));
        assertThatThrownBy(() -> s.backupPath("/tmp/x", java.nio.file.Path.of("/a"), "rev", null))
                .hasMessageContaining("must be a relative path inside the build's artifacts");

        // An approver removed from the configuration after the scan no longer counts; a lowered cap holds at once.
        JanitorDefaults later = new JanitorDefaults(d.aws(), 21, "iam-janitor:exempt", 1, null, List.of("U2"), null,
                null, d.policyYaml());
        assertThat(new ScopedSettings(scope, later).approvers()).containsExactly("U2");
        assertThat(new ScopedSettings(scope, later).maxDeletions()).isEqualTo(1);
    }

    @Test
    void aJobsRoleIsItsOwnAndBackupsLeaveTheArtifactsOnlyWhereTheGlobalFileSaysSo() {
        JanitorDefaults d = configured("directories:\n  backups: /srv/iam-backups\n");
        StepPolicy.Resolved r = StepPolicy.resolve(d, List.of(new StepPolicy.JobFile("job.yml", """
                aws:
                  region: eu-central-1
                """)), null, null, null, null, null);
        assertThat(r.target().region()).isEqualTo("eu-central-1");
        assertThat(r.jobChoseRole()).isFalse();
        RecordedPolicy recorded = r.record(r.target(), d.aws(), "x");
        ScopedSettings s = new ScopedSettings(ReviewScope.of("aws", "eu-central-1", null,
                r.policy().policySettings(), recorded), d);
        assertThat(s.backupPath(null, java.nio.file.Path.of("/builds/7/archive"), "rev-1", null))
                .isEqualTo(java.nio.file.Path.of("/srv/iam-backups/rev-1"));
        assertThatThrownBy(() -> s.backupPath("mine", java.nio.file.Path.of("/a"), "rev", null))
                .hasMessageContaining("the global policy file sets directories.backups");

        StepPolicy.Resolved role = StepPolicy.resolve(configured(null), List.of(new StepPolicy.JobFile("job.yml", """
                aws:
                  roleArn: arn:aws:iam::444455556666:role/mine
                  externalId: x-job
                directories:
                  backups: /etc
                """)), null, null, null, null, null);
        assertThat(role.jobChoseRole()).isTrue();
        assertThat(role.target().roleArn()).isEqualTo("arn:aws:iam::444455556666:role/mine");
        assertThatThrownBy(() -> role.record(role.target(), configured(null).aws(), "x"))
                .hasMessageContaining("directories.backups: /etc is outside the build's artifacts");
    }

    @Test
    void aBuildXmlWrittenBeforeThePolicyWasRecordedStillLoadsAndFallsBackToTheConfiguration() {
        hudson.util.XStream2 xs = new hudson.util.XStream2();
        // As an older plugin stored it in build.xml: the scan's fields only.
        String old = """
                <io.jenkins.plugins.iamjanitor.plugin.review.ReviewScope>
                  <awsCredentialsId>aws</awsCredentialsId>
                  <region>us-east-1</region>
                  <days>30</days>
                  <exemptUsers><string>svc-*</string></exemptUsers>
                  <exemptPaths/>
                  <exemptTags/>
                  <exemptGroups/>
                </io.jenkins.plugins.iamjanitor.plugin.review.ReviewScope>
                """;
        ReviewScope scope = (ReviewScope) xs.fromXML(old);
        assertThat(scope.days()).isEqualTo(30);
        assertThat(scope.recorded()).isNull();
        assertThat(scope.remediation()).isEqualTo(new ReviewScope.Remediation("delete", null));
        assertThat(scope.policySettings().gracePeriod()).isEqualTo(Duration.ofDays(30));
        ScopedSettings s = new ScopedSettings(scope, configured(null));
        assertThat(s.maxDeletions()).isEqualTo(7);
        assertThat(s.approvers()).containsExactly("U1", "U2");
        assertThat(s.slackChannel(null)).isEqualTo("#field-channel");
        assertThat(s.jiraProject(null)).isEqualTo("FIELD");
        assertThat(s.cloudTrailDays(30, 90)).isEqualTo(30);
        assertThat(s.cloudTrailRegions(null, "eu-west-1")).containsExactly("eu-west-1");

        // And a scope with the recorded policy survives the same round trip.
        JanitorDefaults d = configured("slack:\n  channel: \"#g\"\n");
        StepPolicy.Resolved r = StepPolicy.resolve(d, List.of(), null, null, null, null, null);
        ReviewScope now = ReviewScope.of("aws", "us-east-1", null, r.policy().policySettings(),
                r.record(r.target(), d.aws(), "global configuration"));
        ReviewScope back = (ReviewScope) xs.fromXML(xs.toXML(now));
        assertThat(back.recorded().slackChannel()).isEqualTo("#g");
        assertThat(back.recorded().locked("slack.channel")).isTrue();
        assertThat(back.recorded().approvers()).containsExactly("U1", "U2");
        assertThat(xs.toXML(now)).doesNotContain("x-field");
    }
}
