package io.jenkins.plugins.iamjanitor.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Core stays plain Java: no Jenkins, AWS SDK, HTTP client or JSON library may leak in. */
class CoreDependencyRulesTest {
    private static JavaClasses core;

    @BeforeAll
    static void importCore() {
        core = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.jenkins.plugins.iamjanitor.core");
    }

    @Test
    void coreClassesAreImported() {
        // Guards the rules below against passing vacuously on an empty import.
        assertThat(core.size()).isGreaterThan(40);
        assertThat(core.contain("io.jenkins.plugins.iamjanitor.core.policy.InactivityPolicy")).isTrue();
    }

    @Test
    void rulesCatchAViolation() {
        JavaClasses offender = new ClassFileImporter()
                .importClasses(io.jenkins.plugins.iamjanitor.core.archfixture.UsesJsonAndHttp.class);
        assertThatThrownBy(() -> onlyJdkAndCore().check(offender)).hasMessageContaining("org.junit");
        assertThatThrownBy(() -> noForbiddenLibraries().check(offender))
                .hasMessageContaining("java.net.http.HttpClient");
    }

    @Test
    void coreDependsOnlyOnTheJdkAndItself() {
        onlyJdkAndCore().check(core);
    }

    @Test
    void coreNeverTouchesJenkinsAwsHttpOrJson() {
        noForbiddenLibraries().check(core);
    }

    private static ArchRule onlyJdkAndCore() {
        return classes().that().resideInAPackage("io.jenkins.plugins.iamjanitor.core..")
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "javax.crypto..", "io.jenkins.plugins.iamjanitor.core..");
    }

    private static ArchRule noForbiddenLibraries() {
        return noClasses().that().resideInAPackage("io.jenkins.plugins.iamjanitor.core..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "hudson..", "jenkins..", "org.kohsuke..",
                        "software.amazon..",
                        "java.net.http..", "org.apache.http..", "okhttp3..", "com.squareup.okhttp..",
                        "com.fasterxml..", "org.json..", "com.google.gson..", "net.sf.json..");
    }
}
