package io.jenkins.plugins.iamjanitor.integrations.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.iamjanitor.core.config.EffectivePolicy;
import io.jenkins.plugins.iamjanitor.core.config.PolicyError;
import io.jenkins.plugins.iamjanitor.core.config.PolicyException;
import io.jenkins.plugins.iamjanitor.core.config.PolicyFile;
import io.jenkins.plugins.iamjanitor.core.policy.ExemptionRule;
import io.jenkins.plugins.iamjanitor.core.policy.ExemptionRule.Kind;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyFileParserTest {
    static final Path EXAMPLE = Path.of("..", "docs", "iam-janitor.example.yml");
    private final PolicyFileParser parser = new PolicyFileParser();

    private List<PolicyError> errors(String yaml) {
        return parser.validate("iam-janitor.yml", yaml);
    }

    @Test
    void theDocumentedExampleGivesEveryValue() {
        EffectivePolicy p = parser.read(EXAMPLE).effective();

        assertThat(p.thresholdDays()).isEqualTo(30);
        assertThat(p.gracePeriodDays()).isEqualTo(14);
        assertThat(p.unknownActivity()).isEqualTo(PolicyFile.UnknownActivity.block);
        assertThat(p.action()).isEqualTo(PolicyFile.Action.delete);
        assertThat(p.maxDeletions()).isEqualTo(10);
        assertThat(p.exemptions().rules()).startsWith(
                new ExemptionRule(Kind.USER, "svc-*", "CI and integration service accounts, owned by the platform team"),
                new ExemptionRule(Kind.USER, "breakglass-*", "emergency access, audited quarterly"),
                new ExemptionRule(Kind.USER, "terraform", null),
                new ExemptionRule(Kind.PATH, "/system/", "accounts created by AWS services"),
                new ExemptionRule(Kind.TAG, "owner=platform", "the platform team reviews its own accounts"),
                new ExemptionRule(Kind.TAG, "iam-janitor:keep", null));
        assertThat(p.exemptions().groups()).containsExactly("BreakGlass");
        assertThat(p.approvers()).containsExactly("U024BE7LH", "S0614TZR7");
        assertThat(p.slackChannel()).isEqualTo("C0123SECOPS");
        assertThat(List.of(p.jiraUrl(), p.jiraProject(), p.jiraIssueType(), p.jiraDoneStatus()))
                .containsExactly("https://example.atlassian.net", "SEC", "Task", "Done");
        assertThat(p.cloudTrailRegions()).containsExactly("us-east-1", "eu-west-1");
        assertThat(p.cloudTrailLookBackDays()).isEqualTo(90);
        assertThat(List.of(p.reportDir(), p.stateDir(), p.backupDir()))
                .containsExactly("iam-janitor-reports", ".iam-janitor/reviews", "iam-janitor-backups");
        assertThat(p.aws().profile()).isEqualTo("security-audit");
        assertThat(p.aws().roleArn()).isEqualTo("arn:aws:iam::123456789012:role/IamJanitor");
        assertThat(p.aws().externalId()).isEqualTo("iam-janitor-prod");
    }

    @Test
    void anEmptyFileIsTheDefaultPolicy() {
        assertThat(parser.parse("empty.yml", "# nothing yet\n").effective().thresholdDays()).isEqualTo(21);
    }

    @Test
    void typosAreErrorsWithPositionAndSuggestion() {
        List<PolicyError> errors = errors("""
                thresholdDays: 30
                exemption:
                  users: [svc-*]
                slack:
                  chanel: C1
                channel: C2
                """);

        assertThat(errors).extracting(PolicyError::toString).containsExactly(
                "iam-janitor.yml:2:1: unknown key 'exemption' (did you mean 'exemptions'?); allowed here: "
                        + "thresholdDays, gracePeriodDays, unknownActivity, action, deleteAfterDays, maxDeletions, "
                        + "exemptions, approvers, slack, jira, cloudTrail, directories, aws, organization, accounts",
                "iam-janitor.yml:5:3: unknown key 'slack.chanel' (did you mean 'channel'?); allowed here: channel",
                "iam-janitor.yml:6:1: unknown key 'channel' (did you mean 'slack.channel'? it belongs in that "
                        + "section); allowed here: thresholdDays, gracePeriodDays, unknownActivity, action, "
                        + "deleteAfterDays, maxDeletions, exemptions, approvers, slack, jira, cloudTrail, directories, "
                        + "aws, organization, accounts");
    }

    @Test
    void wrongTypesAndValuesAreAllReportedAtOnce() {
        List<PolicyError> errors = errors("""
                thresholdDays: thirty
                maxDeletions: 0
                unknownActivity: maybe
                approvers: U1
                slack: C1
                cloudTrail:
                  lookBackDays: 365
                aws:
                  roleArn: IamJanitor
                exemptions:
                  paths: [system]
                  tags:
                    - value: platform
                """);

        assertThat(errors).extracting(e -> e.line() + ":" + e.column() + " " + e.message()).containsExactly(
                "1:16 thresholdDays must be a whole number from 1 to 3650, got 'thirty'",
                "2:15 maxDeletions must be a whole number from 1 to 10000, got 0",
                "3:18 unknownActivity: 'maybe' is not allowed; allowed values: block, ignore",
                "4:12 approvers must be a list, e.g. [a, b], got 'U1'",
                "5:8 slack must be a section with the keys channel",
                "7:17 cloudTrail.lookBackDays must be a whole number from 1 to 90, got 365",
                "9:12 aws.roleArn: 'IamJanitor' is not arn:aws:iam::123456789012:role/NAME",
                "11:11 exemptions.paths: IAM paths start with '/', e.g. '/system/'; got 'system'",
                "13:7 exemptions.tags item needs 'key' (e.g. key: owner)");
    }

    @Test
    void crossFieldRulesAndDuplicatesAreErrors() {
        List<PolicyError> errors = errors("""
                deleteAfterDays: 30
                thresholdDays: 30
                thresholdDays: 40
                aws:
                  externalId: x
                """);

        assertThat(errors).extracting(PolicyError::message).containsExactly(
                "duplicate key 'thresholdDays' (each key may appear once)",
                "aws.externalId needs aws.roleArn (the role it is passed to)",
                "deleteAfterDays only applies with action: quarantine");
    }

    @Test
    void brokenYamlNamesTheSpot() {
        assertThat(errors("slack:\n  channel: [C1\n")).singleElement()
                .satisfies(e -> assertThat(e.line()).isEqualTo(3))
                .satisfies(e -> assertThat(e.message()).startsWith("not valid YAML"));
    }

    @Test
    void yamlTagsCannotInstantiateAnything() {
        assertThat(errors("thresholdDays: !!javax.script.ScriptEngineManager [x]\n")).singleElement()
                .satisfies(e -> assertThat(e.message()).startsWith("not valid YAML: Global tag is not allowed"));
    }

    @Test
    void aMissingFileSaysNotFound(@TempDir Path dir) {
        assertThatThrownBy(() -> parser.read(dir.resolve("iam-janitor.yml")))
                .isInstanceOf(PolicyException.class).hasMessageEndingWith("iam-janitor.yml: not found");
    }

    @Test
    void reservedSectionsParse() {
        PolicyFile f = parser.parse("org.yml", """
                action: quarantine
                deleteAfterDays: 30
                organization:
                  managementProfile: org-admin
                  roleName: IamJanitor
                  excludeAccounts: ["111111111111"]
                accounts:
                  - name: prod
                    accountId: "222222222222"
                    roleArn: arn:aws:iam::222222222222:role/IamJanitor
                    externalId: x
                """);

        assertThat(f.action()).isEqualTo(PolicyFile.Action.quarantine);
        assertThat(f.deleteAfterDays()).isEqualTo(30);
        assertThat(f.organization().excludeAccounts()).containsExactly("111111111111");
        assertThat(f.accounts()).singleElement().satisfies(a -> assertThat(a.accountId()).isEqualTo("222222222222"));
        assertThat(errors("accounts:\n  - profle: p\n    externalId: x\n")).extracting(PolicyError::message)
                .containsExactly("unknown key 'accounts[].profle' (did you mean 'profile'?); allowed here: name, "
                        + "accountId, profile, region, roleArn, externalId",
                        "accounts[].externalId needs a roleArn in the same entry");
    }
}
